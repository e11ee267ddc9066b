import Foundation
import NLU

/// What the assistant answers to one line: data, not text, so every channel
/// (REPL, JSON-RPC, dialogue tests) renders the same facts its own way.
///
/// The JSON form is stable (sorted keys, messages tagged by `type`) and is sent
/// as is by the JSON-RPC channel:
/// ```
/// {"messages":[{"text":"Here are 3 headphones.","type":"text"},{"cards":[…],"type":"products"}],
///  "parse":{…},"session":"s1","suggestions":[{"payload":"cheaper","title":"Cheaper"}],"turn":2}
/// ```
public struct Reply: Sendable, Hashable, Codable {
    public var session: String
    /// 1-based turn number within the session.
    public var turn: Int
    public var messages: [ReplyMessage]
    /// Quick replies: `title` is shown, `payload` is sent back as the next line.
    public var suggestions: [Suggestion]
    /// What the NLU understood of the line (nil for an empty line).
    public var parse: Parse?
    /// The task (form) open after this turn and its filled slots, for tests and debugging.
    public var task: String?
    public var slots: [String: String]

    public init(session: String, turn: Int, messages: [ReplyMessage] = [], suggestions: [Suggestion] = [], parse: Parse? = nil, task: String? = nil, slots: [String: String] = [:]) {
        self.session = session
        self.turn = turn
        self.messages = messages
        self.suggestions = suggestions
        self.parse = parse
        self.task = task
        self.slots = slots
    }

    /// All text messages joined by a newline, for logs and simple channels.
    public var text: String {
        messages.compactMap { if case .text(let t) = $0 { return t }; return nil }.joined(separator: "\n")
    }

    /// The product cards of the reply, in order.
    public var cards: [ProductCard] {
        messages.flatMap { message -> [ProductCard] in
            if case .products(let cards) = message { return cards }
            return []
        }
    }

    public var comparison: ComparisonTable? {
        for case .comparison(let table) in messages { return table }
        return nil
    }

    public var order: OrderView? {
        for case .order(let order) in messages { return order }
        return nil
    }

    public var cart: CartView? {
        for case .cart(let cart) in messages { return cart }
        return nil
    }

    public var handoff: Handoff? {
        for case .handoff(let handoff) in messages { return handoff }
        return nil
    }

    /// The encoder that gives the stable JSON form (sorted keys, no escaped slashes).
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The reply as one line of stable JSON.
    public func jsonString() throws -> String {
        String(decoding: try Self.makeEncoder().encode(self), as: UTF8.self)
    }
}

/// A quick reply the shopper can pick instead of typing.
public struct Suggestion: Sendable, Hashable, Codable {
    public var title: String
    public var payload: String
    public init(title: String, payload: String? = nil) {
        self.title = title
        self.payload = payload ?? title
    }
}

/// One part of a reply. Encoded as an object with a `type` field.
public enum ReplyMessage: Sendable, Hashable, Codable {
    case text(String)
    case products([ProductCard])
    case comparison(ComparisonTable)
    case order(OrderView)
    case cart(CartView)
    case handoff(Handoff)

    private enum CodingKeys: String, CodingKey { case type, text, cards, table, order, cart, handoff }

    /// The `type` tag in JSON.
    public var type: String {
        switch self {
        case .text: "text"
        case .products: "products"
        case .comparison: "comparison"
        case .order: "order"
        case .cart: "cart"
        case .handoff: "handoff"
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        switch self {
        case .text(let t): try c.encode(t, forKey: .text)
        case .products(let cards): try c.encode(cards, forKey: .cards)
        case .comparison(let table): try c.encode(table, forKey: .table)
        case .order(let order): try c.encode(order, forKey: .order)
        case .cart(let cart): try c.encode(cart, forKey: .cart)
        case .handoff(let handoff): try c.encode(handoff, forKey: .handoff)
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "text": self = .text(try c.decode(String.self, forKey: .text))
        case "products": self = .products(try c.decode([ProductCard].self, forKey: .cards))
        case "comparison": self = .comparison(try c.decode(ComparisonTable.self, forKey: .table))
        case "order": self = .order(try c.decode(OrderView.self, forKey: .order))
        case "cart": self = .cart(try c.decode(CartView.self, forKey: .cart))
        case "handoff": self = .handoff(try c.decode(Handoff.self, forKey: .handoff))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown reply message type '\(type)'; expected text, products, comparison, order, cart or handoff")
        }
    }
}

/// A product as a card: what a shopper needs to pick it.
public struct ProductCard: Sendable, Hashable, Codable {
    public var sku: String
    public var title: String
    public var brand: String
    public var price: Double
    public var currency: String
    public var rating: Double?
    /// Why it is shown (a recommendation reason, a matched preference); nil for plain search hits.
    public var reason: String?

