import Foundation
import NLU
@testable import Dialogue

/// A small in-memory shop behind the dialogue's service protocols, for policy tests that
/// must not depend on the Commerce services (the demo-shop tests use the real ones).
final class FakeShop: @unchecked Sendable, ProductSearching, ProductRecommending, ProductComparing, CartManaging, OrderServicing, CustomerDirectory, EventLogging, AccountServicing {
    private let lock = NSLock()
    let products: [ProductInfo]
    private var carts: [CartOwner: [(String, Int)]] = [:]
    private var orders: [String: (view: OrderView, customer: String?, email: String)] = [:]
    private var nextOrder = 10500
    private(set) var events: [DialogueEvent] = []
    var forgotten: [String] = []
    var abandoned: [String: CartView] = [:]

    init() {
        func p(_ sku: String, _ title: String, _ brand: String, _ cat: String, _ color: String, _ price: Double, _ rating: Double) -> ProductInfo {
            ProductInfo(sku: sku, title: title, brand: brand, category: cat, color: color, price: price, rating: rating, attributes: ["color": color])
        }
        products = [
            p("H1", "Sony WH-1000XM5 Headphones", "Sony", "headphones", "black", 349, 4.8),
            p("H2", "Bose QuietComfort Headphones", "Bose", "headphones", "white", 299, 4.7),
            p("H3", "Sony WH-CH720N Headphones", "Sony", "headphones", "blue", 129, 4.4),
            p("H4", "JBL Tune 760NC Headphones", "JBL", "headphones", "blue", 89, 4.2),
            p("H5", "Sony MDR-ZX110 Headphones", "Sony", "headphones", "red", 19, 3.9),
            p("H6", "JBL Tune 510BT Headphones", "JBL", "headphones", "red", 39, 4.1),
            p("H7", "Anker Soundcore Q30 Headphones", "Anker", "headphones", "blue", 59, 4.5),
            p("S1", "Nike Pegasus Running Shoes", "Nike", "shoes", "red", 120, 4.6),
            p("S2", "Adidas Ultraboost Running Shoes", "Adidas", "shoes", "black", 180, 4.5),
            p("S3", "Nike Revolution Running Shoes", "Nike", "shoes", "blue", 65, 4.0),
        ]
        orders["A10234"] = (OrderView(orderID: "A10234", status: "shipped", statusText: "shipped", total: 89, currency: "USD",
                                      timeline: [.init(status: "placed", at: "2026-11-20T10:00:00Z"), .init(status: "shipped", at: "2026-11-21T09:00:00Z")]),
                            nil, "guest@example.com")
        orders["A10235"] = (OrderView(orderID: "A10235", status: "delivered", total: 120, currency: "USD", timeline: []), "7", "ann@example.com")
    }

    func locked<R>(_ body: () throws -> R) rethrows -> R { lock.lock(); defer { lock.unlock() }; return try body() }

    // MARK: search
    func search(_ q: ProductQuery) throws -> SearchOutcome {
        var hits = products.filter { p in
            if let c = q.category, p.category != c { return false }
            if let t = q.text, !t.isEmpty, !p.title.lowercased().contains(t.lowercased()), p.category != t.lowercased() { return false }
            if !q.brands.isEmpty, !q.brands.contains(where: { $0.lowercased() == p.brand.lowercased() }) { return false }
            if q.excludedBrands.contains(where: { $0.lowercased() == p.brand.lowercased() }) { return false }
            if !q.colors.isEmpty, !q.colors.contains(p.color ?? "") { return false }
            if q.excludedColors.contains(p.color ?? "") { return false }
            if let lo = q.minPrice, p.price < lo { return false }
            if let hi = q.maxPrice, p.price > hi { return false }
            return true
        }
        switch q.sort {
        case "price_asc": hits.sort { $0.price < $1.price }
        case "price_desc": hits.sort { $0.price > $1.price }
        case "rating_desc": hits.sort { ($0.rating ?? 0) > ($1.rating ?? 0) }
        default: break
        }
        let page = Array(hits.dropFirst(q.offset).prefix(q.limit))
        return SearchOutcome(products: page, total: hits.count)
    }

    func product(sku: String) throws -> ProductInfo? { products.first { $0.sku == sku } }

    func recommend(customer: String?, seeds: [String], query: ProductQuery?, limit: Int) throws -> [(product: ProductInfo, reason: String)] {
        let seedCats = Set(seeds.compactMap { s in products.first { $0.sku == s }?.category })
        return products.filter { seedCats.isEmpty || seedCats.contains($0.category) }.filter { !seeds.contains($0.sku) }
            .sorted { ($0.rating ?? 0) > ($1.rating ?? 0) }.prefix(limit).map { ($0, "highly rated \($0.category)") }
    }

    func compare(_ items: [ProductInfo], need: String?) throws -> ComparisonTable {
        let prices = items.map(\.price)
        let ratings = items.map { $0.rating ?? 0 }
        return ComparisonTable(products: items.map { $0.card() }, rows: [
            .init(attribute: "price", values: items.map { Money.format($0.price, $0.currency) }, better: prices.firstIndex(of: prices.min() ?? 0)),
            .init(attribute: "rating", values: ratings.map { String($0) }, better: ratings.firstIndex(of: ratings.max() ?? 0)),
        ])
    }

