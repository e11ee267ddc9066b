import Foundation
import GRDB
import Testing
@testable import Commerce

/// A small shop with one customer whose personal data is easy to find byte by byte.
enum ConsentFixture {
    static let reference = Date(timeIntervalSince1970: 1_795_564_800)
    static let name = "Zebediah Quortle"
    static let email = "zebediah.quortle@example.org"
    static let postcode = "QX9 7ZZ"
    static let said = "please find waterproof trail shoes for my marathon in Ulaanbaatar"

    struct Shop {
        var store: ShopStore
        var customerID: Int64
        var productIDs: [Int64]
    }

    /// A fresh file store: a tiny demo catalog plus the marked customer with an order, a session
    /// with turns, events and an idle cart.
    static func shop(personalization: Bool = true, marketing: Bool = true) throws -> Shop {
        let store = try ShopStore.temporary(prefix: "shopassist-personal")
        try DemoShop.fill(store, options: DemoShopOptions(seed: 3, products: 60, customers: 8, orders: 40, referenceDate: reference))
        let (id, products) = try store.database.write { db -> (Int64, [Int64]) in
            var c = Customer(name: name, email: email, postcode: postcode, loyaltyTier: .gold,
                             consentPersonalization: personalization, consentMarketing: marketing, createdAt: reference.addingTimeInterval(-90 * 86_400))
            try c.insert(db)
            let id = c.id ?? -1
            let products = try Int64.fetchAll(db, sql: "SELECT id FROM products ORDER BY id LIMIT 6")
            var order = Order(number: "A7770001", customerId: id, email: email, status: .delivered, createdAt: reference.addingTimeInterval(-20 * 86_400),
                              updatedAt: reference.addingTimeInterval(-20 * 86_400), subtotalCents: 100_00, shippingCents: 0, discountCents: 0,
                              totalCents: 100_00, currency: "USD", shippingName: name, shippingPostcode: postcode)
            try order.insert(db)
            try db.execute(sql: "INSERT INTO order_lines (order_id, product_id, sku, title, quantity, unit_price_cents) SELECT ?, id, sku, title, 1, 10000 FROM products WHERE id = ?",
                           arguments: [order.id, products[0]])
            try ConversationSession(id: "sess-zq", customerId: id, state: "{\"said\":\"\(said)\"}", createdAt: reference.addingTimeInterval(-86_400)).insert(db)
            var turn = ConversationTurn(sessionId: "sess-zq", turnIndex: 0, userText: said, reply: "{\"text\":\"Hello \(name)\"}",
                                        parse: "{\"text\":\"\(said)\"}", at: reference.addingTimeInterval(-86_400))
            try turn.insert(db)
            for hour in [19, 20, 20] {
                var e = ShopEvent(at: reference.addingTimeInterval(Double(-3 * 86_400 + hour * 3600)), type: .productClicked, sessionId: "sess-zq",
                                  customerId: id, productId: products[1], payload: "{\"query\":\"\(said)\"}")
                try e.insert(db)
            }
            var cart = Cart(customerId: id, sessionId: "sess-zq", status: .active, currency: "USD",
                            createdAt: reference.addingTimeInterval(-2 * 86_400), updatedAt: reference.addingTimeInterval(-2 * 86_400))
            try cart.insert(db)
            try db.execute(sql: "INSERT INTO cart_lines (cart_id, product_id, quantity, unit_price_cents, added_at) VALUES (?, ?, 1, 5000, ?)",
                           arguments: [cart.id, products[2], reference.addingTimeInterval(-2 * 86_400)])
            return (id, products)
        }
        return Shop(store: store, customerID: id, productIDs: products)
    }
}

@Suite("Data rights: export and forget")
struct DataRightsTests {
    @Test("the export holds profile, consent history, orders with lines, sessions with turns, events and carts")
    func exportHoldsEverything() throws {
        let shop = try ConsentFixture.shop()
        try ConsentService(store: shop.store).set(.marketing, granted: false, customerID: shop.customerID)
        let json = try CustomerDataExport(store: shop.store).json(customerID: shop.customerID)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for section in CustomerDataExport.sections { #expect(object[section] != nil, "missing \(section)") }
        let profile = try #require(object["profile"] as? [String: Any])
        #expect(profile["email"] as? String == ConsentFixture.email)
        #expect((object["consent_history"] as? [Any])?.count == 1)
        let orders = try #require(object["orders"] as? [[String: Any]])
        #expect(orders.count == 1)
        #expect((orders.first?["lines"] as? [Any])?.count == 1)
        let sessions = try #require(object["sessions"] as? [[String: Any]])
        let turns = try #require(sessions.first?["turns"] as? [[String: Any]])
        #expect(turns.first?["user_text"] as? String == ConsentFixture.said)
        #expect((object["events"] as? [Any])?.count == 3)
        #expect(((object["carts"] as? [[String: Any]])?.first?["lines"] as? [Any])?.count == 1)
    }

    @Test("exporting an unknown customer names the id")
    func exportUnknown() throws {
        let store = try ShopStore.inMemory()
        #expect(throws: DataRightsError.unknownCustomer(42)) { try CustomerDataExport(store: store).json(customerID: 42) }
    }

    @Test("after forget, checkpoint and VACUUM, no byte of the file or WAL holds the name, email, postcode or what was said")
    func forgetLeavesNoBytes() throws {
        let shop = try ConsentFixture.shop()
        let path = try #require(shop.store.path)
        try CustomerErasure.compact(shop.store)
        // The scan must be able to fail: before the erase the data is there.
        #expect(Self.scan(path, for: ConsentFixture.email))
        let summary = try CustomerErasure(store: shop.store).forget(customerID: shop.customerID)
        #expect(summary.orders == 1 && summary.turns == 1 && summary.events == 3)
        try CustomerErasure.compact(shop.store)
        for needle in [ConsentFixture.name, ConsentFixture.email, ConsentFixture.postcode, ConsentFixture.said, "Ulaanbaatar", "Quortle"] {
            #expect(!Self.scan(path, for: needle), "found '\(needle)' in the store files")
        }
    }

    @Test("forget keeps the order for accounting, detaches events, blocks sign-in and logs only counts")
    func forgetKeepsAccounting() throws {
        let shop = try ConsentFixture.shop()
        try CustomerErasure(store: shop.store).forget(customerID: shop.customerID)
        try shop.store.database.read { db in
            let order = try #require(try Order.fetchOne(db, sql: "SELECT * FROM orders WHERE number = 'A7770001'"))
            #expect(order.totalCents == 100_00 && order.customerId == nil && order.shippingName.isEmpty && order.shippingPostcode.isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM order_lines WHERE order_id = ?", arguments: [order.id]) == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE customer_id = ?", arguments: [shop.customerID]) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM turns WHERE session_id = 'sess-zq'") == 0)
            #expect(try !CustomerErasure.canSignIn(db, email: ConsentFixture.email))
            let log = try #require(try String.fetchOne(db, sql: "SELECT summary FROM data_rights_log WHERE customer_id = ?", arguments: [shop.customerID]))
            #expect(!log.contains(ConsentFixture.email) && !log.contains(ConsentFixture.name))
        }
        #expect(throws: DataRightsError.alreadyErased(shop.customerID)) { try CustomerErasure(store: shop.store).forget(customerID: shop.customerID) }
    }

    static func scan(_ path: String, for needle: String) -> Bool {
        let bytes = Data(needle.utf8)
        for file in [path, path + "-wal"] {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            if data.range(of: bytes) != nil { return true }
        }
        return false
    }
}
