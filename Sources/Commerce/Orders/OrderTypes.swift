import Foundation

/// An order number as the shop writes it: `A` and 5 to 7 digits, upper-case.
public enum OrderNumber {
    /// `"#a10234 "` → `"A10234"`; nil when the text is not an order number.
    public static func normalize(_ text: String) -> String? {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if t.hasPrefix("#") { t.removeFirst() }
        guard t.first == "A" else { return nil }
        let digits = t.dropFirst()
        guard (5...7).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return t
    }
}

/// Who is asking about an order.
public enum OrderRequester: Sendable, Equatable, Codable {
    /// A signed-in customer: sees the orders on their account.
    case customer(id: Int64)
    /// A guest: must give the email or the delivery postcode that is on the order.
    case guest(email: String?, postcode: String?)
}

/// A request to see (or act on) one order.
public struct OrderLookup: Sendable, Equatable, Codable {
    /// The order number as typed ("#a10234" is fine).
    public var number: String
    public var requester: OrderRequester
    /// The conversation asking; failed look-ups are counted per session.
    public var sessionID: String

    public init(number: String, requester: OrderRequester, sessionID: String) {
        self.number = number
        self.requester = requester
        self.sessionID = sessionID
    }
}

/// One line of an order as the shopper sees it.
public struct OrderItem: Sendable, Equatable, Codable {
    public var lineID: Int64
    public var productID: Int64?
    public var sku: String
    public var title: String
    public var quantity: Int
    public var unitPriceCents: Int
    public var lineTotalCents: Int { unitPriceCents * quantity }
    /// Units of this line already in a return.
    public var returnedQuantity: Int
}

/// A dated carrier scan.
public struct TrackingUpdate: Sendable, Equatable, Codable {
    public var at: Date
    /// Carrier-neutral: `label_created`, `picked_up`, `in_transit`, `exception`, `out_for_delivery`, `delivered`, `returned`.
    public var status: String
    public var location: String
    public var description: String
}

/// A parcel of the order, with its tracking.
public struct ShipmentDetails: Sendable, Equatable, Codable {
    public var carrier: String
    public var trackingNumber: String
    public var shippedAt: Date?
    public var estimatedDelivery: Date?
    public var deliveredAt: Date?
    /// Oldest first.
    public var events: [TrackingUpdate]
}

/// A return that was started for some units of an order line.
public struct ReturnRecord: Sendable, Equatable, Codable {
    public var returnNumber: String
    public var lineID: Int64
    public var title: String
    public var quantity: Int
    public var refundCents: Int
    public var status: String
    public var createdAt: Date
}

/// Everything a shopper may know about one of their orders.
public struct OrderDetails: Sendable, Equatable, Codable {
    public var number: String
    public var status: OrderStatus
    /// The status in plain words: "Shipped, on its way".
    public var statusText: String
    public var placedAt: Date
    public var updatedAt: Date
    public var items: [OrderItem]
    public var subtotalCents: Int
    public var shippingCents: Int
    public var discountCents: Int
    public var totalCents: Int
    public var currency: String
    public var shipments: [ShipmentDetails]
    /// The latest estimate (the shipment's when shipped, else the order's).
    public var estimatedDelivery: Date?
    /// True when the order is past its estimate and not delivered, or the carrier reported a delay.
    public var isLate: Bool
    /// A plain statement when it is late ("This order is late: …"), else nil.
    public var lateStatement: String?
    /// Whether `cancel` would succeed now (not shipped yet).
    public var canCancel: Bool
    /// The last day a return can be started, when the order is delivered and that day has not passed.
    public var returnDeadline: Date?
    public var returns: [ReturnRecord]
}

/// One order in a customer's list ("where is my order?" without a number).
public struct OrderSummary: Sendable, Equatable, Codable {
    public var number: String
    public var status: OrderStatus
    public var statusText: String
    public var placedAt: Date
    public var itemCount: Int
    /// The first item's title, to recognise the order by ("Trailblaze 3 and 1 more").
    public var headline: String
    public var totalCents: Int
    public var estimatedDelivery: Date?
    public var isLate: Bool
}

/// Units of one order line to return; nil quantity means all that can still be returned.
public struct ReturnItem: Sendable, Equatable, Codable {
    public var lineID: Int64
    public var quantity: Int?
    public init(lineID: Int64, quantity: Int? = nil) {
        self.lineID = lineID
        self.quantity = quantity
    }
}

/// A started return: its number, what goes back and what will be refunded.
public struct ReturnConfirmation: Sendable, Equatable, Codable {
    public var returnNumber: String
    public var orderNumber: String
    public var items: [ReturnRecord]
    public var refundCents: Int
    /// What the shopper does next.
    public var instructions: String
}

/// Why an order request was refused. `notFound` is the one answer for a missing order,
/// someone else's order and a wrong email/postcode, so order numbers cannot be probed.
public enum OrderError: Error, Equatable, CustomStringConvertible {
    case invalidNumber(String)
    case verificationNeeded(number: String)
    case notFound(number: String)
    case throttled(retryAfterMinutes: Int)
    case cannotCancel(number: String, status: OrderStatus)
    case notDelivered(number: String, status: OrderStatus)
    case returnWindowClosed(number: String, deadline: Date)
    case itemNotOnOrder(number: String, lineID: Int64)
    case nothingToReturn(number: String)
    case tooManyToReturn(title: String, requested: Int, returnable: Int)

    public var description: String {
        switch self {
        case let .invalidNumber(text):
            return "\"\(text)\" doesn't look like an order number: they start with A followed by 5 to 7 digits, like A10234. It's in your order confirmation email."
        case let .verificationNeeded(number):
            return "To show order \(number), I need the email address or the delivery postcode on the order."
        case let .notFound(number):
            return "I couldn't find order \(number) with those details. Check the number and the email or postcode on your order confirmation, or sign in to see your orders."
        case let .throttled(minutes):
            return "Too many order look-ups didn't match. Please wait \(minutes) minute\(minutes == 1 ? "" : "s") and try again, or sign in to see your orders."
        case let .cannotCancel(number, status):
            switch status {
            case .cancelled: return "Order \(number) is already cancelled."
            case .delivered, .returned: return "Order \(number) has been delivered, so it can't be cancelled; you can start a return within 30 days of delivery."
            default: return "Order \(number) has already shipped, so it can't be cancelled now. Once it arrives you can return it within 30 days."
            }
        case let .notDelivered(number, status):
            return status == .cancelled
                ? "Order \(number) was cancelled, so there is nothing to return."
                : "Order \(number) hasn't been delivered yet; a return can be started once it arrives."
        case let .returnWindowClosed(number, deadline):
            return "The 30-day return window for order \(number) closed on \(OrderDates.day(deadline)). Contact support if the item is faulty."
        case let .itemNotOnOrder(number, lineID):
            return "Item \(lineID) is not on order \(number); pick one of the order's items."
        case let .nothingToReturn(number):
            return "Everything on order \(number) is already being returned."
        case let .tooManyToReturn(title, requested, returnable):
            return "You can return at most \(returnable) of \(title) (you asked for \(requested))."
        }
    }
}

/// Dates as the order answers say them: "Tue 3 Mar 2026", in UTC.
public enum OrderDates {
    private static let formatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE d MMM yyyy"
        return f
    }()
    private static let lock = NSLock()

    public static func day(_ date: Date) -> String {
        lock.lock()
        defer { lock.unlock() }
        return formatter.string(from: date)
    }
}
