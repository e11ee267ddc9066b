import Foundation
import GRDB

/// Reads a store's orders as baskets, so the offline protocol runs on a shop (e.g. the demo shop).
///
/// A basket is one order of a known customer that was not cancelled; items are its distinct product ids.
public enum StoreBaskets {
    /// Opens the store at `storePath` and reads its baskets.
    public static func load(storePath: String) throws -> [PurchaseBasket] {
        guard FileManager.default.fileExists(atPath: storePath) else {
            throw RetailLog.FormatError(description: "\(storePath): no store there (build one with `shopassist demo --store \(storePath)`)")
        }
        return try load(ShopStore.open(at: storePath))
    }

    /// Reads the baskets of a store.
    public static func load(_ store: ShopStore) throws -> [PurchaseBasket] {
        try store.database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT o.number, o.customer_id, o.created_at, l.product_id
                FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.customer_id IS NOT NULL AND l.product_id IS NOT NULL AND o.status != 'cancelled'
                ORDER BY o.id
                """)
            var byOrder: [String: (customer: String, time: Int64, items: [String])] = [:]
            while let row = try rows.next() {
                let number: String = row[0]
                let customer: Int64 = row[1]
                let date: Date = row[2]
                let product: Int64 = row[3]
                byOrder[number, default: (String(customer), Int64(date.timeIntervalSince1970.rounded(.down)), [])].items.append(String(product))
            }
            return byOrder.map { PurchaseBasket(customer: $0.value.customer, invoice: $0.key, time: $0.value.time, items: $0.value.items) }
                .sorted(by: PurchaseBasket.chronological)
        }
    }
}
