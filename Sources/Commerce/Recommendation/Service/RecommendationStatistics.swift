import Foundation
import GRDB

/// Learns the recommendation statistics from a store's orders and saves them in the store's `rec_*` tables.
///
/// Why explicit: learning reads every order; a request must never pay for it. Run `rebuild` after an import or a
/// demo build and then on a schedule (e.g. nightly); `RecommendationIndex.load` reads the result at start.
public enum RecommendationStatistics {
    /// What `rebuild` learns and how.
    public struct Settings: Sendable, Equatable {
        /// Co-purchase neighbours kept per product.
        public var neighbours = 20
        /// Added to the cosine denominator so that one shared buyer does not make two rare products "similar".
        public var shrinkage: Float = 2
        /// Products need at least this many shared buyers to be neighbours.
        public var minimumSharedBuyers = 2
        /// "Recent" popularity looks back this many days from the latest order.
        public var recentDays = 90
        /// Segment popularity looks back this many days.
        public var segmentDays = 365
        /// Products kept per segment.
        public var segmentTop = 200
        /// A category whose buyers buy the same product again at least this often is consumable.
        public var consumableRepeatRate = 0.15
        /// Categories always treated as consumable (bought again and again), whatever the orders say.
        public var consumableCategories: Set<String> = ["Coffee Beans", "Energy Gels", "Running Socks", "Vacuum Bags"]
        public init() {}
    }

    /// What a rebuild did.
    public struct Summary: Sendable, Equatable {
        public var orders: Int
        public var customers: Int
        public var products: Int
        public var neighbourPairs: Int
        public var seconds: Double
    }