    // MARK: cart
    private func view(_ owner: CartOwner) -> CartView {
        let lines = (carts[owner] ?? []).compactMap { sku, qty -> CartView.Line? in
            guard let p = products.first(where: { $0.sku == sku }) else { return nil }
            return .init(sku: sku, title: p.title, quantity: qty, unitPrice: p.price, lineTotal: p.price * Double(qty))
        }
        let subtotal = lines.reduce(0) { $0 + $1.lineTotal }
        return CartView(lines: lines, subtotal: subtotal, total: subtotal, currency: "USD")
    }
    func cart(_ owner: CartOwner) throws -> CartView { locked { view(owner) } }
    func add(sku: String, quantity: Int, size: String?, color: String?, to owner: CartOwner) throws -> CartView {
        locked {
            var lines = carts[owner] ?? []
            if let i = lines.firstIndex(where: { $0.0 == sku }) { lines[i].1 += quantity } else { lines.append((sku, quantity)) }
            carts[owner] = lines
            return view(owner)
        }
    }
    func remove(sku: String, from owner: CartOwner) throws -> CartView {
        locked { carts[owner]?.removeAll { $0.0 == sku }; return view(owner) }
    }
    func setQuantity(sku: String, quantity: Int, in owner: CartOwner) throws -> CartView {
        try locked {
            guard let i = carts[owner]?.lastIndex(where: { $0.0 == sku }) else { throw ServiceRefusal("that product is not in the cart any more") }
            if quantity == 0 { carts[owner]?.remove(at: i) } else { carts[owner]?[i].1 = quantity }
            return view(owner)
        }
    }
    func checkout(_ owner: CartOwner, email: String?) throws -> PlacedOrder {
        try locked {
            let cart = view(owner)
            guard !cart.isEmpty else { throw ServiceRefusal("the cart is empty") }
            nextOrder += 1
            let id = "A\(nextOrder)"
            let order = OrderView(orderID: id, status: "placed", total: cart.total, currency: "USD", timeline: [.init(status: "placed", at: "2026-11-25T05:00:00Z")], lines: cart.lines)
            var customer: String?
            if case .customer(let c) = owner { customer = c }
            orders[id] = (order, customer, email ?? "ann@example.com")
            carts[owner] = []
            return PlacedOrder(order: order, lines: cart.lines)
        }
    }

    // MARK: orders
    func lookup(orderID: String, customer: String?, email: String?, session: String) throws -> OrderLookup {
        locked {
            guard let o = orders[orderID] else { return .notFound }
            if let customer, o.customer == customer { return .found(o.view) }
            if let email, email.lowercased() == o.email { return .found(o.view) }
            return .notYours
        }
    }
    func latestOrder(customer: String) throws -> OrderView? {
        locked { orders.values.filter { $0.customer == customer }.map(\.view).max { $0.orderID < $1.orderID } }
    }
    func cancel(orderID: String, customer: String?, email: String?, session: String) throws -> OrderView {
        try locked {
            guard var o = orders[orderID] else { throw ServiceRefusal("no such order") }
            guard o.view.status == "placed" else { throw ServiceRefusal("order \(orderID) has already \(o.view.status)") }
            o.view.status = "cancelled"; o.view.statusText = nil
            orders[orderID] = o
            return o.view
        }
    }
    func requestReturn(orderID: String, customer: String?, email: String?, session: String) throws -> OrderView {
        try locked {
            guard var o = orders[orderID], o.view.status == "delivered" else { throw ServiceRefusal("only delivered orders can be returned") }
            o.view.status = "return_requested"
            orders[orderID] = o
            return o.view
        }
    }

    // MARK: customers, events, account
    func customer(id: String) throws -> CustomerProfile? {
        id == "7" ? CustomerProfile(id: "7", name: "Ann Example", email: "ann@example.com", isReturning: true) : nil
    }
    func log(_ events: [DialogueEvent]) throws { locked { self.events += events } }
    func abandonedCart(customer: String) throws -> CartView? { locked { abandoned[customer] } }
    func promotions(customer: String?) throws -> [String] { customer == nil ? [] : ["10% off headphones until Sunday"] }
    func deliveryOptions(postcode: String?, customer: String?) throws -> [String] { ["Standard 3-5 days $4.99", "Express next day $9.99"] }
    func exportSummary(customer: String) throws -> String { "name, email, 1 order" }
    func forget(customer: String) throws { locked { forgotten.append(customer) } }

    var services: ShopServices {
        ShopServices(search: self, recommend: self, compare: self, cart: self, orders: self, customers: self, events: self, account: self)
    }
}

/// Builds parses by hand: entities are located in the text by their surface form.
enum P {
    static func make(_ text: String, _ intent: String, _ confidence: Double = 0.95, _ entities: [(String, EntityValue, String)] = [], ranking: [(String, Double)] = []) -> Parse {
        let ents = entities.map { name, value, surface -> ExtractedEntity in
            let lower = text.lowercased()
            let start = lower.range(of: surface.lowercased()).map { lower.unicodeScalars.distance(from: lower.unicodeScalars.startIndex, to: $0.lowerBound) } ?? 0
            return ExtractedEntity(entity: name, value: value, text: surface, start: start, end: start + surface.unicodeScalars.count, extractor: "test", confidence: 1)
        }
        let top = IntentScore(name: intent, confidence: confidence)
        let rank = ranking.isEmpty ? [top] : ranking.map { IntentScore(name: $0.0, confidence: $0.1) }
        return Parse(text: text, intent: top, ranking: rank, entities: ents)
    }
    static func s(_ name: String, _ value: String, _ surface: String? = nil) -> (String, EntityValue, String) { (name, .string(value), surface ?? value) }
}

/// The shipped templates, found from this file's path (package root = three levels up).
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let templatesURL = packageRoot.appendingPathComponent("Dialogues/templates")
    static let templates: TemplateBook = {
        do { return try TemplateBook(directory: templatesURL) } catch { fatalError("templates: \(error)") }
    }()
}
