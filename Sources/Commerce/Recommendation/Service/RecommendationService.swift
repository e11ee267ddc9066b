import Foundation
import GRDB

/// Recommends products with a reason for each: personal for known customers, "like this" for a product being
/// discussed, popular and well rated otherwise.
///
/// Known customers (when `personalized`): products often bought with what they bought, products like what they
/// bought or looked at (same category, shared features, similar price), and what is popular in their segment
/// (loyalty tier); what they own is left out unless the category is consumable. Results are diverse: one product
/// per family (brand + model), at most two per brand and category, and no category filling the whole list unless
/// asked for. Per request it reads only the customer's history and the chosen products; the rest is in `index`.
public struct RecommendationService: Sendable {
    public let store: ShopStore
    public let index: RecommendationIndex

    /// Weights of the signals in the blended score.
    struct Weights {
        static let coPurchase: Float = 1.0
        static let content: Float = 0.35
        static let segment: Float = 0.25
        static let buyAgain: Float = 0.3
        static let prior: Float = 0.08
    }

    public init(store: ShopStore, index: RecommendationIndex) {
        self.store = store
        self.index = index
    }

    /// Loads the index from the store (run `RecommendationStatistics.rebuild` first for learned statistics).
    public static func open(_ store: ShopStore) throws -> RecommendationService {
        RecommendationService(store: store, index: try RecommendationIndex.load(store))
    }

    enum Source: Equatable {
        case bought(Int32), similarOwn(Int32, viewed: Bool), buyAgain(Int32), oftenWith(Int32), similarTo(Int32)
        case segment(String), topRated, popular
    }

    struct Candidate {
        var score: Float = 0
        var source: Source = .popular
        var sourceWeight: Float = -1
    }

    struct Accumulator {
        var candidates: [Int32: Candidate] = [:]
        mutating func add(_ entry: Int32, _ amount: Float, _ source: Source) {
            guard amount > 0 else { return }
            var c = candidates[entry] ?? Candidate()
            c.score += amount
            if amount > c.sourceWeight { c.source = source; c.sourceWeight = amount }
            candidates[entry] = c
        }
    }

