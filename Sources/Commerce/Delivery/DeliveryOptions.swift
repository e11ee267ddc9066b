import Foundation
import GRDB

/// A way to get an order to the shopper.
public enum DeliveryMethod: String, Codable, Sendable, CaseIterable {
    case standard, express
    case nextDay = "next_day"
    case pickup

    /// The name a shopper reads.
    public var title: String {
        switch self {
        case .standard: return "Standard"
        case .express: return "Express"
        case .nextDay: return "Next day"
        case .pickup: return "Pick up in store"
        }
    }
    var priceCents: Int {
        switch self { case .standard: 5_99; case .express: 12_99; case .nextDay: 19_99; case .pickup: 0 }
    }
    /// Business days from dispatch (earliest, latest).
    var days: (Int, Int) {
        switch self { case .standard: (3, 5); case .express: (1, 2); case .nextDay: (1, 1); case .pickup: (2, 3) }
    }
}

/// One option for a postcode: price, estimated dates, and whether it is the shopper's usual one.
public struct DeliveryOption: Codable, Sendable, Equatable {
    public var method: DeliveryMethod
    public var priceCents: Int
    public var earliest: Date
    public var latest: Date
    public var usual: Bool

    /// "Express — $12.99, Tue 1 Dec – Wed 2 Dec".
    public var text: String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC"); f.dateFormat = "EEE d MMM"
        let price = priceCents == 0 ? "free" : RecommendationReason.money(priceCents)
        let dates = earliest == latest ? f.string(from: earliest) : "\(f.string(from: earliest)) – \(f.string(from: latest))"
        return "\(method.title) — \(price), \(dates)\(usual ? " (your usual)" : "")"
    }
}

/// Why delivery options cannot be given; messages say what to do.
public enum DeliveryError: Error, Equatable, CustomStringConvertible {
    case invalidPostcode(String)
    case unknownOrder(String)
    case orderClosed(number: String, status: OrderStatus)

    public var description: String {
        switch self {
        case .invalidPostcode(let p): return "'\(p)' does not look like a postcode (2–10 letters, digits, spaces or dashes); check it and try again."
        case .unknownOrder(let n): return "no order \(n); check the number (like A10234)."
        case .orderClosed(let n, let s): return "order \(n) is \(s.rawValue.replacingOccurrences(of: "_", with: " ")), so its delivery can no longer be changed."
        }
    }
}

/// Delivery options for a postcode, the customer's usual choice first, and for an open order the
/// options still possible.
///
/// Why rules rather than a carrier API: the demo shop has no carrier; remote areas (postcodes
/// starting with a prefix in `remotePrefixes`) get no next-day and a surcharge, orders after the
/// 14:00 UTC cut-off dispatch the next business day.
public struct DeliveryService: Sendable {
    public let store: ShopStore
    public let now: @Sendable () -> Date
    public static let remotePrefixes = ["HS", "ZE", "KW", "IV", "995", "996", "997", "998", "999", "967", "968"]
    public static let remoteSurchargeCents = 4_00
    public static let cutoffHour = 14

    public init(store: ShopStore, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.now = now
    }

    /// The options for `postcode`; with a customer who consents to personalization, their most used method first.
    public func options(postcode: String, customerID: Int64? = nil) throws -> [DeliveryOption] {
        let code = postcode.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...10).contains(code.count), code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }),
              code.contains(where: \.isNumber) else { throw DeliveryError.invalidPostcode(postcode) }
        let usual = try customerID.flatMap { try usualMethod(customerID: $0) }
        let remote = Self.remotePrefixes.contains { code.hasPrefix($0) }
        let options = Self.options(from: now(), remote: remote, usual: usual)
        return options.sorted { ($0.usual ? 0 : 1) < ($1.usual ? 0 : 1) }
    }

    static func options(from start: Date, remote: Bool, usual: DeliveryMethod?, allowed: Set<DeliveryMethod> = Set(DeliveryMethod.allCases)) -> [DeliveryOption] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        var dispatch = start
        if calendar.component(.hour, from: start) >= cutoffHour { dispatch = addBusinessDays(1, to: start, calendar) }
        return DeliveryMethod.allCases.compactMap { method in
            guard allowed.contains(method), !(remote && method == .nextDay) else { return nil }
            let extra = remote && method != .pickup ? 1 : 0
            return DeliveryOption(method: method, priceCents: method.priceCents + (remote && method != .pickup ? remoteSurchargeCents : 0),
                                  earliest: calendar.startOfDay(for: addBusinessDays(method.days.0 + extra, to: dispatch, calendar)),
                                  latest: calendar.startOfDay(for: addBusinessDays(method.days.1 + extra, to: dispatch, calendar)),
                                  usual: method == usual)
        }
    }

    static func addBusinessDays(_ n: Int, to date: Date, _ calendar: Calendar) -> Date {
        var d = date
        var left = n
        while left > 0 {
            d = d.addingTimeInterval(86_400)
            if !calendar.isDateInWeekend(d) { left -= 1 }
        }
        return d
    }

    /// The method the customer chose most often (only with personalization consent).
    public func usualMethod(customerID: Int64) throws -> DeliveryMethod? {
        try store.database.read { db in
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT consent_personalization AND NOT erased FROM customers WHERE id = ?"), arguments: [customerID]) == true else { return nil }
            let raw = try String.fetchOne(db.cachedStatement(sql: """
                SELECT d.method FROM order_delivery d JOIN orders o ON o.id = d.order_id WHERE o.customer_id = ?
                GROUP BY d.method ORDER BY COUNT(*) DESC, MAX(o.created_at) DESC LIMIT 1
                """), arguments: [customerID])
            return raw.flatMap(DeliveryMethod.init(rawValue:))
        }
    }

    /// Records the method chosen for an order (at checkout, or when changed).
    public func choose(_ method: DeliveryMethod, orderNumber: String) throws {
        try store.database.write { db in
            guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM orders WHERE number = ?"), arguments: [orderNumber.uppercased()]) else {
                throw DeliveryError.unknownOrder(orderNumber)
            }
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO order_delivery (order_id, method) VALUES (?, ?)").execute(arguments: [id, method.rawValue])
        }
    }

    /// For an order not yet shipped, the options still possible from now to its postcode; refuses once it has left.
    public func options(orderNumber: String) throws -> [DeliveryOption] {
        let number = orderNumber.trimmingCharacters(in: CharacterSet(charactersIn: "# ")).uppercased()
        let (order, current) = try store.database.read { db -> (Order?, String?) in
            let o = try Order.fetchOne(db.cachedStatement(sql: "SELECT * FROM orders WHERE number = ?"), arguments: [number])
            let m = try String.fetchOne(db.cachedStatement(sql: "SELECT method FROM order_delivery WHERE order_id = ?"), arguments: [o?.id])
            return (o, m)
        }
        guard let order else { throw DeliveryError.unknownOrder(orderNumber) }
        guard order.status == .placed || order.status == .processing else { throw DeliveryError.orderClosed(number: number, status: order.status) }
        let remote = Self.remotePrefixes.contains { order.shippingPostcode.uppercased().hasPrefix($0) }
        return Self.options(from: now(), remote: remote, usual: current.flatMap(DeliveryMethod.init(rawValue:)))
    }
}
