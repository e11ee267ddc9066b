import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("Promotions")
struct PromotionTests {
    static let now = ConsentFixture.reference

    /// The fixture shop with its demo promotions replaced by known ones around `now`.
    static func shop() throws -> (ConsentFixture.Shop, PromotionService, category: String, productID: Int64) {
        let shop = try ConsentFixture.shop()
        let (category, product) = try shop.store.database.write { db -> (String, Int64) in
            try db.execute(sql: "DELETE FROM promotions")
            let bought = try String.fetchOne(db, sql: "SELECT category FROM products WHERE id = ?", arguments: [shop.productIDs[0]]) ?? ""
            let day: TimeInterval = 86_400
            var p1 = Promotion(title: "category deal", kind: .percent, value: 15, scope: .category, scopeValue: bought,
                               startsAt: now - 5 * day, endsAt: now + 4 * day, publicCode: "CAT15")
            try p1.insert(db)
            var p2 = Promotion(title: "old deal", kind: .amount, value: 10_00, startsAt: now - 30 * day, endsAt: now - day, publicCode: "OLD10")
            try p2.insert(db)
            var p3 = Promotion(title: "big basket", kind: .amount, value: 20_00, minBasketCents: 10_000_000, startsAt: now - day, endsAt: now + day, publicCode: "BIG20")
            try p3.insert(db)
            var p4 = Promotion(title: "personal", kind: .percent, value: 10, startsAt: now - day, endsAt: now + 10 * day)
            try p4.insert(db)
            let other = try Int64.fetchOne(db, sql: "SELECT id FROM customers WHERE id != ? ORDER BY id LIMIT 1", arguments: [shop.customerID]) ?? -1
            try db.execute(sql: "INSERT INTO promotion_codes (code, promotion_id, customer_id, issued_at) VALUES ('THEIRS-1', ?, ?, ?), ('MINE-1', ?, ?, ?)",
                           arguments: [p4.id, other, now, p4.id, shop.customerID, now])
            return (bought, shop.productIDs[0])
        }
        return (shop, PromotionService(store: shop.store, now: { now }), category, product)
    }

    @Test("an offer from the shopper's history says why, and the code applies to their basket")
    func offerApplies() throws {
        let (shop, promotions, category, product) = try Self.shop()
        let offers = try promotions.offers(customerID: shop.customerID)
        let offer = try #require(offers.first { $0.code == "CAT15" })
        #expect(offer.personal)
        #expect(offer.why.hasPrefix("you buy \(category.lowercased()); 15% off"))
        #expect(offers.first?.personal == true)
        let cart = CartService(store: shop.store, now: { Self.now })
        let view = try cart.add(.customer(id: shop.customerID), productID: product, quantity: 2)
        let applied = try promotions.validate(code: "cat15", customerID: shop.customerID, cart: view)
        let eligible = view.lines.filter { $0.productID == product }.map(\.lineTotalCents).reduce(0, +)
        #expect(applied.discountCents == (eligible * 15 + 50) / 100)
    }

    @Test("without personalization consent the offer is shown without a personal reason")
    func offerWithoutConsent() throws {
        let (shop, promotions, _, _) = try Self.shop()
        try ConsentService(store: shop.store).set(.personalization, granted: false, customerID: shop.customerID)
        let offers = try promotions.offers(customerID: shop.customerID)
        let offer = try #require(offers.first { $0.code == "CAT15" })
        #expect(!offer.personal && offer.why.hasPrefix("open to everyone"))
    }

    @Test("refused codes say why", arguments: [
        ("OLD10", "expired"), ("THEIRS-1", "another customer"), ("BIG20", "at least $100000"), ("NOPE", "no promotion code"),
    ])
    func refusals(code: String, reason: String) throws {
        let (shop, promotions, _, product) = try Self.shop()
        let view = try CartService(store: shop.store, now: { Self.now }).add(.customer(id: shop.customerID), productID: product)
        do {
            _ = try promotions.validate(code: code, customerID: shop.customerID, cart: view)
            Issue.record("\(code) was accepted")
        } catch let refusal as PromotionRefusal {
            #expect(refusal.description.contains(reason), "\(refusal)")
        }
    }

    @Test("a single-use code lands in the order's totals and is refused the second time as already used")
    func discountInOrder() throws {
        let (shop, promotions, _, product) = try Self.shop()
        let cart = CartService(store: shop.store, now: { Self.now })
        let owner = CartOwner.customer(id: shop.customerID)
        let view = try cart.add(owner, productID: product)
        let (receipt, totals) = try promotions.checkout(cart: cart, owner: owner, code: "MINE-1")
        #expect(totals.discountCents == (view.subtotalCents * 10 + 50) / 100)
        #expect(totals.discountCents > 0)
        let order = try #require(try shop.store.database.read { db in try Order.fetchOne(db, sql: "SELECT * FROM orders WHERE number = ?", arguments: [receipt.orderNumber]) })
        #expect(order.discountCents == totals.discountCents)
        #expect(order.totalCents == order.subtotalCents - order.discountCents + order.shippingCents)
        #expect(receipt.totalCents == order.totalCents)
        let again = try cart.add(owner, productID: product)
        #expect(throws: PromotionRefusal.alreadyUsed("MINE-1")) { try promotions.validate(code: "MINE-1", customerID: shop.customerID, cart: again) }
    }

    @Test("a new store has the demo promotions from the migration")
    func seeded() throws {
        let store = try ShopStore.inMemory()
        let codes = try store.database.read { db in try String.fetchAll(db, sql: "SELECT public_code FROM promotions WHERE public_code IS NOT NULL ORDER BY id") }
        #expect(codes == ["RUN15", "LAPTOP20"])
    }
}
