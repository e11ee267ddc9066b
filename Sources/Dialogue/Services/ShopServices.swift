import Foundation

// The dialogue manager calls the shop through these small protocols so that the
// policy can be tested with in-memory fakes and run on the real Commerce services
// (see `CommerceAdapters.swift`) without knowing their concrete types.

/// A product as the dialogue sees it.
public struct ProductInfo: Sendable, Hashable, Codable {
    public var sku: String
    public var title: String
    public var brand: String
    public var category: String
    public var color: String?
    public var price: Double
    public var currency: String
    public var rating: Double?
    /// Extra attributes for comparisons and details (material, size range, features…).
    public var attributes: [String: String]

    public init(sku: String, title: String, brand: String, category: String, color: String? = nil, price: Double, currency: String = "USD", rating: Double? = nil, attributes: [String: String] = [:]) {
        self.sku = sku
        self.title = title
        self.brand = brand
        self.category = category
        self.color = color
        self.price = price
        self.currency = currency
        self.rating = rating
        self.attributes = attributes
    }

    public func card(reason: String? = nil) -> ProductCard {
        ProductCard(sku: sku, title: title, brand: brand, price: price, currency: currency, rating: rating, reason: reason)
    }
}

/// A search as built up over several turns: each refinement changes one field.
public struct ProductQuery: Sendable, Hashable, Codable {
    public var text: String?
    public var category: String?
    public var brands: [String] = []
    public var excludedBrands: [String] = []
    public var colors: [String] = []
    public var excludedColors: [String] = []
    public var size: String?
    public var features: [String] = []
    public var material: String?
    public var gender: String?
    public var minPrice: Double?
    public var maxPrice: Double?
    /// `price_asc`, `price_desc`, `rating_desc`, `newest` or nil for relevance.
    public var sort: String?
    public var offset: Int = 0
    public var limit: Int = 5

    public init(text: String? = nil, category: String? = nil) {
        self.text = text
        self.category = category
    }

    /// True when nothing at all is asked for.
    public var isEmpty: Bool {
        (text ?? "").isEmpty && category == nil && brands.isEmpty && colors.isEmpty && features.isEmpty && material == nil
    }

    /// A short human phrase: "blue Sony headphones under 80".
    public var phrase: String {
        var parts: [String] = []
        parts += colors
        parts += brands
        if let material { parts.append(material) }
        parts += features
        if let category { parts.append(category) } else if let text, !text.isEmpty { parts.append(text) } else { parts.append("products") }
        if let size { parts.append("size \(size)") }
        if !excludedColors.isEmpty { parts.append("not " + excludedColors.joined(separator: "/")) }
        if !excludedBrands.isEmpty { parts.append("not " + excludedBrands.joined(separator: "/")) }
        if let minPrice, let maxPrice { parts.append("\(Money.plain(minPrice))–\(Money.plain(maxPrice))") }
        else if let maxPrice { parts.append("under \(Money.plain(maxPrice))") }
        else if let minPrice { parts.append("over \(Money.plain(minPrice))") }
        return parts.joined(separator: " ")
    }
}

/// The answer to a search.
public struct SearchOutcome: Sendable, Hashable {
    public var products: [ProductInfo]
    /// How many match in all (for "show more").
    public var total: Int
    /// Filters the search dropped to find anything ("color", "price"), empty when none.
    public var relaxed: [String]
    /// A spelling the search would have understood better.
    public var didYouMean: String?

    public init(products: [ProductInfo], total: Int, relaxed: [String] = [], didYouMean: String? = nil) {
        self.products = products
        self.total = total
        self.relaxed = relaxed
        self.didYouMean = didYouMean
    }
}

/// Finds products.
public protocol ProductSearching: Sendable {
    func search(_ query: ProductQuery) throws -> SearchOutcome
    func product(sku: String) throws -> ProductInfo?
}

/// Recommends products with a reason each.
public protocol ProductRecommending: Sendable {
    func recommend(customer: String?, seeds: [String], query: ProductQuery?, limit: Int) throws -> [(product: ProductInfo, reason: String)]
}

/// Compares products attribute by attribute.
public protocol ProductComparing: Sendable {
    /// `need` is the shopper's own words ("for running in the rain"), when they gave one.
    func compare(_ products: [ProductInfo], need: String?) throws -> ComparisonTable
    /// A product's specifications, labelled as the comparison labels them ("Capacity: 3 persons").
    func specifications(of product: ProductInfo) throws -> [(label: String, value: String)]
}

