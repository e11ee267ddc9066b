import Foundation
import GRDB

/// Demo customers and example order numbers per status, so a person can try the assistant
/// ("where is my order A10234?") with data that exists. `shopassist demo --show` prints it.
public struct DemoShowcase: Sendable, Hashable {
    public struct CustomerRow: Sendable, Hashable {
        public var id: Int64
        public var name: String
        public var email: String
        public var postcode: String
        public var loyaltyTier: LoyaltyTier
        public var orders: Int
    }

    public struct OrderRow: Sendable, Hashable {
        public var number: String
        public var status: OrderStatus
        public var email: String
        public var postcode: String
        public var customerName: String?
    }

    public var counts: [String: Int]
    public var customers: [CustomerRow]
    public var ordersByStatus: [OrderStatus: [OrderRow]]

    /// Reads the first `customers` customers (most orders first) and `perStatus` orders per status.
    public static func load(_ store: ShopStore, customers: Int = 10, perStatus: Int = 3) throws -> DemoShowcase {
        let counts = try store.tableCounts()
        return try store.database.read { db in
            let customerRows = try Row.fetchAll(db, sql: """
                SELECT c.id, c.name, c.email, c.postcode, c.loyalty_tier, COUNT(o.id) AS orders
                FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
                WHERE c.erased = 0
                GROUP BY c.id ORDER BY orders DESC, c.id LIMIT ?
                """, arguments: [customers]).map { row in
                CustomerRow(
                    id: row["id"], name: row["name"], email: row["email"], postcode: row["postcode"],
                    loyaltyTier: LoyaltyTier(rawValue: row["loyalty_tier"] ?? "") ?? .none, orders: row["orders"]
                )
            }
            var byStatus: [OrderStatus: [OrderRow]] = [:]
            for status in OrderStatus.allCases {
                byStatus[status] = try Row.fetchAll(db, sql: """
                    SELECT o.number, o.email, o.shipping_postcode, c.name FROM orders o
                    LEFT JOIN customers c ON c.id = o.customer_id
                    WHERE o.status = ? ORDER BY (o.customer_id IS NULL), o.created_at DESC LIMIT ?
                    """, arguments: [status.rawValue, perStatus]).map { row in
                    OrderRow(number: row["number"], status: status, email: row["email"], postcode: row["shipping_postcode"], customerName: row["name"])
                }
            }
            return DemoShowcase(counts: counts, customers: customerRows, ordersByStatus: byStatus)
        }
    }

    /// Plain text for a terminal.
    public func render() -> String {
        var out: [String] = []
        out.append("Store contents: " + ShopSchema.mainTables.compactMap { t in counts[t].map { "\(t) \($0)" } }.joined(separator: ", "))
        out.append("")
        out.append("Customers (id, name, email, postcode, tier, orders):")
        for c in customers {
            out.append("  \(c.id)\t\(c.name)\t\(c.email)\t\(c.postcode)\t\(c.loyaltyTier.rawValue)\t\(c.orders)")
        }
        out.append("")
        out.append("Example orders by status (number, email, postcode, customer):")
        for status in OrderStatus.allCases {
            let rows = ordersByStatus[status] ?? []
            out.append("  \(status.rawValue):")
            if rows.isEmpty { out.append("    (none)") }
            for o in rows {
                out.append("    \(o.number)\t\(o.email)\t\(o.postcode)\t\(o.customerName ?? "guest")")
            }
        }
        return out.joined(separator: "\n")
    }
}
