import Commerce
import Foundation
import GRDB

// The real Commerce services behind the dialogue's protocols. Commerce speaks in
// product ids and cents; the dialogue speaks in SKUs and amounts, so the adapters
// translate (with a small SKU cache, since references look products up every turn).

/// Product look-ups by SKU and id, cached: the catalog changes rarely compared with turns.
final class ProductDirectory: @unchecked Sendable {
    let store: ShopStore
    private let bySKU = Locked<[String: (id: Int64, info: ProductInfo)]>([:])
    private let byID = Locked<[Int64: ProductInfo]>([:])

    init(store: ShopStore) { self.store = store }

    /// A product as the dialogue shows it. Title and brand are one line each: an imported
    /// title may hold a line break, and replies keep their own line breaks (lists of offers).
    static func info(_ p: Product) -> ProductInfo {
        ProductInfo(sku: p.sku, title: singleLine(p.title), brand: singleLine(p.brand), category: p.category, price: Double(p.priceCents) / 100,
                    currency: p.currency, rating: p.rating, attributes: [:])
    }

    /// `text` with line breaks and tabs as spaces.
    static func singleLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    private func remember(_ p: Product) -> ProductInfo {
        let info = Self.info(p)
        if let id = p.id {
            bySKU.withLock { $0[p.sku] = (id, info) }
            byID.withLock { $0[id] = info }
        }
        return info
    }

    func product(sku: String) throws -> (id: Int64, info: ProductInfo)? {
        if let hit = bySKU.withLock({ $0[sku] }) { return hit }
        guard let p = try store.database.read({ db in try Product.filter(Column("sku") == sku).fetchOne(db) }), let id = p.id else { return nil }
        return (id, remember(p))
    }

    /// Products by id, in the order of `ids`.
    func products(ids: [Int64]) throws -> [Int64: ProductInfo] {
        var found: [Int64: ProductInfo] = [:]
        var missing: [Int64] = []
        byID.withLock { cache in for id in ids { if let p = cache[id] { found[id] = p } else { missing.append(id) } } }
        if !missing.isEmpty {
            let rows = try store.database.read { db in try Product.fetchAll(db, keys: missing) }
            for p in rows { if let id = p.id { found[id] = remember(p) } }
        }
        return found
    }
}

/// Search over `SearchService`.
public struct CommerceSearch: ProductSearching {
    /// The service, its index built in the background from start-up (see `SearchService.building`).
    let pending: BackgroundValue<SearchService>
    let directory: ProductDirectory
    /// The service; the first search waits for its index.
    var service: SearchService { get throws { try pending.value } }

    public func search(_ q: ProductQuery) throws -> SearchOutcome {
        var filters = SearchFilters(category: q.category, brands: q.brands, color: q.colors.first, size: q.size, features: q.features)
        filters.excludedBrands = q.excludedBrands
        filters.excludedColors = q.excludedColors
        if q.minPrice != nil || q.maxPrice != nil {
            filters.price = PriceRange(minCents: q.minPrice.map { Int(($0 * 100).rounded()) }, maxCents: q.maxPrice.map { Int(($0 * 100).rounded()) })
        }
        let words = [q.text, q.material, q.gender].compactMap { $0 }.filter { !$0.isEmpty }
        let sort: SearchSort = switch q.sort {
        case "price_asc": .priceAscending
        case "price_desc": .priceDescending
        case "rating_desc": .rating
        case "newest": .newest
        default: .relevance
        }
        let limit = max(1, min(q.limit, 100))
        var request = SearchRequest(text: words.isEmpty ? nil : words.joined(separator: " "), filters: filters, sort: sort,
                                    page: q.offset / limit, pageSize: limit)
        request.relaxWhenEmpty = true
        request.includeFacets = false
        let result = try service.search(request)
        let hits = result.hits
        let total = result.total
        let infos = try directory.products(ids: hits.map(\.productID))
        let products = hits.compactMap { h -> ProductInfo? in
            guard var p = infos[h.productID] else { return nil }
            p.color = h.colors.first
            return p
        }
        return SearchOutcome(products: products, total: total, relaxed: result.relaxed.map(\.message), didYouMean: result.didYouMean)
    }

    public func product(sku: String) throws -> ProductInfo? { try directory.product(sku: sku)?.info }
}