extension ProductComparing {
    /// Services that know no specifications beyond `ProductInfo.attributes`.
    public func specifications(of product: ProductInfo) throws -> [(label: String, value: String)] {
        product.attributes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// Who owns a cart: a signed-in customer or a guest session.
public enum CartOwner: Sendable, Hashable {
    case customer(String)
    case guest(session: String)
}

/// What checkout produced.
public struct PlacedOrder: Sendable, Hashable {
    public var order: OrderView
    public var lines: [CartView.Line]
    /// The promotion code applied, if any, and what it took off.
    public var code: String?
    public var discount: Double
    public init(order: OrderView, lines: [CartView.Line], code: String? = nil, discount: Double = 0) {
        self.order = order; self.lines = lines; self.code = code; self.discount = discount
    }
}

/// Carts and checkout.
public protocol CartManaging: Sendable {
    func cart(_ owner: CartOwner) throws -> CartView
    /// Adds a product; `size` and `color` pick the variant of a product sold in several.
    func add(sku: String, quantity: Int, size: String?, color: String?, to owner: CartOwner) throws -> CartView
    func remove(sku: String, from owner: CartOwner) throws -> CartView
    /// Sets the quantity of the product's line (the latest, when it is in the cart in
    /// several sizes); 0 removes it. A product not in the cart is a `ServiceRefusal`.
    func setQuantity(sku: String, quantity: Int, in owner: CartOwner) throws -> CartView
    /// Turns the cart into an order; `email` is required for guests.
    func checkout(_ owner: CartOwner, email: String?) throws -> PlacedOrder
    /// Turns the cart into an order with a promotion code applied (nil: no code).
    func checkout(_ owner: CartOwner, email: String?, code: String?) throws -> PlacedOrder
}

extension CartManaging {
    /// Carts that know no promotions: without a code, a plain checkout; with one, a refusal saying so.
    public func checkout(_ owner: CartOwner, email: String?, code: String?) throws -> PlacedOrder {
        guard let code else { return try checkout(owner, email: email) }
        throw ServiceRefusal("this shop cannot apply promotion codes, so \(code) was not used and nothing was ordered")
    }
}

/// The outcome of an order look-up: guests must prove who they are with the order's email.
public enum OrderLookup: Sendable, Hashable {
    case found(OrderView)
    case notFound
    /// The order exists but belongs to someone else, or the guest's email does not match.
    case notYours
}

/// Order status, cancellation and returns.
public protocol OrderServicing: Sendable {
    func lookup(orderID: String, customer: String?, email: String?, session: String) throws -> OrderLookup
    func latestOrder(customer: String) throws -> OrderView?
    /// Cancels an order that has not shipped; throws a `ServiceRefusal` naming the reason otherwise.
    func cancel(orderID: String, customer: String?, email: String?, session: String) throws -> OrderView
    /// Opens a return for a delivered order; throws a `ServiceRefusal` when not possible.
    func requestReturn(orderID: String, customer: String?, email: String?, session: String) throws -> OrderView
    /// Why `order` cannot be cancelled as it stands, in words for the shopper (nil: it can
    /// be asked for), so the assistant does not ask to confirm what it will refuse.
    func cancelRefusal(for order: OrderView) -> String?
    /// Why `order` cannot be returned as it stands (nil: it can be asked for).
    func returnRefusal(for order: OrderView) -> String?
}

extension OrderServicing {
    /// Services that know no rules up front: `cancel` and `requestReturn` decide.
    public func cancelRefusal(for order: OrderView) -> String? { nil }
    public func returnRefusal(for order: OrderView) -> String? { nil }
}

/// A customer as the greeting needs them.
public struct CustomerProfile: Sendable, Hashable {
    public var id: String
    public var name: String
    public var email: String?
    /// True when they have bought or talked before.
    public var isReturning: Bool
    public init(id: String, name: String, email: String?, isReturning: Bool) {
        self.id = id
        self.name = name
        self.email = email
        self.isReturning = isReturning
    }
}

/// Customer look-ups.
public protocol CustomerDirectory: Sendable {
    func customer(id: String) throws -> CustomerProfile?
}

/// A shopper behaviour the store records for personalization and metrics.
///
/// The policy fills kind, session, customer and the facts of the turn; the `Assistant`
/// stamps `channel`, `variant` and `at` on every event of a session in one place before
/// logging, so no policy method needs to know about channels or experiments.
public struct DialogueEvent: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case productShown = "product_shown"
        case productClicked = "product_clicked"
        case addedToCart = "added_to_cart"
        case purchased
        case recommendationShown = "recommendation_shown"
        case recommendationAccepted = "recommendation_accepted"
        /// The shopper was passed to a human.
        case handoff
        /// The assistant asked a clarifying question, said the line was out of scope, or did not understand.
        case fallback
        /// An offer (promotion) was listed to the shopper.
        case promotionShown = "promotion_shown"
        /// A promotion code was applied at checkout.
        case promotionUsed = "promotion_used"
        /// The shopper said something about the assistant (the text goes to the `feedback` table).
        case feedback
    }
    public var kind: Kind
    public var session: String
    public var customer: String?
    public var sku: String?
    public var orderID: String?
    /// Facts for the event's JSON payload: `intent` of a fallback, `source` of a click, `code` of a promotion, …
    public var details: [String: String]
    /// The channel the session runs on (`repl`, `jsonrpc`, `dialogue-test`, `simulator`); stamped by the `Assistant`.
    public var channel: String?
    /// `experiment/variant` of the session, nil outside experiments; stamped by the `Assistant`.
    public var variant: String?
    /// When it happened (the turn's clock); nil means when it is logged.
    public var at: Date?

