import Foundation
import GRDB

/// The two things a shopper can consent to.
public enum ConsentKind: String, Codable, Sendable, CaseIterable {
    /// Use of purchase history and behaviour for recommendations, promotions and greetings.
    case personalization
    /// Reminders and offers sent by email or SMS.
    case marketing
}

/// A customer's current consent, with the date each flag was last given or withdrawn.
public struct ConsentState: Codable, Sendable, Equatable {
    public var customerID: Int64
    public var personalization: Bool
    public var personalizationAt: Date?
    public var marketing: Bool
    public var marketingAt: Date?
}

/// One change of consent, as kept in `consent_history`.
public struct ConsentChange: Codable, Sendable, Equatable {
    public var kind: ConsentKind
    public var granted: Bool
    public var at: Date
    public var source: String
}

/// Reads and changes consent; the one place that decides what may be personal.
///
/// Why: every personal touch (recommendations, promotions, reminders, events with a customer id)
/// asks here first, so withdrawing consent takes effect on the next call everywhere.
public struct ConsentService: Sendable {
    public let store: ShopStore
    public let now: @Sendable () -> Date

    public init(store: ShopStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// The current consent of a customer.
    public func state(customerID: Int64) throws -> ConsentState {
        try store.database.read { db in try Self.state(db, customerID: customerID) }
    }

    static func state(_ db: Database, customerID: Int64) throws -> ConsentState {
        guard let c = try Customer.fetchOne(db, key: customerID) else { throw DataRightsError.unknownCustomer(customerID) }
        return ConsentState(customerID: customerID, personalization: c.consentPersonalization && !c.erased,
                            personalizationAt: c.consentPersonalizationAt, marketing: c.consentMarketing && !c.erased,
                            marketingAt: c.consentMarketingAt)
    }

    /// Gives or withdraws one kind of consent, recording the change in the history.
    @discardableResult
    public func set(_ kind: ConsentKind, granted: Bool, customerID: Int64, source: String = "conversation") throws -> ConsentState {
        let at = now()
        return try store.database.write { db in
            _ = try Self.state(db, customerID: customerID)
            try db.execute(sql: "UPDATE customers SET consent_\(kind.rawValue) = ?, consent_\(kind.rawValue)_at = ? WHERE id = ?",
                           arguments: [granted, at, customerID])
            try db.execute(sql: "INSERT INTO consent_history (customer_id, kind, granted, at, source) VALUES (?, ?, ?, ?, ?)",
                           arguments: [customerID, kind.rawValue, granted, at, source])
            return try Self.state(db, customerID: customerID)
        }
    }

    /// Every recorded change, oldest first.
    public func history(customerID: Int64) throws -> [ConsentChange] {
        try store.database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT kind, granted, at, source FROM consent_history WHERE customer_id = ? ORDER BY at, id"), arguments: [customerID])
                .compactMap { row in
                    guard let kind = ConsentKind(rawValue: row["kind"]) else { return nil }
                    return ConsentChange(kind: kind, granted: row["granted"], at: row["at"], source: row["source"])
                }
        }
    }

    /// The customer id an event may carry: nil without personalization consent.
    public func eventCustomerID(_ customerID: Int64?) throws -> Int64? {
        guard let customerID else { return nil }
        return try state(customerID: customerID).personalization ? customerID : nil
    }

    /// Stores an event, dropping the customer id when the customer has not consented.
    @discardableResult
    public func record(_ event: ShopEvent) throws -> ShopEvent {
        var event = event
        event.customerId = try eventCustomerID(event.customerId)
        let stored = event
        return try store.database.write { db in
            var e = stored
            try e.insert(db)
            return e
        }
    }

    /// A short plain-language answer to "what do you know about me".
    public func whatWeKnow(customerID: Int64) throws -> String {
        try store.database.read { db in
            let s = try Self.state(db, customerID: customerID)
            let orders = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM orders WHERE customer_id = ?"), arguments: [customerID]) ?? 0
            let sessions = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM sessions WHERE customer_id = ?"), arguments: [customerID]) ?? 0
            let events = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM events WHERE customer_id = ?"), arguments: [customerID]) ?? 0
            let tier = try String.fetchOne(db.cachedStatement(sql: "SELECT loyalty_tier FROM customers WHERE id = ?"), arguments: [customerID]) ?? "none"
            let p = s.personalization ? "on" : "off"
            let m = s.marketing ? "on" : "off"
            return "I hold your name, email and postcode, \(orders) order(s), \(sessions) conversation(s) and \(events) activity event(s); loyalty tier \(tier). Personalization is \(p), marketing messages are \(m). Say \"export my data\" for everything, or \"forget me\" to erase it."
        }
    }
}
