import Foundation
import GRDB

/// One abandoned cart and what a reminder about it should say.
public struct CartReminder: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var productID: Int64
        public var title: String
        public var quantity: Int
        public var unitPriceCents: Int
    }
    public var cartID: Int64
    public var customerID: Int64
    /// The channel marketing consent allows ("email"); carts without marketing consent are never due.
    public var channel: String
    public var items: [Item]
    /// One or two products that go with the items (bought together by others, else popular in the same category).
    public var complementary: [Item]
    /// The UTC hour the customer is usually active (from their own events), 0–23.
    public var bestHour: Int
    public var idleSince: Date
}

/// Finds abandoned carts: reminders due for an email/SMS pipeline, and the one-time mention in
/// the shopper's next conversation.
///
/// Why two records: `cart_reminders` (one row per cart, UNIQUE) makes "never repeated" a property
/// of the schema, and `cart_mentions` does the same for the conversation.
public struct AbandonedCartService: Sendable {
    public let store: ShopStore
    /// How long a cart with items must sit untouched to count as abandoned.
    public let idle: TimeInterval
    public let now: @Sendable () -> Date
    /// The hour used when the customer has no activity (or no personalization consent).
    public static let defaultHour = 18

    public init(store: ShopStore, idle: TimeInterval = 24 * 3600, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.idle = idle
        self.now = now
    }

    /// Reminders due now: abandoned carts of customers with marketing consent, never reminded before.
    public func due() throws -> [CartReminder] {
        let cutoff = now().addingTimeInterval(-idle)
        return try store.database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.id AS cart_id, c.customer_id, MAX(c.updated_at, COALESCE(MAX(l.added_at), c.updated_at)) AS last_touch
                FROM carts c JOIN cart_lines l ON l.cart_id = c.id JOIN customers u ON u.id = c.customer_id
                WHERE c.status IN ('active', 'abandoned') AND u.erased = 0 AND u.consent_marketing = 1
                  AND NOT EXISTS (SELECT 1 FROM cart_reminders r WHERE r.cart_id = c.id)
                GROUP BY c.id HAVING last_touch < ? ORDER BY c.id
                """, arguments: [cutoff])
            return try rows.map { row in
                try Self.reminder(db, cartID: row["cart_id"], customerID: row["customer_id"], channel: "email", idleSince: row["last_touch"])
            }
        }
    }

    /// Records reminders as sent; a cart already recorded is skipped. Returns how many were new.
    @discardableResult
    public func markSent(_ reminders: [CartReminder]) throws -> Int {
        let at = now()
        return try store.database.write { db in
            var n = 0
            for r in reminders {
                try db.execute(sql: "INSERT OR IGNORE INTO cart_reminders (cart_id, customer_id, channel, sent_at) VALUES (?, ?, ?, ?)",
                               arguments: [r.cartID, r.customerID, r.channel, at])
                n += db.changesCount
            }
            return n
        }
    }

    /// The customer's abandoned cart to mention in this conversation, once: the first call returns
    /// it and records the mention, later calls return nil. Needs no marketing consent (the shopper
    /// came back themselves).
    public func mentionOnce(customerID: Int64) throws -> CartReminder? {
        let cutoff = now().addingTimeInterval(-idle)
        let at = now()
        return try store.database.write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT c.id AS cart_id, MAX(c.updated_at, COALESCE(MAX(l.added_at), c.updated_at)) AS last_touch
                FROM carts c JOIN cart_lines l ON l.cart_id = c.id
                WHERE c.status IN ('active', 'abandoned') AND c.customer_id = ?
                  AND NOT EXISTS (SELECT 1 FROM cart_mentions m WHERE m.cart_id = c.id)
                GROUP BY c.id HAVING last_touch < ? ORDER BY c.id DESC LIMIT 1
                """, arguments: [customerID, cutoff]) else { return nil }
            let cartID: Int64 = row["cart_id"]
            try db.execute(sql: "INSERT INTO cart_mentions (cart_id, mentioned_at) VALUES (?, ?)", arguments: [cartID, at])
            return try Self.reminder(db, cartID: cartID, customerID: customerID, channel: "conversation", idleSince: row["last_touch"])
        }
    }

    static func reminder(_ db: Database, cartID: Int64, customerID: Int64, channel: String, idleSince: Date) throws -> CartReminder {
        let items = try Row.fetchAll(db, sql: """
            SELECT l.product_id, p.title, l.quantity, l.unit_price_cents FROM cart_lines l JOIN products p ON p.id = l.product_id
            WHERE l.cart_id = ? ORDER BY l.id
            """, arguments: [cartID]).map(item)
        let ids = items.map(\.productID)
        let marks = ids.map { _ in "?" }.joined(separator: ",")
        var complementary = try Row.fetchAll(db, sql: """
            SELECT o.product_id, p.title, 1 AS quantity, p.price_cents AS unit_price_cents, COUNT(*) AS n
            FROM order_lines a JOIN order_lines o ON o.order_id = a.order_id AND o.product_id != a.product_id
            JOIN products p ON p.id = o.product_id
            WHERE a.product_id IN (\(marks)) AND o.product_id NOT IN (\(marks)) AND p.stock > 0
            GROUP BY o.product_id ORDER BY n DESC, o.product_id LIMIT 2
            """, arguments: StatementArguments(ids + ids)).map(item)
        if complementary.count < 2 {
            let taken = ids + complementary.map(\.productID)
            let tmarks = taken.map { _ in "?" }.joined(separator: ",")
            complementary += try Row.fetchAll(db, sql: """
                SELECT p.id AS product_id, p.title, 1 AS quantity, p.price_cents AS unit_price_cents FROM products p
                WHERE p.category IN (SELECT category FROM products WHERE id IN (\(marks))) AND p.id NOT IN (\(tmarks)) AND p.stock > 0
                ORDER BY p.popularity DESC, p.id LIMIT ?
                """, arguments: StatementArguments(ids + taken + [2 - complementary.count])).map(item)
        }
        return CartReminder(cartID: cartID, customerID: customerID, channel: channel, items: items, complementary: complementary,
                            bestHour: try bestHour(db, customerID: customerID), idleSince: idleSince)
    }

    static func item(_ row: Row) -> CartReminder.Item {
        CartReminder.Item(productID: row["product_id"], title: row["title"], quantity: row["quantity"], unitPriceCents: row["unit_price_cents"])
    }

    /// The most frequent UTC hour of the customer's own events, when they consent to personalization.
    static func bestHour(_ db: Database, customerID: Int64) throws -> Int {
        let consents = try Bool.fetchOne(db, sql: "SELECT consent_personalization FROM customers WHERE id = ?", arguments: [customerID]) ?? false
        guard consents else { return defaultHour }
        return try Int.fetchOne(db, sql: """
            SELECT CAST(strftime('%H', at) AS INTEGER) AS h FROM events WHERE customer_id = ?
            GROUP BY h ORDER BY COUNT(*) DESC, h LIMIT 1
            """, arguments: [customerID]) ?? defaultHour
    }
}