/// Recommendations over `RecommendationService`.
public struct CommerceRecommendations: ProductRecommending {
    /// The service, its index loaded in the background from start-up (see `RecommendationService.loading`).
    let pending: BackgroundValue<RecommendationService>
    let directory: ProductDirectory
    /// The service; the first recommendation waits for its index.
    var service: RecommendationService { get throws { try pending.value } }

    public func recommend(customer: String?, seeds: [String], query: ProductQuery?, limit: Int) throws -> [(product: ProductInfo, reason: String)] {
        let anchor = try seeds.first.flatMap { try directory.product(sku: $0)?.id }
        let excluded = try Set(seeds.compactMap { try directory.product(sku: $0)?.id })
        let request = RecommendationRequest(
            customerID: try customer.flatMap(Int64.init).flatMap { try ConsentService(store: service.store).eventCustomerID($0) }, anchorProductID: anchor, category: anchor == nil ? query?.category : nil,
            minPriceCents: query?.minPrice.map { Int($0 * 100) }, maxPriceCents: query?.maxPrice.map { Int($0 * 100) },
            count: max(1, min(limit, 50)), excludedProductIDs: excluded)
        return try service.recommend(request).items.map { (ProductDirectory.info($0.product), $0.reason.text) }
    }
}

/// Comparison over `ComparisonService`.
public struct CommerceComparison: ProductComparing {
    let service: ComparisonService
    let directory: ProductDirectory

    public func compare(_ products: [ProductInfo], need: String?) throws -> ComparisonTable {
        let ids = try products.compactMap { try directory.product(sku: $0.sku)?.id }
        let table = try service.compare(ComparisonRequest(productIDs: ids, need: need))
        let rows = table.rows.map { row in
            ComparisonTable.Row(attribute: row.label, values: row.display, better: row.better.count == 1 ? row.better.first : nil)
        }
        return ComparisonTable(products: products.map { $0.card() }, rows: rows, summary: table.summary, fit: table.needFit?.sentence)
    }

    public func specifications(of product: ProductInfo) throws -> [(label: String, value: String)] {
        guard let id = try directory.product(sku: product.sku)?.id else { return [] }
        return try service.specifications(productID: id)
    }
}

/// Carts and checkout over `CartService`.
public struct CommerceCart: CartManaging {
    let service: CartService
    let directory: ProductDirectory

    static func owner(_ o: CartOwner) -> Commerce.CartOwner {
        switch o {
        case .customer(let id): if let n = Int64(id) { return .customer(id: n) } else { return .session(id: "customer-" + id) }
        case .guest(let session): return .session(id: session)
        }
    }

    func view(_ v: Commerce.CartView) throws -> CartView {
        let infos = try directory.products(ids: v.lines.map(\.productID))
        let lines = v.lines.map { l in
            CartView.Line(sku: infos[l.productID]?.sku ?? String(l.productID), title: l.variantTitle.map { "\(l.title) (\($0))" } ?? l.title,
                          quantity: l.quantity, unitPrice: Double(l.unitPriceCents) / 100, lineTotal: Double(l.lineTotalCents) / 100)
        }
        return CartView(lines: lines, subtotal: Double(v.subtotalCents) / 100, shipping: Double(v.shippingCents) / 100,
                        total: Double(v.totalCents) / 100, currency: v.currency)
    }

    public func cart(_ owner: CartOwner) throws -> CartView { try view(service.view(Self.owner(owner))) }

    public func add(sku: String, quantity: Int, size: String?, color: String?, to owner: CartOwner) throws -> CartView {
        guard let product = try directory.product(sku: sku) else { throw ServiceRefusal("there is no product \(sku) any more") }
        let variants = try directory.store.database.read { db in
            try ProductVariant.fetchAll(db.cachedStatement(sql: "SELECT * FROM product_variants WHERE product_id = ? ORDER BY id"), arguments: [product.id])
        }
        var variantID: Int64?
        let inStock = variants.filter { $0.stock > 0 }
        let byColor = color.map { c in inStock.filter { $0.color?.lowercased() == c.lowercased() } } ?? []
        if variants.count > 1, !variants.contains(where: { $0.size != nil }) {
            // Sold in colours only: the colour asked for, else the first one in stock.
            variantID = (byColor.first ?? inStock.first ?? variants.first)?.id
        } else if variants.count > 1 {
            // Offer the sizes that can be had now.
            var seen = Set<String>()
            let sizes = (inStock.isEmpty ? variants : inStock).compactMap(\.size).filter { seen.insert($0).inserted }
            let sized = (byColor.isEmpty ? inStock : byColor) + variants
            guard let size, let match = sized.first(where: { $0.size?.lowercased() == size.lowercased() }) else {
                throw ChoiceRequired(slot: "size", options: sizes.isEmpty ? variants.map(\.title) : sizes, product: product.info.title, rejected: size)
            }
            variantID = match.id
        }
        do {
            return try view(service.add(Self.owner(owner), productID: product.id, variantID: variantID, quantity: quantity))
        } catch let e as CartError { throw ServiceRefusal(e.description) }
    }