    /// Answers one request.
    public func recommend(_ request: RecommendationRequest) throws -> RecommendationResult {
        guard (1...50).contains(request.count) else { throw RecommendationError.invalidCount(request.count) }
        if let lo = request.minPriceCents, let hi = request.maxPriceCents, lo > hi { throw RecommendationError.invalidPriceRange(min: lo, max: hi) }
        var anchor: Int32?
        if let id = request.anchorProductID {
            guard let p = index.position[id] else { throw RecommendationError.unknownAnchor(id) }
            anchor = p
        }
        let categoryFilter: Int32?? = request.category.map { index.categoryByName[$0.lowercased()] }
        if case .some(.none) = categoryFilter { return RecommendationResult(items: [], strategy: .popular) }  // no such category
        let category = categoryFilter ?? nil

        var history = History()
        if let customer = request.customerID, request.personalized {
            history = try loadHistory(customer)
        }
        var acc = Accumulator()
        var strategy = RecommendationResult.Strategy.popular
        var usedFamilies: Set<Int32> = []
        var excluded: Set<Int32> = Set(request.excludedProductIDs.compactMap { index.position[$0] })

        if let a = anchor {
            strategy = .similarToAnchor
            excluded.insert(a)
            usedFamilies.insert(index.entries[Int(a)].family)
            for (n, s) in index.neighbours[Int(a)] { acc.add(n, Weights.coPurchase * s, .oftenWith(a)) }
            for c in index.categoryTop[Int(index.entries[Int(a)].category)] where c != a {
                acc.add(c, 0.6 * index.contentSimilarity(a, c), .similarTo(a))
            }
        } else if !history.purchases.isEmpty || !history.views.isEmpty {
            strategy = .personal
            for (rank, b) in history.purchases.prefix(20).enumerated() {
                let w = 1 / (1 + 0.15 * Float(rank))
                for (n, s) in index.neighbours[Int(b)] { acc.add(n, Weights.coPurchase * w * s, .bought(b)) }
                if index.consumable[Int(index.entries[Int(b)].category)] { acc.add(b, Weights.buyAgain * w, .buyAgain(b)) }
            }
            var anchors: [(Int32, Bool)] = history.views.prefix(3).map { ($0, true) }
            for b in history.purchases.prefix(3) where !anchors.contains(where: { $0.0 == b }) { anchors.append((b, false)) }
            for (rank, (a, viewed)) in anchors.enumerated() {
                let w = 1 / (1 + 0.25 * Float(rank))
                for c in index.categoryTop[Int(index.entries[Int(a)].category)].prefix(150) where c != a {
                    acc.add(c, Weights.content * w * index.contentSimilarity(a, c), .similarOwn(a, viewed: viewed))
                }
            }
            if let list = index.segments[history.segment] {
                for (p, s) in list.prefix(100) { acc.add(p, Weights.segment * s, .segment(history.segment)) }
            }
        }

        // What may not be shown: owned non-consumables, excluded ids, out of stock, outside the filters.
        func allowed(_ k: Int32) -> Bool {
            let e = index.entries[Int(k)]
            if !e.inStock || excluded.contains(k) { return false }
            if history.owned.contains(k) && !index.consumable[Int(e.category)] { return false }
            if let category, e.category != category { return false }
            if let lo = request.minPriceCents, e.priceCents < lo { return false }
            if let hi = request.maxPriceCents, e.priceCents > hi { return false }
            return true
        }

        var ranked: [(entry: Int32, score: Float, source: Source)] = acc.candidates.compactMap { k, c in
            guard allowed(k) else { return nil }
            let e = index.entries[Int(k)]
            // An owned product is only here because it is consumable: say so, whatever signal ranked it.
            let source = history.owned.contains(k) ? Source.buyAgain(k) : c.source
            return (k, c.score + Weights.prior * (0.5 * e.quality + 0.5 * e.popularity), source)
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }

        // Popular and well-rated fill (the whole answer for unknown shoppers without an anchor).
        let fillSource: Source = category != nil || request.maxPriceCents != nil ? .topRated : .popular
        let fillList = category.map { index.categoryTop[Int($0)] } ?? index.overallTop
        var fill: [(entry: Int32, score: Float, source: Source)] = []
        for k in fillList where allowed(k) {
            let e = index.entries[Int(k)]
            fill.append((k, fillSource == .topRated ? 0.7 * e.quality + 0.3 * e.popularity : 0.6 * e.popularity + 0.4 * e.quality, fillSource))
        }
        if ranked.count + fill.count < 2 * request.count && (category != nil || request.minPriceCents != nil || request.maxPriceCents != nil) {
            // The in-memory top lists hold the best of each category; a narrow price band needs the catalogue itself.
            let known = Set(fill.map(\.entry))
            let band = try category.map { index.priceBand(category: $0, min: request.minPriceCents, max: request.maxPriceCents) }
                ?? filteredCatalog(category: nil, request: request)
            for k in band where !known.contains(k) && allowed(k) {
                let e = index.entries[Int(k)]
                fill.append((k, 0.7 * e.quality + 0.3 * e.popularity, .topRated))
            }
        }
        fill.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }

