import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("Store schema")
struct SchemaTests {
    @Test("migrations apply to an empty database and create every table")
    func migrationsCreateTables() throws {
        let store = try ShopStore.inMemory()
        let tables = try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")
        }
        for table in ShopSchema.mainTables + ["products_fts"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try store.appliedMigrations() == ShopSchema.migrationNames)
    }

    @Test("migrating twice changes nothing")
    func migrationsAreIdempotent() throws {
        let store = try ShopStore.temporary()
        defer { DemoFixture.remove(store.path) }
        let before = try store.database.read { db in try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name") }
        try store.migrate()
        let reopened = try ShopStore.open(at: try #require(store.path))
        let after = try reopened.database.read { db in try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name") }
        #expect(before == after)
        #expect(try reopened.appliedMigrations() == ShopSchema.migrationNames)
    }

    @Test("a file store runs in WAL mode with foreign keys on")
    func walAndForeignKeys() throws {
        let store = try ShopStore.temporary()
        defer { DemoFixture.remove(store.path) }
        let (mode, fk) = try store.database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(fk == 1)
        // A line pointing at a missing order is refused.
        #expect(throws: DatabaseError.self) {
            try store.database.write { db in
                var line = OrderLine(orderId: 999, productId: nil, sku: "X", title: "x", quantity: 1, unitPriceCents: 100)
                try line.insert(db)
            }
        }
    }

    @Test("records round-trip through their snake_case tables")
    func recordsRoundTrip() throws {
        let store = try ShopStore.inMemory()
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        try store.database.write { db in
            var product = Product(sku: "SKU-1", title: "Trailblaze 3 Trail Running Shoe", brand: "Northpeak", category: "Running Shoes", priceCents: 12999, rating: 4.5, reviewCount: 12, stock: 3, createdAt: now)
            try product.insert(db)
            let pid = try #require(product.id)
            var variant = ProductVariant(productId: pid, sku: "SKU-1-10", size: "10", color: "Black", stock: 2, options: ["Size": "10", "Color": "Black"])
            try variant.insert(db)
            var attribute = ProductAttribute(productId: pid, name: "drop", valueText: "8 mm", valueNumber: 8, unit: "mm", better: nil)
            try attribute.insert(db)
            var customer = Customer(name: "Ada Park", email: "ada@example.com", postcode: "94110", loyaltyTier: .gold, consentPersonalization: true, consentPersonalizationAt: now, createdAt: now)
            try customer.insert(db)
            var order = Order(number: "A10234", customerId: customer.id, email: customer.email, status: .outForDelivery, createdAt: now, totalCents: 12999)
            try order.insert(db)
            var event = ShopEvent(at: now, type: .recommendationShown, customerId: customer.id, productId: pid, sku: "SKU-1")
            try event.insert(db)
            try ConversationSession(id: "s-1", createdAt: now).insert(db)
        }
        try store.database.read { db in
            let product = try #require(try Product.filter(Product.Columns.sku == "SKU-1").fetchOne(db))
            #expect(product.priceCents == 12999 && product.price == Decimal(string: "129.99"))
            let variant = try #require(try ProductVariant.fetchOne(db))
            #expect(variant.options == ["Size": "10", "Color": "Black"])
            let order = try #require(try Order.fetchOne(db))
            #expect(order.status == .outForDelivery)
            #expect(try String.fetchOne(db, sql: "SELECT status FROM orders") == "out_for_delivery")
            let customer = try #require(try Customer.fetchOne(db))
            #expect(customer.loyaltyTier == .gold && customer.consentPersonalizationAt == now)
            let event = try #require(try ShopEvent.fetchOne(db))
            #expect(event.type == .recommendationShown)
        }
    }

    @Test("FTS index follows inserts, updates and deletes through triggers")
    func ftsTriggers() throws {
        let store = try ShopStore.inMemory()
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        func hits(_ q: String) throws -> Int {
            try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products_fts WHERE products_fts MATCH ?", arguments: [q]) ?? 0 }
        }
        var product = Product(sku: "P1", title: "Café Espresso Machine", brand: "Brewhaus", category: "Coffee Makers", priceCents: 19900, createdAt: now)
        try store.database.write { db in try product.insert(db) }
        #expect(try hits("cafe") == 1)
        #expect(try hits("machines") == 1)
        product.title = "Drip Coffee Maker"
        try store.database.write { db in try product.update(db) }
        #expect(try hits("espresso") == 0)
        #expect(try hits("drip") == 1)
        _ = try store.database.write { db in try product.delete(db) }
        #expect(try hits("drip") == 0)
    }
}

@Suite("Session records")
struct SessionRecordTests {
    @Test("a session save loses to a concurrent save of the same version")
    func optimisticLocking() throws {
        let store = try ShopStore.inMemory()
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        var first = ConversationSession(id: "s-1", createdAt: now)
        #expect(try store.database.write { db in try first.saveIfUnchanged(db, at: now) })
        #expect(first.version == 1)
        var a = try #require(try store.database.read { db in try ConversationSession.fetchOne(db, key: "s-1") })
        var b = a
        a.state = "{\"turn\":\"a\"}"
        b.state = "{\"turn\":\"b\"}"
        #expect(try store.database.write { db in try a.saveIfUnchanged(db, at: now) })
        #expect(try !store.database.write { db in try b.saveIfUnchanged(db, at: now) })
        let stored = try #require(try store.database.read { db in try ConversationSession.fetchOne(db, key: "s-1") })
        #expect(stored.state == "{\"turn\":\"a\"}" && stored.version == 2 && b.version == 1)
    }
}
