import Foundation
import Synchronization
import GRDB
import Testing
@testable import Commerce

@Suite("Demo shop")
struct DemoShopTests {
    /// Every row of every main table, as text, in id order.
    static func dump(_ store: ShopStore) throws -> [String] {
        try store.database.read { db in
            var lines: [String] = []
            for table in ShopSchema.mainTables {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid") {
                    lines.append(table + " " + row.description)
                }
            }
            return lines
        }
    }

    @Test("the same seed and date give a byte-identical store file")
    func sameSeedSameFile() throws {
        let a = DemoFixture.temporaryPath(), b = DemoFixture.temporaryPath()
        defer { DemoFixture.remove(a); DemoFixture.remove(b) }
        let options = DemoFixture.options(seed: 11, products: 150, customers: 30, orders: 120)
        try DemoShop.build(at: a, options: options)
        try DemoShop.build(at: b, options: options)
        let bytesA = try Data(contentsOf: URL(fileURLWithPath: a)), bytesB = try Data(contentsOf: URL(fileURLWithPath: b))
        #expect(bytesA.count > 100_000)
        #expect(bytesA == bytesB)
    }

    @Test("progress counts up within each phase and reports each phase's total once")
    func progressReportsEachTotalOnce() throws {
        // 150 products and 100 orders: both totals are multiples of their reporting steps,
        // where the last step and the closing report used to repeat the total.
        let options = DemoFixture.options(seed: 11, products: 150, customers: 30, orders: 100)
        let reports = Mutex<[DemoProgress]>([])
        try DemoShop.fill(try ShopStore.inMemory(), options: options) { p in reports.withLock { $0.append(p) } }
        let all = reports.withLock { $0 }
        for phase in [DemoProgress.Phase.products, .orders] {
            let done = all.filter { $0.phase == phase }.map(\.done)
            #expect(done.last == (phase == .products ? 150 : 100))
            #expect(zip(done, done.dropFirst()).allSatisfy { $0 < $1 }, "\(phase): \(done)")
        }
    }

    @Test("the same seed gives the same rows; another seed gives other rows")
    func determinism() throws {
        let options = DemoFixture.options(seed: 11, products: 150, customers: 30, orders: 120)
        let one = try ShopStore.inMemory(), two = try ShopStore.inMemory(), other = try ShopStore.inMemory()
        try DemoShop.fill(one, options: options)
        try DemoShop.fill(two, options: options)
        var changed = options
        changed.seed = 12
        try DemoShop.fill(other, options: changed)
        let dumpOne = try Self.dump(one)
        #expect(dumpOne == (try Self.dump(two)))
        #expect(dumpOne != (try Self.dump(other)))
    }

    @Test("the shop has the requested counts, every order status, 12+ categories and 40+ brands")
    func counts() throws {
        let store = try DemoFixture.shop()
        let counts = try store.tableCounts()
        #expect(counts["products"] == 300)
        #expect(counts["customers"] == 200)
        #expect(counts["orders"] == 2_000)
        #expect((counts["product_attributes"] ?? 0) >= 300)
        #expect((counts["events"] ?? 0) > 1_000)
        #expect((counts["carts"] ?? 0) >= 2)
        try store.database.read { db in
            let statuses = Set(try String.fetchAll(db, sql: "SELECT DISTINCT status FROM orders"))
            #expect(statuses == Set(OrderStatus.allCases.map(\.rawValue)))
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT category) FROM products") ?? 0 >= 12)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products WHERE stock = 0") ?? 0 > 0)
            let numbers = try String.fetchAll(db, sql: "SELECT number FROM orders")
            #expect(numbers.allSatisfy { $0.wholeMatch(of: /A[0-9]{5,7}/) != nil })
        }
        #expect(Set(DemoCatalogSpec.categories.flatMap(\.brands)).count >= 40)
    }

    @Test("shipment timelines are consistent with each order's status")
    func timelines() throws {
        let store = try DemoFixture.shop()
        let now = DemoFixture.reference
        try store.database.read { db in
            for order in try Order.fetchAll(db) {
                let shipments = try Shipment.filter(Column("order_id") == order.id).fetchAll(db)
                switch order.status {
                case .placed, .processing, .cancelled:
                    #expect(shipments.isEmpty, "order \(order.number) is \(order.status) but has a shipment")
                    continue
                default:
                    #expect(shipments.count == 1, "order \(order.number) is \(order.status) without a shipment")
                }
                guard let shipment = shipments.first, let shippedAt = shipment.shippedAt else { continue }
                #expect(shippedAt >= order.createdAt)
                let events = try TrackingEvent.filter(Column("shipment_id") == shipment.id).order(Column("id")).fetchAll(db)
                #expect(events.map(\.at) == events.map(\.at).sorted(), "events of \(order.number) out of order")
                #expect(events.allSatisfy { $0.at <= now }, "order \(order.number) has an event in the future")
                #expect(events.first?.status == "label_created")
                let statuses = events.map(\.status)
                switch order.status {
                case .delivered:
                    #expect(shipment.deliveredAt != nil && statuses.last == "delivered")
                case .returned:
                    #expect(shipment.deliveredAt != nil && statuses.contains("delivered") && statuses.last == "returned")
                case .outForDelivery:
                    #expect(shipment.deliveredAt == nil && statuses.last == "out_for_delivery")
                case .delayed:
                    #expect(shipment.deliveredAt == nil && statuses.contains("exception"))
                    #expect((order.estimatedDelivery ?? .distantPast) > now)
                case .shipped:
                    #expect(shipment.deliveredAt == nil && !statuses.contains("delivered"))
                default:
                    break
                }
                if let delivered = shipment.deliveredAt { #expect(delivered > shippedAt && delivered <= now) }
            }
        }
    }

    @Test("order totals add up from their lines")
    func totals() throws {
        let store = try DemoFixture.shop()
        let mismatches = try store.database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM orders o
                WHERE o.subtotal_cents != (SELECT SUM(quantity * unit_price_cents) FROM order_lines WHERE order_id = o.id)
                   OR o.total_cents != o.subtotal_cents + o.shipping_cents - o.discount_cents
                """)
        }
        #expect(mismatches == 0)
    }

    @Test("purchase histories carry co-purchase and repeat-purchase signal")
    func purchaseSignal() throws {
        let store = try DemoFixture.shop()
        try store.database.read { db in
            // Complements bought together in one order.
            let pairs = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (
                  SELECT a.order_id FROM order_lines a JOIN products pa ON pa.id = a.product_id
                  JOIN order_lines b ON b.order_id = a.order_id JOIN products pb ON pb.id = b.product_id
                  WHERE (pa.category, pb.category) IN (VALUES ('Laptops', 'Laptop Sleeves'), ('Running Shoes', 'Running Socks'), ('Smartphones', 'Phone Cases'))
                  GROUP BY a.order_id)
                """) ?? 0
            #expect(pairs >= 20)
            // The same consumable bought again by the same customer.
            let repeats = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (
                  SELECT o.customer_id, l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id
                  JOIN products p ON p.id = l.product_id
                  WHERE o.customer_id IS NOT NULL AND p.category IN ('Coffee Beans', 'Running Socks', 'Energy Gels')
                  GROUP BY o.customer_id, l.product_id HAVING COUNT(DISTINCT o.id) >= 3)
                """) ?? 0
            #expect(repeats >= 5)
            // Brand loyalty: a customer's most bought brand covers well over a random share.
            let loyal = try Double.fetchOne(db, sql: """
                WITH per AS (SELECT o.customer_id c, p.brand b, COUNT(*) n FROM orders o JOIN order_lines l ON l.order_id = o.id
                             JOIN products p ON p.id = l.product_id WHERE o.customer_id IS NOT NULL GROUP BY 1, 2),
                     tot AS (SELECT c, MAX(n) top, SUM(n) total FROM per GROUP BY c HAVING total >= 8)
                SELECT AVG(1.0 * top / total) FROM tot
                """) ?? 0
            #expect(loyal > 0.2)
        }
    }

    @Test("variants carry sizes and colors, and their stock adds up to the product's")
    func variants() throws {
        let store = try DemoFixture.shop()
        try store.database.read { db in
            let shoe = try #require(try Product.filter(Product.Columns.category == "Running Shoes").fetchOne(db))
            let variants = try ProductVariant.filter(Column("product_id") == shoe.id).fetchAll(db)
            #expect(variants.count >= 7)
            #expect(variants.allSatisfy { $0.size != nil && $0.color != nil && $0.options["Size"] == $0.size })
            #expect(variants.reduce(0) { $0 + $1.stock } == shoe.stock)
            let mismatched = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM products p WHERE EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id)
                  AND p.stock != (SELECT SUM(stock) FROM product_variants v WHERE v.product_id = p.id)
                """)
            #expect(mismatched == 0)
        }
    }

    @Test("category attributes have units and a better direction for comparison", arguments: [
        ("Headphones", "battery_life", "h", AttributeDirection.higher),
        ("Headphones", "weight", "g", .lower),
        ("Laptops", "ram", "GB", .higher),
        ("Laptops", "weight", "kg", .lower),
        ("Running Shoes", "weight", "g", .lower),
        ("Smartwatches", "battery_life", "days", .higher),
    ])
    func attributes(category: String, name: String, unit: String, better: AttributeDirection) throws {
        let store = try DemoFixture.shop()
        let rows = try store.database.read { db in
            try ProductAttribute.fetchAll(db, sql: """
                SELECT a.* FROM product_attributes a JOIN products p ON p.id = a.product_id WHERE p.category = ? AND a.name = ?
                """, arguments: [category, name])
        }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.unit == unit && $0.better == better && $0.valueNumber != nil })
        #expect(Set(rows.compactMap(\.valueNumber)).count > 1, "all \(category) have the same \(name)")
    }

    @Test("the showcase lists customers and an order number for every status")
    func showcase() throws {
        let showcase = try DemoShowcase.load(try DemoFixture.shop())
        #expect(showcase.customers.count == 10)
        for status in OrderStatus.allCases {
            #expect(!(showcase.ordersByStatus[status] ?? []).isEmpty, "no example for \(status)")
        }
        #expect(showcase.render().contains("out_for_delivery:"))
    }

    @Test("openOrCreateDemo builds a shop once, then opens it as it is")
    func openOrCreate() throws {
        let path = DemoFixture.temporaryPath()
        defer { DemoFixture.remove(path) }
        let options = DemoFixture.options(seed: 3, products: 60, customers: 10, orders: 40)
        let first = try ShopStore.openOrCreateDemo(at: path, options: options)
        #expect(try first.tableCounts()["products"] == 60)
        try first.database.write { db in
            var marker = Customer(name: "Marker", email: "marker@example.org", createdAt: DemoFixture.reference)
            try marker.insert(db)
        }
        let again = try ShopStore.openOrCreateDemo(at: path, options: options)
        #expect(try again.tableCounts()["customers"] == 11)
    }

    @Test("building over an existing store needs replace; filling a non-empty store is refused")
    func refusesToClobber() throws {
        let path = DemoFixture.temporaryPath()
        defer { DemoFixture.remove(path) }
        let options = DemoFixture.options(seed: 3, products: 40, customers: 5, orders: 20)
        try DemoShop.build(at: path, options: options)
        #expect(throws: StoreError.alreadyExists(path: path)) { try DemoShop.build(at: path, options: options) }
        var other = options
        other.products = 50
        try DemoShop.build(at: path, options: other, replace: true)
        let store = try ShopStore.open(at: path)
        #expect(try store.tableCounts()["products"] == 50)
        #expect(throws: DemoShopError.self) { try DemoShop.fill(store, options: options) }
    }
}
