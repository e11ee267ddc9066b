import Foundation
import GRDB

/// Promotions: which apply to a shopper now (and why), issuing single-use codes, validating a
/// code against a basket, and applying it at checkout.
///
/// Why "why": every personal offer names the history or tier it comes from, and without
/// personalization consent only offers open to everyone are shown, with non-personal reasons.
public struct PromotionService: Sendable {
    public let store: ShopStore
    public let now: @Sendable () -> Date

    public init(store: ShopStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    // MARK: - Offers

    /// The promotions that apply to the shopper now, personal ones (from history and tier) first.
    public func offers(customerID: Int64?) throws -> [PromotionOffer] {
        let at = now()
        return try store.database.read { db in
            let promotions = try Promotion.fetchAll(db.cachedStatement(sql: "SELECT * FROM promotions WHERE starts_at <= ? AND ends_at >= ? ORDER BY id"), arguments: [at, at])
            var customer: Customer?
            if let customerID { customer = try Customer.fetchOne(db, key: customerID) }
            let personal = (customer?.consentPersonalization ?? false) && !(customer?.erased ?? true)
            let tier = customer?.loyaltyTier ?? .none
            var bought: [String: String] = [:]   // lowercased category/brand -> as written
            var codes: [Int64: String] = [:]
            if let customerID, personal {
                for row in try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT DISTINCT p.category, p.brand FROM order_lines l JOIN orders o ON o.id = l.order_id
                    JOIN products p ON p.id = l.product_id WHERE o.customer_id = ?
                    """), arguments: [customerID]) {
                    let c: String = row["category"], b: String = row["brand"]
                    bought[c.lowercased()] = c; bought[b.lowercased()] = b
                }
            }
            if let customerID {
                for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT promotion_id, code FROM promotion_codes WHERE customer_id = ? AND used_at IS NULL"), arguments: [customerID]) {
                    codes[row["promotion_id"]] = row["code"]
                }
            }
            var offers: [PromotionOffer] = []
            for p in promotions {
                guard let id = p.id else { continue }
                let issued = codes[id]
                if p.minTier != .none && (!personal || tier.rank < p.minTier.rank) && issued == nil { continue }
                if p.publicCode == nil && p.minTier == .none && issued == nil { continue }
                let until = "until \(Self.weekdayOrDay(p.endsAt, from: at))"
                let scopeName = p.scope == .all ? "everything" : p.scopeValue.lowercased()
                var terms = "\(p.valueText) \(scopeName) \(until)"
                if p.minBasketCents > 0 { terms += " on baskets over \(RecommendationReason.money(p.minBasketCents))" }
                let reason: String
                var isPersonal = false
                if personal, p.scope == .category || p.scope == .brand, bought[p.scopeValue.lowercased()] != nil {
                    reason = "you buy \(scopeName)"; isPersonal = true
                } else if personal, p.minTier != .none {
                    reason = "as a \(tier.rawValue) member"; isPersonal = true
                } else if issued != nil {
                    reason = "a code issued to you"; isPersonal = true
                } else {
                    reason = "open to everyone"
                }
                offers.append(PromotionOffer(promotion: p, code: issued ?? p.publicCode, reason: reason, terms: terms, personal: isPersonal))
            }
            return offers.enumerated().sorted { ($0.element.personal ? 0 : 1, $0.offset) < ($1.element.personal ? 0 : 1, $1.offset) }.map(\.element)
        }
    }

    // MARK: - Codes

    /// Issues a single-use code for one customer (e.g. `SAVE-7-3F9K2Q`).
    @discardableResult
    public func issueCode(promotionID: Int64, customerID: Int64, code: String? = nil) throws -> String {
        let at = now()
        let text = (code ?? "SAVE-\(customerID)-\(String(UUID().uuidString.prefix(6)))").uppercased()
        try store.database.write { db in
            try db.execute(sql: "INSERT INTO promotion_codes (code, promotion_id, customer_id, issued_at) VALUES (?, ?, ?, ?)",
                           arguments: [text, promotionID, customerID, at])
        }
        return text
    }

    /// Checks a code against a basket for a shopper; returns the discount or throws a `PromotionRefusal`.
    public func validate(code: String, customerID: Int64?, cart: CartView) throws -> AppliedPromotion {
        try store.database.read { db in try Self.validate(db, code: code, customerID: customerID, cart: cart, at: now()) }
    }

    static func validate(_ db: Database, code raw: String, customerID: Int64?, cart: CartView, at: Date) throws -> AppliedPromotion {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        var promotion: Promotion?
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT promotion_id, customer_id, used_at FROM promotion_codes WHERE code = ?"), arguments: [code]) {
            let owner: Int64? = row["customer_id"]
            if let owner, owner != customerID { throw PromotionRefusal.notYours(code) }
            if (row["used_at"] as Date?) != nil { throw PromotionRefusal.alreadyUsed(code) }
            promotion = try Promotion.fetchOne(db, key: row["promotion_id"] as Int64)
        } else {
            promotion = try Promotion.fetchOne(db.cachedStatement(sql: "SELECT * FROM promotions WHERE public_code = ?"), arguments: [code])
            if let promotion, let id = promotion.id, let customerID,
               try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM order_promotions op JOIN orders o ON o.id = op.order_id WHERE op.promotion_id = ? AND o.customer_id = ?"),
                                arguments: [id, customerID]) != nil {
                throw PromotionRefusal.alreadyUsed(code)
            }
        }
        guard let promotion else { throw PromotionRefusal.unknownCode(code) }
        if at > promotion.endsAt { throw PromotionRefusal.expired(code: code, endedAt: promotion.endsAt) }
        if at < promotion.startsAt { throw PromotionRefusal.notStarted(code: code, startsAt: promotion.startsAt) }
        if promotion.minTier != .none {
            let tier = try customerID.flatMap { try Customer.fetchOne(db, key: $0)?.loyaltyTier } ?? .none
            if tier.rank < promotion.minTier.rank { throw PromotionRefusal.tierTooLow(code: code, required: promotion.minTier) }
        }
        if cart.subtotalCents < promotion.minBasketCents {
            throw PromotionRefusal.basketTooSmall(code: code, minimumCents: promotion.minBasketCents, subtotalCents: cart.subtotalCents)
        }
        var eligible = 0
        for line in cart.lines {
            if try inScope(db, promotion, productID: line.productID) { eligible += line.lineTotalCents }
        }
        guard eligible > 0 else { throw PromotionRefusal.nothingInScope(code: code, scope: promotion.scopeValue.lowercased()) }
        let discount: Int
        switch promotion.kind {
        case .percent: discount = (eligible * promotion.value + 50) / 100
        case .amount: discount = min(promotion.value, eligible)
        }
        return AppliedPromotion(promotion: promotion, code: code, discountCents: discount)
    }

    static func inScope(_ db: Database, _ p: Promotion, productID: Int64) throws -> Bool {
        switch p.scope {
        case .all: return true
        case .product: return String(productID) == p.scopeValue
        case .category: return try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM products WHERE id = ? AND category = ? COLLATE NOCASE"), arguments: [productID, p.scopeValue]) != nil
        case .brand: return try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM products WHERE id = ? AND brand = ? COLLATE NOCASE"), arguments: [productID, p.scopeValue]) != nil
        }
    }

    /// The cart's totals with a discount taken off (shipping as the cart computed it).
    public static func totals(_ cart: CartView, _ applied: AppliedPromotion?) -> DiscountedTotals {
        let discount = min(applied?.discountCents ?? 0, cart.subtotalCents)
        return DiscountedTotals(subtotalCents: cart.subtotalCents, discountCents: discount, shippingCents: cart.shippingCents,
                                totalCents: cart.subtotalCents - discount + cart.shippingCents)
    }

    // MARK: - Checkout

    /// Checks out with a code: validates it first (refusing changes nothing), places the order
    /// through `CartService`, then records the discount on the order and marks the code used.
    public func checkout(cart service: CartService, owner: CartOwner, code: String, details: CheckoutDetails = CheckoutDetails()) throws -> (CheckoutReceipt, DiscountedTotals) {
        let customerID: Int64? = { if case let .customer(id) = owner { return id } else { return nil } }()
        let cartView = try service.view(owner)
        let applied = try validate(code: code, customerID: customerID, cart: cartView)
        var receipt = try service.checkout(owner, details: details)
        let totals = Self.totals(cartView, applied)
        let at = now()
        try store.database.write { db in
            guard let orderID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM orders WHERE number = ?"), arguments: [receipt.orderNumber]) else { return }
            try db.execute(sql: "UPDATE orders SET discount_cents = ?, total_cents = subtotal_cents - ? + shipping_cents WHERE id = ?",
                           arguments: [totals.discountCents, totals.discountCents, orderID])
            try db.execute(sql: "INSERT INTO order_promotions (order_id, promotion_id, code, discount_cents) VALUES (?, ?, ?, ?)",
                           arguments: [orderID, applied.promotion.id, applied.code, totals.discountCents])
            try db.cachedStatement(sql: "UPDATE promotion_codes SET used_at = ?, order_id = ? WHERE code = ?").execute(arguments: [at, orderID, applied.code])
        }
        receipt.totalCents = totals.totalCents
        return (receipt, totals)
    }

    static func day(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC"); f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// "Sunday" within a week, else the date.
    static func weekdayOrDay(_ date: Date, from now: Date) -> String {
        guard date.timeIntervalSince(now) < 7 * 86_400 else { return day(date) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC"); f.dateFormat = "EEEE"
        return f.string(from: date)
    }
}