    /// The cart's lines of the product `sku`, in cart order (several when it is there in several sizes).
    func lines(of sku: String, in cart: Commerce.CartView) throws -> [Commerce.CartLineView] {
        guard let id = try directory.product(sku: sku)?.id else { return [] }
        return cart.lines.filter { $0.productID == id }
    }

    public func remove(sku: String, from owner: CartOwner) throws -> CartView {
        let o = Self.owner(owner)
        let current = try service.view(o)
        guard let line = try lines(of: sku, in: current).first else { return try view(current) }
        return try view(service.remove(o, lineID: line.lineID))
    }

    public func setQuantity(sku: String, quantity: Int, in owner: CartOwner) throws -> CartView {
        let o = Self.owner(owner)
        guard let line = try lines(of: sku, in: service.view(o)).last else {
            throw ServiceRefusal("that product is not in the cart any more")
        }
        do {
            return try view(service.setQuantity(o, lineID: line.lineID, quantity: quantity))
        } catch let e as CartError { throw ServiceRefusal(e.description) }
    }

    public func checkout(_ owner: CartOwner, email: String?) throws -> PlacedOrder {
        try checkout(owner, email: email, code: nil)
    }

    /// Checks out; with a code, `PromotionService` validates it first (a refusal orders nothing),
    /// takes the discount off and marks the code used.
    public func checkout(_ owner: CartOwner, email: String?, code: String?) throws -> PlacedOrder {
        do {
            let receipt: CheckoutReceipt
            var discount = 0
            if let code {
                let (r, totals) = try PromotionService(store: service.store, now: service.now).checkout(cart: service, owner: Self.owner(owner), code: code,
                                                                                                     details: CheckoutDetails(email: email))
                receipt = r
                discount = totals.discountCents
            } else {
                receipt = try service.checkout(Self.owner(owner), details: CheckoutDetails(email: email))
            }
            let infos = try directory.products(ids: receipt.lines.map(\.productID))
            let lines = receipt.lines.map { l in
                CartView.Line(sku: infos[l.productID]?.sku ?? String(l.productID), title: l.title, quantity: l.quantity,
                              unitPrice: Double(l.unitPriceCents) / 100, lineTotal: Double(l.lineTotalCents) / 100)
            }
            let order = OrderView(orderID: receipt.orderNumber, status: receipt.status.rawValue, statusText: OrderService.statusText(receipt.status),
                                  estimatedDelivery: StorageDate.iso8601(receipt.estimatedDelivery), total: Double(receipt.totalCents) / 100,
                                  currency: "USD", timeline: [.init(status: receipt.status.rawValue, at: StorageDate.iso8601(service.now()))], lines: lines)
            return PlacedOrder(order: order, lines: lines, code: code?.uppercased(), discount: Double(discount) / 100)
        } catch let e as CartError { throw ServiceRefusal(e.description) } catch let e as PromotionRefusal { throw ServiceRefusal(e.description) }
    }
}

/// Order status, cancellation and returns over `OrderService`.
public struct CommerceOrders: OrderServicing {
    let service: OrderService

    static func view(_ d: OrderDetails) -> OrderView {
        var timeline = [OrderView.Event(status: "placed", at: StorageDate.iso8601(d.placedAt))]
        for s in d.shipments {
            for e in s.events { timeline.append(.init(status: e.status, at: StorageDate.iso8601(e.at), note: [e.location, e.description].filter { !$0.isEmpty }.joined(separator: ": "))) }
        }
        let lines = d.items.map { CartView.Line(sku: $0.sku, title: $0.title, quantity: $0.quantity, unitPrice: Double($0.unitPriceCents) / 100, lineTotal: Double($0.lineTotalCents) / 100) }
        return OrderView(orderID: d.number, status: d.status.rawValue, statusText: d.lateStatement.map { "\(d.statusText). \($0)" } ?? d.statusText,
                         estimatedDelivery: d.estimatedDelivery.map(StorageDate.iso8601), total: Double(d.totalCents) / 100,
                         currency: d.currency, timeline: timeline, lines: lines)
    }

