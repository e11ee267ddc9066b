import Foundation
import GRDB
import Logging

/// What an erasure changed, by count (no personal data: safe to log and to show).
public struct ErasureSummary: Codable, Sendable, Equatable {
    public var customerID: Int64
    public var orders: Int
    public var sessions: Int
    public var turns: Int
    public var events: Int
    public var carts: Int
    public var reminders: Int
    /// Feedback texts deleted.
    public var feedback: Int = 0
}

/// Erases one customer's personal data in one transaction ("right to be forgotten").
///
/// Why this shape: orders stay for accounting (amounts, lines, dates) but lose the name, email,
/// postcode and the link to the customer; conversation turns are deleted and session state
/// emptied and detached (their text is personal);
/// events are detached (customer id and session id nulled, payloads that may quote the shopper
/// emptied) so aggregate statistics survive. The customer row stays as a tombstone (`erased = 1`,
/// an unroutable email) so the id is never reused and sign-in by email finds nobody.
/// `secure_delete` is on during the erase so freed pages are zeroed; callers that need the bytes
/// gone from the WAL too run `CustomerErasure.compact` afterwards.
public struct CustomerErasure: Sendable {
    public let store: ShopStore
    public let now: @Sendable () -> Date
    static let logger = Logger(label: "shopassist.datarights")

    public init(store: ShopStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// The placeholder email an erased customer (and their orders) keep: unique, never deliverable.
    public static func tombstoneEmail(_ id: Int64) -> String { "erased-\(id)@invalid" }

    /// Forgets the customer; throws `DataRightsError.unknownCustomer` / `.alreadyErased`.
    @discardableResult
    public func forget(customerID id: Int64) throws -> ErasureSummary {
        let at = now()
        let summary: ErasureSummary = try store.database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            var result: ErasureSummary?
            try db.inTransaction {
                result = try Self.erase(db, id: id, at: at)
                return .commit
            }
            guard let result else { throw DataRightsError.unknownCustomer(id) }
            return result
        }
        Self.logger.notice("customer erased", metadata: [
            "customer_id": "\(id)", "orders": "\(summary.orders)", "sessions": "\(summary.sessions)",
            "turns": "\(summary.turns)", "events": "\(summary.events)",
        ])
        return summary
    }

    static func erase(_ db: Database, id: Int64, at: Date) throws -> ErasureSummary {
        guard let erased = try Bool.fetchOne(db, sql: "SELECT erased FROM customers WHERE id = ?", arguments: [id]) else {
            throw DataRightsError.unknownCustomer(id)
        }
        if erased { throw DataRightsError.alreadyErased(id) }
        let tomb = tombstoneEmail(id)
        let sessionIDs = try String.fetchAll(db, sql: "SELECT id FROM sessions WHERE customer_id = ?", arguments: [id])
        let orderIDs = try Int64.fetchAll(db, sql: "SELECT id FROM orders WHERE customer_id = ?", arguments: [id])
        var summary = ErasureSummary(customerID: id, orders: orderIDs.count, sessions: sessionIDs.count, turns: 0, events: 0, carts: 0, reminders: 0)

        // Conversations: the turns' text and stored replies/parses, and session state.
        for session in sessionIDs {
            try db.execute(sql: "UPDATE turns SET user_text = '', reply = '{}', parse = '{}' WHERE session_id = ?", arguments: [session])
            summary.turns += db.changesCount
            try db.execute(sql: "DELETE FROM turns WHERE session_id = ?", arguments: [session])
            try db.execute(sql: "UPDATE events SET session_id = NULL, payload = '{}' WHERE session_id = ?", arguments: [session])
            try db.execute(sql: "UPDATE carts SET session_id = NULL WHERE session_id = ?", arguments: [session])
            try db.execute(sql: "DELETE FROM order_lookup_failures WHERE session_id = ?", arguments: [session])
            // The session row stays (emptied, detached): a conversation in progress — the one in
            // which the shopper said "forget me" — must still be able to save its last turn.
            try db.execute(sql: "UPDATE sessions SET state = '{}', customer_id = NULL WHERE id = ?", arguments: [session])
        }
        // Feedback: the shopper's own words, deleted (with the feedback given in their sessions).
        try db.execute(sql: "DELETE FROM feedback WHERE customer_id = ?", arguments: [id])
        summary.feedback = db.changesCount
        for session in sessionIDs {
            try db.execute(sql: "DELETE FROM feedback WHERE session_id = ?", arguments: [session])
            summary.feedback += db.changesCount
        }
        // Events: detached, payloads (which may quote searches) emptied.
        try db.execute(sql: "UPDATE events SET customer_id = NULL, session_id = NULL, payload = '{}' WHERE customer_id = ?", arguments: [id])
        summary.events = db.changesCount
        // Orders: kept for accounting, without personal data or the link to the person.
        for order in orderIDs {
            try db.execute(sql: """
                UPDATE orders SET email = ?, shipping_name = '', shipping_postcode = '', customer_id = NULL, updated_at = ?
                WHERE id = ?
                """, arguments: [tomb, at, order])
            try db.execute(sql: "UPDATE order_returns SET reason = '' WHERE order_id = ?", arguments: [order])
        }
        // Guest orders placed with the same email are theirs too.
        if let email = try String.fetchOne(db, sql: "SELECT email FROM customers WHERE id = ?", arguments: [id]) {
            try db.execute(sql: "UPDATE orders SET email = ?, shipping_name = '', shipping_postcode = '' WHERE email = ? COLLATE NOCASE", arguments: [tomb, email])
        }
        // Carts and reminders about them: personal, and worthless without the person.
        try db.execute(sql: "DELETE FROM cart_reminders WHERE customer_id = ?", arguments: [id])
        summary.reminders = db.changesCount
        try db.execute(sql: "DELETE FROM carts WHERE customer_id = ?", arguments: [id])
        summary.carts = db.changesCount
        try db.execute(sql: "UPDATE promotion_codes SET customer_id = NULL WHERE customer_id = ? AND used_at IS NOT NULL", arguments: [id])
        try db.execute(sql: "DELETE FROM promotion_codes WHERE customer_id = ?", arguments: [id])
        // The profile: a tombstone that cannot sign in.
        try db.execute(sql: """
            UPDATE customers SET name = '', email = ?, postcode = '', consent_personalization = 0,
                consent_personalization_at = ?, consent_marketing = 0, consent_marketing_at = ?, erased = 1, erased_at = ?
            WHERE id = ?
            """, arguments: [tomb, at, at, at, id])
        let data = try JSONEncoder().encode(summary)
        try db.execute(sql: "INSERT INTO data_rights_log (at, action, customer_id, summary) VALUES (?, 'forget', ?, ?)",
                       arguments: [at, id, String(decoding: data, as: UTF8.self)])
        return summary
    }

    /// Checkpoints the WAL into the main file, truncates it, and rebuilds the file (`VACUUM`),
    /// so no freed page still holds erased bytes.
    public static func compact(_ store: ShopStore) throws {
        try store.withoutBackgroundCheckpoints {
            try store.database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "VACUUM")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
    }

    /// True when the customer may sign in (exists and was not erased).
    public static func canSignIn(_ db: Database, email: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT erased = 0 FROM customers WHERE email = ? COLLATE NOCASE", arguments: [email]) ?? false
    }
}