    public init(sku: String, title: String, brand: String, price: Double, currency: String, rating: Double?, reason: String? = nil) {
        self.sku = sku
        self.title = title
        self.brand = brand
        self.price = price
        self.currency = currency
        self.rating = rating
        self.reason = reason
    }
}

/// Products side by side: one column per product, one row per attribute.
public struct ComparisonTable: Sendable, Hashable, Codable {
    public var products: [ProductCard]
    public var rows: [Row]
    /// The real differences in a sentence or two ("The A is $40 cheaper; the B has 10 more hours of battery").
    public var summary: String?
    /// Which product fits the need the shopper named, and why (nil when no need was named).
    public var fit: String?

    public struct Row: Sendable, Hashable, Codable {
        public var attribute: String
        /// One value per product, in the order of `products`.
        public var values: [String]
        /// Index of the product with the better value, when one is better.
        public var better: Int?
        public init(attribute: String, values: [String], better: Int? = nil) {
            self.attribute = attribute
            self.values = values
            self.better = better
        }
    }

    public init(products: [ProductCard], rows: [Row], summary: String? = nil, fit: String? = nil) {
        self.products = products
        self.rows = rows
        self.summary = summary
        self.fit = fit
    }
}

/// An order's status with its timeline.
public struct OrderView: Sendable, Hashable, Codable {
    public var orderID: String
    /// The machine status (`placed`, `shipped`, `delivered`, `cancelled`, …).
    public var status: String
    /// The status in words a shopper understands, when the service gives one.
    public var statusText: String?
    /// ISO 8601 date of the expected delivery, when known.
    public var estimatedDelivery: String?
    public var total: Double
    public var currency: String
    public var timeline: [Event]
    public var lines: [CartView.Line]

    public struct Event: Sendable, Hashable, Codable {
        public var status: String
        /// ISO 8601 date-time.
        public var at: String
        public var note: String?
        public init(status: String, at: String, note: String? = nil) {
            self.status = status
            self.at = at
            self.note = note
        }
    }

    public init(orderID: String, status: String, statusText: String? = nil, estimatedDelivery: String? = nil, total: Double, currency: String, timeline: [Event], lines: [CartView.Line] = []) {
        self.orderID = orderID
        self.status = status
        self.statusText = statusText
        self.estimatedDelivery = estimatedDelivery
        self.total = total
        self.currency = currency
        self.timeline = timeline
        self.lines = lines
    }
}

/// A cart's lines and totals.
public struct CartView: Sendable, Hashable, Codable {
    public var lines: [Line]
    public var subtotal: Double
    public var discount: Double
    public var shipping: Double
    public var total: Double
    public var currency: String

    public struct Line: Sendable, Hashable, Codable {
        public var sku: String
        public var title: String
        public var quantity: Int
        public var unitPrice: Double
        public var lineTotal: Double
        public init(sku: String, title: String, quantity: Int, unitPrice: Double, lineTotal: Double) {
            self.sku = sku
            self.title = title
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.lineTotal = lineTotal
        }
    }

    public init(lines: [Line], subtotal: Double, discount: Double = 0, shipping: Double = 0, total: Double, currency: String) {
        self.lines = lines
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.total = total
        self.currency = currency
    }

    public var isEmpty: Bool { lines.isEmpty }
}

/// A request to pass the conversation to a person; the channel acts on it.
public struct Handoff: Sendable, Hashable, Codable {
    public var reason: String
    /// A few lines a human agent reads first: what the shopper wanted and what was shown.
    public var summary: String
    public var customer: String?
    public init(reason: String, summary: String, customer: String?) {
        self.reason = reason
        self.summary = summary
        self.customer = customer
    }
}