    /// Relearns every statistic from the store's orders, replacing the previous ones in one transaction.
    @discardableResult
    public static func rebuild(_ store: ShopStore, settings: Settings = Settings()) throws -> Summary {
        let start = Date()
        struct Line { var order: Int64; var customer: Int64; var time: Double; var product: Int64 }
        let (lines, tiers, categories) = try store.database.read { db -> ([Line], [Int64: String], [Int64: String]) in
            var lines: [Line] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT o.id, o.customer_id, o.created_at, l.product_id
                FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.customer_id IS NOT NULL AND l.product_id IS NOT NULL AND o.status != 'cancelled'
                """)
            while let row = try cursor.next() {
                let date: Date = row[2]
                lines.append(Line(order: row[0], customer: row[1], time: date.timeIntervalSince1970, product: row[3]))
            }
            var tiers: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, loyalty_tier FROM customers") { tiers[row[0]] = row[1] }
            var categories: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT p.id, p.category FROM products p JOIN order_lines l ON l.product_id = p.id") {
                categories[row[0]] = row[1]
            }
            return (lines, tiers, categories)
        }
        let latest = lines.map(\.time).max() ?? 0

        // Dense indices for customers and products that appear in orders.
        var productIndex: [Int64: Int32] = [:]
        var productIDs: [Int64] = []
        var customerIndex: [Int64: Int] = [:]
        var customerIDs: [Int64] = []
        var userItems: [Set<Int32>] = []
        var recent: [Set<Int64>] = []  // per product: recent buyers
        var all: [Set<Int64>] = []
        var segmentBuyers: [String: [Int32: Set<Int64>]] = [:]
        var pairOrders: [Int64: [Int32: Set<Int64>]] = [:]  // customer -> product -> orders
        for line in lines {
            let p: Int32
            if let k = productIndex[line.product] { p = k } else {
                p = Int32(productIDs.count)
                productIndex[line.product] = p
                productIDs.append(line.product)
                recent.append([])
                all.append([])
            }
            let u: Int
            if let k = customerIndex[line.customer] { u = k } else {
                u = customerIDs.count
                customerIndex[line.customer] = u
                customerIDs.append(line.customer)
                userItems.append([])
            }
            userItems[u].insert(p)
            all[Int(p)].insert(line.customer)
            if line.time >= latest - Double(settings.recentDays) * 86_400 { recent[Int(p)].insert(line.customer) }
            if line.time >= latest - Double(settings.segmentDays) * 86_400 {
                let tier = tiers[line.customer] ?? "none"
                segmentBuyers[tier, default: [:]][p, default: []].insert(line.customer)
            }
            pairOrders[line.customer, default: [:]][p, default: []].insert(line.order)
        }
        let users = userItems.map { $0.sorted() }
        let neighbours = ItemKNN.neighbourLists(users: users, itemCount: productIDs.count, neighbours: settings.neighbours,
                                               shrinkage: settings.shrinkage, minimumShared: settings.minimumSharedBuyers)

        // Repeat rate per category: of the (customer, product) pairs, how many were bought in two or more orders.
        var pairs: [String: (all: Int, repeated: Int)] = [:]
        for (_, products) in pairOrders {
            for (p, orders) in products {
                let category = categories[productIDs[Int(p)]] ?? ""
                pairs[category, default: (0, 0)].all += 1
                if orders.count >= 2 { pairs[category, default: (0, 0)].repeated += 1 }
            }
        }

        var neighbourPairs = 0
        try store.database.write { db in
            for table in ["rec_neighbours", "rec_product_stats", "rec_segment_popularity", "rec_category_stats"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            let insertNeighbour = try db.makeStatement(sql: "INSERT INTO rec_neighbours (product_id, neighbour_id, score) VALUES (?, ?, ?)")
            for (p, list) in neighbours.enumerated() {
                for (q, score) in list {
                    try insertNeighbour.execute(arguments: [productIDs[p], productIDs[Int(q)], Double(score)])
                    neighbourPairs += 1
                }
            }
            let insertStats = try db.makeStatement(sql: "INSERT INTO rec_product_stats (product_id, buyers, recent_buyers) VALUES (?, ?, ?)")
            for (p, id) in productIDs.enumerated() {
                try insertStats.execute(arguments: [id, all[p].count, recent[p].count])
            }
            let insertSegment = try db.makeStatement(sql: "INSERT INTO rec_segment_popularity (segment, product_id, buyers) VALUES (?, ?, ?)")
            for (segment, products) in segmentBuyers {
                let top = products.map { (p: $0.key, n: $0.value.count) }
                    .sorted { $0.n != $1.n ? $0.n > $1.n : $0.p < $1.p }
                    .prefix(settings.segmentTop)
                for entry in top { try insertSegment.execute(arguments: [segment, productIDs[Int(entry.p)], entry.n]) }
            }
            let insertCategory = try db.makeStatement(sql: "INSERT INTO rec_category_stats (category, repeat_rate, consumable) VALUES (?, ?, ?)")
            var seen: Set<String> = []
            for (category, counts) in pairs where !category.isEmpty {
                let rate = counts.all > 0 ? Double(counts.repeated) / Double(counts.all) : 0
                let consumable = rate >= settings.consumableRepeatRate || settings.consumableCategories.contains(category)
                try insertCategory.execute(arguments: [category, rate, consumable])
                seen.insert(category)
            }
            for category in settings.consumableCategories where !seen.contains(category) {
                try insertCategory.execute(arguments: [category, 0.0, true])
            }
            try db.execute(sql: "INSERT INTO rec_builds (built_at, orders, customers, products, seconds) VALUES (?, ?, ?, ?, ?)",
                           arguments: [Date(), Set(lines.map(\.order)).count, customerIDs.count, productIDs.count, Date().timeIntervalSince(start)])
        }
        return Summary(orders: Set(lines.map(\.order)).count, customers: customerIDs.count, products: productIDs.count,
                       neighbourPairs: neighbourPairs, seconds: Date().timeIntervalSince(start))
    }

    /// Whether `rebuild` has ever run on this store.
    public static func isBuilt(_ store: ShopStore) throws -> Bool {
        try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rec_builds") ?? 0 } > 0
    }
}