    func lookup(_ id: String, _ customer: String?, _ email: String?, _ session: String) -> Commerce.OrderLookup {
        let requester: OrderRequester = customer.flatMap(Int64.init).map { .customer(id: $0) } ?? .guest(email: email, postcode: nil)
        return Commerce.OrderLookup(number: id, requester: requester, sessionID: session)
    }

    public func lookup(orderID: String, customer: String?, email: String?, session: String) throws -> OrderLookup {
        do {
            return .found(Self.view(try service.order(lookup(orderID, customer, email, session))))
        } catch let e as OrderError {
            switch e {
            // The service answers "not found" for someone else's order so as not to leak it.
            case .notFound: return customer == nil && email != nil ? .notYours : .notFound
            case .verificationNeeded: return .notYours
            default: throw ServiceRefusal(e.description)
            }
        }
    }

    public func latestOrder(customer: String) throws -> OrderView? {
        guard let id = Int64(customer), let latest = try service.recentOrders(customerID: id, limit: 1).first else { return nil }
        return try Self.view(service.order(lookup(latest.number, customer, nil, "latest-\(customer)")))
    }

    public func cancel(orderID: String, customer: String?, email: String?, session: String) throws -> OrderView {
        do { return Self.view(try service.cancel(lookup(orderID, customer, email, session))) } catch let e as OrderError { throw ServiceRefusal(e.description) }
    }

    public func cancelRefusal(for order: OrderView) -> String? {
        OrderStatus(rawValue: order.status).flatMap { OrderService.cancelRefusal(number: order.orderID, status: $0) }?.description
    }

    public func returnRefusal(for order: OrderView) -> String? {
        OrderStatus(rawValue: order.status).flatMap { OrderService.returnRefusal(number: order.orderID, status: $0) }?.description
    }

    public func requestReturn(orderID: String, customer: String?, email: String?, session: String) throws -> OrderView {
        do {
            let l = lookup(orderID, customer, email, session)
            _ = try service.startReturn(l)
            return Self.view(try service.order(l))
        } catch let e as OrderError { throw ServiceRefusal(e.description) }
    }
}

/// Customers from the store.
public struct CommerceCustomers: CustomerDirectory {
    let store: ShopStore
    public func customer(id: String) throws -> CustomerProfile? {
        guard let n = Int64(id) else { return nil }
        return try store.database.read { db in
            guard let c = try Customer.fetchOne(db.cachedStatement(sql: "SELECT * FROM customers WHERE id = ?"), arguments: [n]), !c.erased else { return nil }
            let orders = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM orders WHERE customer_id = ?"), arguments: [n]) ?? 0
            return CustomerProfile(id: id, name: c.name, email: c.email, isReturning: orders > 0)
        }
    }
}

extension ShopServices {
    /// The real services of a shop store (search, recommendations, comparison, cart,
    /// orders, customers, events); `account` stays nil until the data-rights services exist.
    ///
    /// The search and recommendation indexes are built on threads of their own from the
    /// store as it is now (search first, then recommendations); this returns at once, and
    /// the first search or recommendation waits for its index (an error building one is
    /// thrown by the calls that need it).
    ///
    /// With `gate` (a file store only: a single-connection store would be held by the waiting
    /// reads), the builds wait until it is opened.
    public static func commerce(_ store: ShopStore, channel: String = "assistant", gate: BackgroundGate? = nil) throws -> ShopServices {
        let directory = ProductDirectory(store: store)
        var waitForGate: (@Sendable () -> Void)? = nil
        if let gate, store.database is DatabasePool { waitForGate = { gate.wait() } }
        let search = SearchService.building(store, after: waitForGate)
        let recommendations = RecommendationService.loading(store, after: { _ = try? search.value })
        return ShopServices(
            search: CommerceSearch(pending: search, directory: directory),
            recommend: CommerceRecommendations(pending: recommendations, directory: directory),
            compare: CommerceComparison(service: ComparisonService(store: store), directory: directory),
            cart: CommerceCart(service: CartService(store: store), directory: directory),
            orders: CommerceOrders(service: OrderService(store: store)),
            customers: CommerceCustomers(store: store),
            events: StoreEventLog(store: store, channel: channel), account: StoreAccountService(store: store))
    }
}
