import Foundation
import GRDB

/// Everything the store holds about one customer, as one JSON document.
///
/// Why generic rows: the export must not silently miss a column another issue adds later, so each
/// section is the table's rows as they are (JSON columns — `state`, `reply`, `parse`, `payload` —
/// are embedded as JSON, not as strings).
///
/// ```swift
/// let json = try CustomerDataExport(store: store).json(customerID: 7)
/// ```
public struct CustomerDataExport: Sendable {
    public let store: ShopStore
    public init(store: ShopStore) { self.store = store }

    /// The sections of the document, in order (each is an array of rows, except `profile`).
    public static let sections = [
        "profile", "consent_history", "orders", "carts", "sessions", "events", "reminders", "promotion_codes", "feedback",
    ]

    /// The export as a JSON object (keys sorted, pretty-printed).
    public func json(customerID: Int64) throws -> String {
        let document = try self.document(customerID: customerID)
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The export as a Foundation JSON object (`[String: Any]`), for callers that embed it.
    public func document(customerID: Int64) throws -> [String: Any] {
        try store.database.read { db in
            let profileRows = try JSONRows.fetch(db, "SELECT * FROM customers WHERE id = ?", [customerID])
            guard let profile = profileRows.first else { throw DataRightsError.unknownCustomer(customerID) }
            var orders = try JSONRows.fetch(db, "SELECT * FROM orders WHERE customer_id = ? ORDER BY created_at", [customerID])
            for index in orders.indices {
                let orderID = orders[index]["id"] as? Int64 ?? -1
                orders[index]["lines"] = try JSONRows.fetch(db, "SELECT * FROM order_lines WHERE order_id = ? ORDER BY id", [orderID])
                var shipments = try JSONRows.fetch(db, "SELECT * FROM shipments WHERE order_id = ? ORDER BY id", [orderID])
                for s in shipments.indices {
                    shipments[s]["tracking"] = try JSONRows.fetch(db, "SELECT * FROM tracking_events WHERE shipment_id = ? ORDER BY at", [shipments[s]["id"] as? Int64 ?? -1])
                }
                orders[index]["shipments"] = shipments
                orders[index]["returns"] = try JSONRows.fetch(db, "SELECT * FROM order_returns WHERE order_id = ? ORDER BY id", [orderID])
                orders[index]["promotions"] = try JSONRows.fetch(db, "SELECT * FROM order_promotions WHERE order_id = ?", [orderID])
                orders[index]["delivery"] = try JSONRows.fetch(db, "SELECT method FROM order_delivery WHERE order_id = ?", [orderID]).first ?? NSNull()
            }
            var carts = try JSONRows.fetch(db, "SELECT * FROM carts WHERE customer_id = ? ORDER BY created_at", [customerID])
            for index in carts.indices {
                carts[index]["lines"] = try JSONRows.fetch(db, "SELECT * FROM cart_lines WHERE cart_id = ? ORDER BY id", [carts[index]["id"] as? Int64 ?? -1])
            }
            var sessions = try JSONRows.fetch(db, "SELECT * FROM sessions WHERE customer_id = ? ORDER BY created_at", [customerID])
            for index in sessions.indices {
                sessions[index]["turns"] = try JSONRows.fetch(db, "SELECT * FROM turns WHERE session_id = ? ORDER BY turn_index", [sessions[index]["id"] as? String ?? ""])
            }
            return [
                "exported_at": JSONRows.format(Date()),
                "customer_id": customerID,
                "profile": profile,
                "consent_history": try JSONRows.fetch(db, "SELECT * FROM consent_history WHERE customer_id = ? ORDER BY at, id", [customerID]),
                "orders": orders,
                "carts": carts,
                "sessions": sessions,
                "events": try JSONRows.fetch(db, "SELECT * FROM events WHERE customer_id = ? ORDER BY at, id", [customerID]),
                "reminders": try JSONRows.fetch(db, "SELECT * FROM cart_reminders WHERE customer_id = ? ORDER BY sent_at", [customerID]),
                "promotion_codes": try JSONRows.fetch(db, "SELECT * FROM promotion_codes WHERE customer_id = ? ORDER BY issued_at", [customerID]),
                "feedback": try JSONRows.fetch(db, "SELECT * FROM feedback WHERE customer_id = ? ORDER BY at, id", [customerID]),
            ]
        }
    }
}

/// Rows as JSON-ready dictionaries.
enum JSONRows {
    static let jsonColumns: Set<String> = ["state", "reply", "parse", "payload", "options", "summary"]

    static func fetch(_ db: Database, _ sql: String, _ arguments: StatementArguments) throws -> [[String: Any]] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map(dictionary)
    }

    static func dictionary(_ row: Row) -> [String: Any] {
        var out: [String: Any] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: out[column] = NSNull()
            case .int64(let v): out[column] = v
            case .double(let v): out[column] = v
            case .blob(let d): out[column] = d.base64EncodedString()
            case .string(let s):
                if jsonColumns.contains(column), let data = s.data(using: .utf8),
                   let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
                    out[column] = object
                } else {
                    out[column] = s
                }
            }
        }
        return out
    }

    static func format(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        return f.string(from: date)
    }
}

/// What data-rights requests can fail on; each message names the customer id and what to do.
public enum DataRightsError: Error, Equatable, CustomStringConvertible {
    case unknownCustomer(Int64)
    case alreadyErased(Int64)
    case notConfirmed(Int64)

    public var description: String {
        switch self {
        case .unknownCustomer(let id): return "no customer with id \(id) in this store. List customers with `shopassist demo --show` or check --store PATH."
        case .alreadyErased(let id): return "customer \(id) was already erased; there is nothing left to forget."
        case .notConfirmed(let id): return "forgetting customer \(id) erases their personal data for good; repeat with --yes to confirm."
        }
    }
}