        let chosen = diversify(ranked + fill.map { ($0.entry, -1 + $0.score, $0.source) }, count: request.count,
                               usedFamilies: usedFamilies, spreadCategories: category == nil)
        let products = try store.database.read { db in
            try Product.filter(keys: chosen.map { index.entries[Int($0.entry)].id }).fetchAll(db)
        }
        var byID: [Int64: Product] = [:]
        for p in products { if let id = p.id { byID[id] = p } }
        let items: [RecommendedItem] = chosen.compactMap { pick in
            let e = index.entries[Int(pick.entry)]
            guard let product = byID[e.id] else { return nil }
            return RecommendedItem(product: product, reason: reason(pick.source, item: e, request: request), score: Double(pick.score))
        }
        return RecommendationResult(items: items, strategy: strategy)
    }

    /// Greedy diverse pick: one product per family, at most two per brand in a category, and (unless the request
    /// names a category) at most half of the list from one category.
    func diversify(_ ranked: [(entry: Int32, score: Float, source: Source)], count: Int, usedFamilies: Set<Int32>, spreadCategories: Bool)
        -> [(entry: Int32, score: Float, source: Source)] {
        var families = usedFamilies
        var brandCategory: [Int64: Int] = [:]
        var perCategory: [Int32: Int] = [:]
        var seen: Set<Int32> = []
        var out: [(entry: Int32, score: Float, source: Source)] = []
        let categoryCap = max(2, (count + 1) / 2)
        var deferred: [(entry: Int32, score: Float, source: Source)] = []
        for pick in ranked where out.count < count {
            guard seen.insert(pick.entry).inserted else { continue }
            let e = index.entries[Int(pick.entry)]
            if families.contains(e.family) { continue }
            let bc = Int64(e.brand) << 32 | Int64(e.category)
            if brandCategory[bc, default: 0] >= 2 { continue }
            if spreadCategories && perCategory[e.category, default: 0] >= categoryCap { deferred.append(pick); continue }
            families.insert(e.family)
            brandCategory[bc, default: 0] += 1
            perCategory[e.category, default: 0] += 1
            out.append(pick)
        }
        // Better a list from few categories than a short list.
        for pick in deferred where out.count < count {
            let e = index.entries[Int(pick.entry)]
            if families.contains(e.family) { continue }
            families.insert(e.family)
            out.append(pick)
        }
        return out
    }

    func reason(_ source: Source, item: RecommendationIndex.Entry, request: RecommendationRequest) -> RecommendationReason {
        func title(_ k: Int32) -> (Int64, String) { (index.entries[Int(k)].id, index.entries[Int(k)].title) }
        switch source {
        case let .bought(k): let t = title(k); return .becauseYouBought(productID: t.0, title: t.1)
        case let .similarOwn(k, viewed): let t = title(k); return .similarToYours(productID: t.0, title: t.1, viewed: viewed)
        case let .buyAgain(k): let t = title(k); return .buyAgain(productID: t.0, title: t.1)
        case let .oftenWith(k): let t = title(k); return .oftenBoughtWith(productID: t.0, title: t.1)
        case let .similarTo(k): let t = title(k); return .similarTo(productID: t.0, title: t.1)
        case let .segment(s): return .popularWithSegment(segment: s)
        case .topRated: return .topRated(category: index.categoryNames[Int(item.category)], maxPriceCents: request.maxPriceCents)
        case .popular: return .popular(category: index.categoryNames[Int(item.category)])
        }
    }

    /// In-stock products within the request's category and price band, most popular first (indexed by
    /// `products_category(category, price_cents)` when a category is given).
    func filteredCatalog(category: Int32?, request: RecommendationRequest) throws -> [Int32] {
        var conditions = ["stock > 0"]
        var arguments: [any DatabaseValueConvertible] = []
        if let category { conditions.append("category = ?"); arguments.append(index.categoryNames[Int(category)]) }
        if let lo = request.minPriceCents { conditions.append("price_cents >= ?"); arguments.append(lo) }
        if let hi = request.maxPriceCents { conditions.append("price_cents <= ?"); arguments.append(hi) }
        let sql = "SELECT id FROM products WHERE \(conditions.joined(separator: " AND ")) ORDER BY popularity DESC LIMIT 200"
        let ids = try store.database.read { db in try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) }
        return ids.compactMap { index.position[$0] }
    }

    struct History {
        /// Distinct products bought, most recent first.
        var purchases: [Int32] = []
        /// Distinct products looked at or put in a cart, most recent first.
        var views: [Int32] = []
        var owned: Set<Int32> = []
        var segment = "none"
    }

    func loadHistory(_ customer: Int64) throws -> History {
        try store.database.read { db in
            var h = History()
            let bought = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.customer_id = ? AND o.status != 'cancelled' AND l.product_id IS NOT NULL
                ORDER BY o.created_at DESC, o.id DESC LIMIT 200
                """), arguments: [customer])
            for id in bought {
                guard let k = index.position[id], h.owned.insert(k).inserted else { continue }
                h.purchases.append(k)
            }
            let viewed = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT product_id FROM events
                WHERE customer_id = ? AND type IN ('product_clicked', 'added_to_cart') AND product_id IS NOT NULL
                ORDER BY at DESC LIMIT 30
                """), arguments: [customer])
            var seenViews: Set<Int32> = []
            for id in viewed {
                guard let k = index.position[id], seenViews.insert(k).inserted else { continue }
                h.views.append(k)
            }
            h.segment = try String.fetchOne(db.cachedStatement(sql: "SELECT loyalty_tier FROM customers WHERE id = ?"), arguments: [customer]) ?? "none"
            return h
        }
    }
}