    public init(kind: Kind, session: String, customer: String?, sku: String? = nil, orderID: String? = nil, details: [String: String] = [:],
                channel: String? = nil, variant: String? = nil, at: Date? = nil) {
        self.kind = kind
        self.session = session
        self.customer = customer
        self.sku = sku
        self.orderID = orderID
        self.details = details
        self.channel = channel
        self.variant = variant
        self.at = at
    }
}

/// Where events go (the store's events table).
public protocol EventLogging: Sendable {
    func log(_ events: [DialogueEvent]) throws
}

/// Account-level answers that issue 8 (consent, promotions, data rights) fills in;
/// each returns text already worded by the service, or nil when it has nothing to say.
public protocol AccountServicing: Sendable {
    func abandonedCart(customer: String) throws -> CartView?
    func promotions(customer: String?) throws -> [String]
    func deliveryOptions(postcode: String?, customer: String?) throws -> [String]
    func exportSummary(customer: String) throws -> String
    func forget(customer: String) throws
}

/// A service said no for a reason the shopper should hear ("already shipped").
public struct ServiceRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// A product needs a choice before it can go in the cart (a size); the dialogue asks for it.
public struct ChoiceRequired: Error, Sendable, Hashable, CustomStringConvertible {
    /// The slot to ask for, e.g. `size`.
    public var slot: String
    public var options: [String]
    public var product: String
    /// True when the shopper named a value that is not among `options`.
    public var rejected: String?
    public init(slot: String, options: [String], product: String, rejected: String? = nil) {
        self.slot = slot
        self.options = options
        self.product = product
        self.rejected = rejected
    }
    public var description: String {
        "\(product) needs a \(slot)\(rejected.map { " (\($0) is not available)" } ?? ""): \(options.joined(separator: ", "))"
    }
}

/// Everything the dialogue manager calls.
public struct ShopServices: Sendable {
    public var search: any ProductSearching
    public var recommend: any ProductRecommending
    public var compare: any ProductComparing
    public var cart: any CartManaging
    public var orders: any OrderServicing
    public var customers: any CustomerDirectory
    public var events: any EventLogging
    public var account: (any AccountServicing)?

    public init(search: any ProductSearching, recommend: any ProductRecommending, compare: any ProductComparing, cart: any CartManaging, orders: any OrderServicing, customers: any CustomerDirectory, events: any EventLogging, account: (any AccountServicing)? = nil) {
        self.search = search
        self.recommend = recommend
        self.compare = compare
        self.cart = cart
        self.orders = orders
        self.customers = customers
        self.events = events
        self.account = account
    }
}

/// Money formatting shared by templates and phrases.
public enum Money {
    /// "49.99" or "80" (no trailing zeros for whole amounts).
    public static func plain(_ amount: Double) -> String {
        if amount.rounded() == amount && abs(amount) < 1e12 { return String(Int64(amount)) }
        return String(format: "%.2f", amount)
    }

    /// "$49.99", "€80.00".
    public static func format(_ amount: Double, _ currency: String) -> String {
        let symbol: String
        switch currency.uppercased() {
        case "USD": symbol = "$"
        case "EUR": symbol = "€"
        case "GBP": symbol = "£"
        default: return String(format: "%.2f", amount) + " " + currency
        }
        return symbol + String(format: "%.2f", amount)
    }
}
