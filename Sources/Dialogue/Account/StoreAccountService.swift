import Commerce
import Foundation
import GRDB

/// The dialogue's `AccountServicing` over the store: abandoned cart (mentioned once), promotions
/// with why, delivery options, the data summary, and forgetting — each through the Commerce
/// service that owns the rule (consent is checked there, not here).
public struct StoreAccountService: AccountServicing {
    public let store: ShopStore
    public let now: @Sendable () -> Date
    /// How long a cart must sit untouched before the assistant mentions it.
    public let idle: TimeInterval

    public init(store: ShopStore, idle: TimeInterval = 24 * 3600, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.idle = idle
        self.now = now
    }

    public func abandonedCart(customer: String) throws -> CartView? {
        guard let id = Int64(customer) else { return nil }
        guard try AbandonedCartService(store: store, idle: idle, now: now).mentionOnce(customerID: id) != nil else { return nil }
        let view = try CartService(store: store, now: now).view(.customer(id: id))
        let skus = try store.database.read { db in
            try Dictionary(uniqueKeysWithValues: view.lines.map { line in
                (line.lineID, try String.fetchOne(db.cachedStatement(sql: "SELECT COALESCE((SELECT sku FROM product_variants WHERE id = ?), (SELECT sku FROM products WHERE id = ?))"),
                                                  arguments: [line.variantID, line.productID]) ?? "")
            })
        }
        let lines = view.lines.map { l in
            CartView.Line(sku: skus[l.lineID] ?? "", title: l.title, quantity: l.quantity,
                          unitPrice: Double(l.unitPriceCents) / 100, lineTotal: Double(l.lineTotalCents) / 100)
        }
        return CartView(lines: lines, subtotal: Double(view.subtotalCents) / 100, shipping: Double(view.shippingCents) / 100,
                        total: Double(view.totalCents) / 100, currency: view.currency)
    }

    public func promotions(customer: String?) throws -> [String] {
        try PromotionService(store: store, now: now).offers(customerID: customer.flatMap { Int64($0) }).map { offer in
            // "15% off running shoes until 31 Dec with code RUN15 (you buy running shoes)"
            let code = offer.code.map { " with code \($0)" } ?? ""
            return "\(offer.terms)\(code) (\(offer.reason))"
        }
    }

    public func deliveryOptions(postcode: String?, customer: String?) throws -> [String] {
        let id = customer.flatMap { Int64($0) }
        var code = postcode
        if code == nil, let id {
            code = try store.database.read { db in try String.fetchOne(db.cachedStatement(sql: "SELECT postcode FROM customers WHERE id = ? AND erased = 0"), arguments: [id]) }
        }
        guard let code, !code.isEmpty else { return [] }
        do {
            return try DeliveryService(store: store, now: now).options(postcode: code, customerID: id).map(\.text)
        } catch let error as DeliveryError {
            throw ServiceRefusal(error.description)
        }
    }

    public func exportSummary(customer: String) throws -> String {
        guard let id = Int64(customer) else { throw ServiceRefusal("I could not find your account") }
        return try ConsentService(store: store, now: now).whatWeKnow(customerID: id)
    }

    public func forget(customer: String) throws {
        guard let id = Int64(customer) else { throw ServiceRefusal("I could not find your account") }
        do {
            try CustomerErasure(store: store, now: now).forget(customerID: id)
        } catch let error as DataRightsError {
            throw ServiceRefusal(error.description)
        }
    }

    /// "stop personalizing" / "you may personalize": changes consent and says what changed.
    public func setPersonalization(_ granted: Bool, customer: String) throws -> String {
        guard let id = Int64(customer) else { throw ServiceRefusal("I could not find your account") }
        try ConsentService(store: store, now: now).set(.personalization, granted: granted, customerID: id)
        return granted ? "Personalization is on: I will use your purchases to suggest things and pick offers for you."
                       : "Personalization is off: I will no longer use your history, and new activity is stored without your name."
    }
}
