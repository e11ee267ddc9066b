import Foundation
import GRDB

/// Product search: structured filters plus free text, facets, "did you mean", relaxation
/// and type-ahead, over one shop store.
///
/// Open it once (it reads the catalog into a `CatalogIndex`, about a second for 100,000
/// products) and share it: it is an immutable value and safe to use from any task.
///
/// ```swift
/// let search = try SearchService(store: store)
/// var request = SearchRequest(text: "waterproof jacket")
/// request.filters.color = "red"
/// let result = try search.search(request)
/// result.hits        // the page
/// result.facets      // brands, colours, price bands of all matches
/// result.notices     // ["Nothing in red matched, so this shows other colours."]
/// search.complete("noise canc")  // type-ahead
/// ```
public struct SearchService: Sendable {
    /// Where free text is matched and scored.
    public enum TextEngine: String, Sendable {
        /// The in-memory BM25 index (same fields, weights and formula as FTS5's `bm25()`): fast on broad words.
        case memory
        /// FTS5 `MATCH` with `bm25()` in SQLite: the reference, 20–80 ms on words that match tens of thousands of products.
        case fts5
    }

    public let store: ShopStore
    public let index: CatalogIndex
    public let textEngine: TextEngine

    /// Reads the catalog and builds the in-memory index.
    public init(store: ShopStore, textEngine: TextEngine = .memory) throws {
        self.store = store
        self.index = try CatalogIndex.build(from: store)
        self.textEngine = textEngine
    }

    /// A service over the catalog as it is now (after imports or new products).
    public func reload() throws -> SearchService { try SearchService(store: store, textEngine: textEngine) }

    /// Type-ahead for the text typed so far: query suggestions and products.
    public func complete(_ typed: String, queries: Int = 5, products: Int = 5) -> Completion {
        index.completion.complete(typed, queries: queries, products: products)
    }

    /// Runs `request`; see `SearchResult` for what comes back.
    ///
    /// When nothing matches: misspelled words and filter values are corrected from the
    /// catalog's vocabulary; if that is not enough, constraints are dropped one at a time
    /// in `request.relaxationOrder` until something matches, and each drop is reported.
    public func search(_ request: SearchRequest) throws -> SearchResult {
        guard request.page >= 0 else { throw SearchError.invalidPage(request.page) }
        guard (1...100).contains(request.pageSize) else { throw SearchError.invalidPageSize(request.pageSize) }
        if let lo = request.filters.price?.minCents, let hi = request.filters.price?.maxCents, lo > hi {
            throw SearchError.invalidPriceRange(request.filters.price ?? PriceRange())
        }
        return try store.database.read { db in
            var textCache: [String: TextMatch] = [:]
            func evaluate(_ request: SearchRequest, _ db: Database) throws -> Matched {
                try self.evaluate(request, db, cache: &textCache)
            }
            var applied = request
            var corrections: [SpellingFix] = []
            var relaxed: [Relaxation] = []
            var matched = try evaluate(applied, db)
            var didYouMean: String? = nil

            if matched.positions.isEmpty, request.relaxWhenEmpty {
                // First: spelling. Correct filter values and text words that the catalog does not know.
                let (fixed, fixes) = corrected(applied)
                if !fixes.isEmpty {
                    let attempt = try evaluate(fixed, db)
                    if !attempt.positions.isEmpty || fixes.contains(where: { $0.field != .text }) {
                        applied = fixed
                        corrections = fixes
                        matched = attempt
                    }
                }
                // Then: give up constraints, least important first.
                for constraint in request.relaxationOrder where matched.positions.isEmpty {
                    guard let (next, relaxation) = applied.relaxing(constraint) else { continue }
                    applied = next
                    relaxed.append(relaxation)
                    matched = try evaluate(applied, db)
                }
            } else if let text = request.trimmedText {
                let (fixed, fixes) = correctedText(text)
                if !fixes.isEmpty { didYouMean = fixed }
            }

            let tiers = categoryTiers(applied.trimmedText)
            let pagePositions = ordered(matched, sort: applied.sort, page: applied.page, pageSize: applied.pageSize, tiers: tiers)
            // The page's text scores, looked up in the (ascending) matched positions.
            let pageScores = matched.scores.map { scores in
                pagePositions.map { p -> Double in
                    var lo = 0, hi = matched.positions.count
                    while lo < hi { let mid = (lo + hi) / 2; if matched.positions[mid] < p { lo = mid + 1 } else { hi = mid } }
                    return scores[lo]
                }
            }
            let hits = try makeHits(pagePositions, scores: pageScores, db)
            return SearchResult(
                request: request, applied: applied, hits: hits, total: matched.positions.count,
                page: applied.page, pageSize: applied.pageSize, facets: request.includeFacets ? facets(matched.positions) : SearchFacets(),
                corrections: corrections, didYouMean: didYouMean, relaxed: relaxed
            )
        }
    }

    /// The catalog's own spelling of `text`, or nil when every word is known or beyond repair.
    public func didYouMean(_ text: String) -> String? {
        let (fixed, fixes) = correctedText(text)
        return fixes.isEmpty ? nil : fixed
    }

    // MARK: - Matching

    struct Matched {
        var positions: [Int32]
        /// BM25 of each of `positions` (same order), when text was searched; lower is better.
        var scores: [Double]?
    }

    /// Products matching a text, ascending, and the BM25 of each (same order).
    struct TextMatch {
        var products: [Int32]
        var scores: [Double]
    }

    /// Positions of products that satisfy every constraint of `request`.
    func evaluate(_ request: SearchRequest, _ db: Database, cache: inout [String: TextMatch]) throws -> Matched {
        let filter = compile(request.filters)
        var text: TextMatch? = nil
        if let typed = request.trimmedText, let expression = Self.ftsQuery(typed) {
            if let cached = cache[expression] { text = cached } else {
                let found = try textMatches(FTSQuery(typed), expression: expression, db)
                cache[expression] = found
                text = found
            }
        }
        if filter.matchesNothing { return Matched(positions: [], scores: text.map { _ in [] }) }
        var positions: [Int32] = []
        if let text {
            var scores: [Double] = []
            for (k, p) in text.products.enumerated() where filter.accepts(Int(p), index) {
                positions.append(p)
                scores.append(text.scores[k])
            }
            return Matched(positions: positions, scores: scores)
        }
        // A category or brand filter visits only the products of the chosen categories or
        // brands (whichever are fewer), in ascending position as a full scan would give.
        var lists: [[Int32]]? = nil
        // What the lists do not already guarantee (nothing else: take them whole).
        var rest = filter
        if let categories = filter.categories {
            lists = categories.indices.filter { categories[$0] }.map { index.categoryMembers[$0] }
            rest.categories = nil
        }
        if let brands = filter.brands {
            let byBrand = brands.indices.filter { brands[$0] }.map { index.brandMembers[$0] }
            if lists == nil || byBrand.reduce(0, { $0 + $1.count }) < lists!.reduce(0, { $0 + $1.count }) {
                lists = byBrand
                rest = filter
                rest.brands = nil
            }
        }
        if let lists {
            for list in lists {
                if rest.acceptsAll { positions += list } else { for p in list where rest.accepts(Int(p), index) { positions.append(p) } }
            }
            if lists.count > 1 { positions.sort() }
        } else {
            for p in 0..<index.count where filter.accepts(p, index) { positions.append(Int32(p)) }
        }
        return Matched(positions: positions, scores: nil)
    }

    func textMatches(_ query: FTSQuery, expression: String, _ db: Database) throws -> TextMatch {
        switch textEngine {
        case .memory:
            guard let (found, scores) = index.text.match(query.terms) else { return TextMatch(products: [], scores: []) }
            return TextMatch(products: found, scores: scores)
        case .fts5:
            var pairs: [(Int32, Double)] = []
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT rowid, bm25(products_fts, \(ProductTextSearch.bm25Weights)) FROM products_fts WHERE products_fts MATCH ?"), arguments: [expression])
            while let row = try rows.next() {
                if let p = index.position[row[0] as Int64] { pairs.append((p, row[1])) }
            }
            pairs.sort { $0.0 < $1.0 }
            return TextMatch(products: pairs.map(\.0), scores: pairs.map(\.1))
        }
    }

    /// Words that carry no meaning for a catalog search (the store's list).
    static var stopwords: Set<String> { FTSQuery.stopwords }

    /// A safe FTS5 query for shopper text (the store's `FTSQuery`: each word quoted, so
    /// `-`, `"`, `*`, `NEAR` and `column:` typed by a shopper are plain text; all words required).
    static func ftsQuery(_ text: String) -> String? {
        FTSQuery(text).matchExpression(.all)
    }

    /// A request's filters turned into lookup tables over the index's value ids
    /// (dense `[Bool]`s: a scan of 100,000 products must not hash).
    struct CompiledFilter {
        var brands: [Bool]?
        var categories: [Bool]?
        var colors: [Bool]?
        var sizes: [Bool]?
        var features: [[Bool]] = []
        var attributes: [Int32] = []
        var price: PriceRange?
        var inStock = false
        var excludedBrands: [Bool]?
        var excludedColors: [Bool]?
        var matchesNothing = false

        /// True when no constraint is set (every product passes).
        var acceptsAll: Bool {
            brands == nil && categories == nil && colors == nil && sizes == nil && features.isEmpty && attributes.isEmpty
                && price == nil && !inStock && excludedBrands == nil && excludedColors == nil && !matchesNothing
        }

        func accepts(_ p: Int, _ index: CatalogIndex) -> Bool {
            if let price {
                let cents = Int(index.price[p])
                if !price.contains(cents) { return false }
            }
            if inStock, index.stock[p] <= 0 { return false }
            if let brands, !brands[Int(index.brand[p])] { return false }
            if let categories, !categories[Int(index.category[p])] { return false }
            if let colors, !Self.any(index.colorIDs, Int(index.colorStart[p]), Int(index.colorStart[p + 1]), in: colors) { return false }
            if let excludedBrands, excludedBrands[Int(index.brand[p])] { return false }
            if let excludedColors, Self.any(index.colorIDs, Int(index.colorStart[p]), Int(index.colorStart[p + 1]), in: excludedColors) { return false }
            if let sizes, !Self.any(index.sizeIDs, Int(index.sizeStart[p]), Int(index.sizeStart[p + 1]), in: sizes) { return false }
            for feature in features where !Self.any(index.featureIDs, Int(index.featureStart[p]), Int(index.featureStart[p + 1]), in: feature) { return false }
            if !attributes.isEmpty {
                let own = index.attributeIDs[Int(index.attributeStart[p])..<Int(index.attributeStart[p + 1])]
                for a in attributes where !own.contains(a) { return false }
            }
            return true
        }

        static func any(_ values: [Int32], _ start: Int, _ end: Int, in table: [Bool]) -> Bool {
            var i = start
            while i < end { if table[Int(values[i])] { return true }; i += 1 }
            return false
        }

        static func table(_ ids: some Sequence<Int32>, count: Int) -> [Bool] {
            var t = [Bool](repeating: false, count: count)
            for id in ids { t[Int(id)] = true }
            return t
        }
    }

    func compile(_ filters: SearchFilters) -> CompiledFilter {
        var c = CompiledFilter()
        c.price = filters.price
        c.inStock = filters.inStockOnly
        if !filters.brands.isEmpty {
            let ids = filters.brands.compactMap { index.brandKeys[CatalogText.key($0)] }
            c.brands = CompiledFilter.table(ids, count: index.brandNames.count)
            if ids.isEmpty { c.matchesNothing = true }
        }
        if let category = filters.category {
            // A category named exactly (its leaf or its whole path, plurals folded) means that
            // category alone: "Headphones" is not "Headphone Cases". Otherwise any category
            // whose name contains the words in order ("Audio", "shoe").
            let want = Self.singular(CatalogText.words(category))
            var flags = index.categoryKeys.indices.map { i in
                index.categoryLeafWords[i] == want || index.categoryPathWords[i] == want
            }
            if !flags.contains(true) {
                flags = index.categoryPathWords.map { words in Self.containsRun(words, want) }
            }
            c.categories = flags
            if want.isEmpty || !flags.contains(true) { c.matchesNothing = true }
        }
        if let color = filters.color {
            let ids = colorIDs(color)
            c.colors = CompiledFilter.table(ids, count: index.colorNames.count)
            if ids.isEmpty { c.matchesNothing = true }
        }
        let excludedBrands = filters.excludedBrands.compactMap { index.brandKeys[CatalogText.key($0)] }
        if !excludedBrands.isEmpty { c.excludedBrands = CompiledFilter.table(excludedBrands, count: index.brandNames.count) }
        let excludedColors = filters.excludedColors.flatMap(colorIDs)
        if !excludedColors.isEmpty { c.excludedColors = CompiledFilter.table(excludedColors, count: index.colorNames.count) }
        if let size = filters.size {
            let ids: [Int32] = index.sizeKeys[CatalogText.key(size)].map { [$0] } ?? []
            c.sizes = CompiledFilter.table(ids, count: index.sizeNames.count)
            if ids.isEmpty { c.matchesNothing = true }
        }
        for feature in filters.features {
            let key = CatalogText.key(feature)
            var ids: [Int32] = []
            for (k, id) in index.featureKeys where k == key || k.replacingOccurrences(of: " ", with: "") == key.replacingOccurrences(of: " ", with: "") {
                ids.append(id)
            }
            if ids.isEmpty { c.matchesNothing = true }
            c.features.append(CompiledFilter.table(ids, count: index.featureKeys.count))
        }
        for (name, value) in filters.attributes {
            if let id = index.attributeKeys[CatalogText.key("\(name)=\(CatalogText.key(value))")] { c.attributes.append(id) } else { c.matchesNothing = true }
        }
        return c
    }

    /// The colours whose names hold every word of `color` ("black": "Black", "Matte Black").
    func colorIDs(_ color: String) -> [Int32] {
        let want = Set(CatalogText.words(color))
        guard !want.isEmpty else { return [] }
        return index.colorWords.indices.filter { want.isSubset(of: index.colorWords[$0]) }.map(Int32.init)
    }

    /// Words with a plural "s" removed, so "shoe" finds "Running Shoes" and "smartwatch"
    /// finds "Smartwatches".
    static func singular(_ words: [String]) -> [String] {
        words.map { w in
            if w.hasSuffix("ies"), w.count > 4 { return String(w.dropLast(3)) + "y" }
            if w.count > 4, w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("xes") || w.hasSuffix("sses") { return String(w.dropLast(2)) }
            if w.hasSuffix("s"), !w.hasSuffix("ss"), w.count > 3 { return String(w.dropLast()) }
            return w
        }
    }

    static func containsRun(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<(start + needle.count)]) == needle { return true }
        return false
    }

    // MARK: - Spelling

    /// `request` with misspelled filter values and text words replaced by catalog words.
    func corrected(_ request: SearchRequest) -> (SearchRequest, [SpellingFix]) {
        var copy = request
        var fixes: [SpellingFix] = []
        if !request.filters.brands.isEmpty {
            copy.filters.brands = request.filters.brands.map { brand in
                guard index.brandKeys[CatalogText.key(brand)] == nil, let fix = nearest(CatalogText.key(brand), among: index.brandNames) else { return brand }
                fixes.append(SpellingFix(field: .brand, typed: brand, corrected: fix))
                return fix
            }
        }
        if let category = request.filters.category, compile(SearchFilters(category: category)).matchesNothing {
            let leaves = Array(Set(index.categoryNames.map(CatalogIndex.leafCategory)))
            if let fix = nearest(CatalogText.key(category), among: leaves) {
                copy.filters.category = fix
                fixes.append(SpellingFix(field: .category, typed: category, corrected: fix))
            }
        }
        if let color = request.filters.color, compile(SearchFilters(color: color)).matchesNothing,
           let fix = nearest(CatalogText.key(color), among: index.colorNames) {
            copy.filters.color = fix
            fixes.append(SpellingFix(field: .color, typed: color, corrected: fix))
        }
        if let text = request.trimmedText {
            let (fixed, textFixes) = correctedText(text)
            if !textFixes.isEmpty {
                copy.text = fixed
                fixes += textFixes
            }
        }
        return (copy, fixes)
    }

    /// Text with each unknown word replaced by its nearest catalog word.
    func correctedText(_ text: String) -> (String, [SpellingFix]) {
        var fixes: [SpellingFix] = []
        let words = CatalogText.words(text).map { word -> String in
            // A word the text index knows (descriptions included) is not a misspelling.
            guard !Self.stopwords.contains(word), !word.allSatisfy(\.isNumber), !index.spelling.contains(word),
                  index.text.terms[CatalogText.stem(word)] == nil,
                  let fix = index.spelling.correction(for: word) else { return word }
            fixes.append(SpellingFix(field: .text, typed: word, corrected: fix.word))
            return fix.word
        }
        return (words.joined(separator: " "), fixes)
    }

    /// The value among `names` nearest to `key` within the allowed edit distance (a scan
    /// of distinct brand/category/colour names, not of products).
    func nearest(_ key: String, among names: [String]) -> String? {
        let allowed = SpellingIndex.allowedDistance(forLength: key.count, cap: 2)
        guard allowed > 0 else { return nil }
        var best: (String, Int)? = nil
        for name in names {
            let candidate = CatalogText.key(name)
            guard abs(candidate.count - key.count) <= allowed else { continue }
            let d = SpellingIndex.editDistance(key, candidate, limit: allowed)
            if d <= allowed, d < (best?.1 ?? .max) { best = (name, d) }
        }
        return best?.0
    }

    // MARK: - Ordering, pages, facets, hits

    /// Rating pulled toward 4.0 by five imaginary reviews, so one 5-star review does not
    /// outrank a thousand 4.8s.
    func adjustedRating(_ p: Int) -> Double { index.adjustedRating[p] }

    /// How strongly each category answers `text`, by category id (higher first), or nil when
    /// no word of the text names a category's head noun.
    ///
    /// A word naming a category's head noun (the last word of its leaf, plurals folded:
    /// "headphones" → "Headphones", not "Headphone Cases", whose head is "cases") puts that
    /// category's products first, as the store's FTS search does; when several categories
    /// qualify, the one whose name the text covers most wins ("headphone case" → "Headphone
    /// Cases" before "Headphones"). A loop over categories, not products.
    func categoryTiers(_ text: String?) -> [Int32]? {
        guard let text else { return nil }
        let words = Set(Self.singular(CatalogText.words(text).filter { !Self.stopwords.contains($0) }))
        guard !words.isEmpty else { return nil }
        var tiers = [Int32](repeating: 0, count: index.categoryLeafWords.count)
        var any = false
        for (c, leaf) in index.categoryLeafWords.enumerated() {
            guard let head = leaf.last, words.contains(head) else { continue }
            tiers[c] = Int32(leaf.reduce(0) { $0 + (words.contains($1) ? 1 : 0) })
            any = true
        }
        return any ? tiers : nil
    }

    struct SortKey: Comparable {
        /// Category tier, negated (best category first), then 1 when out of stock.
        var tier: Int32 = 0, outOfStock: Int32 = 0
        var a: Double, b: Double, c: Double, p: Int32
        static func < (l: SortKey, r: SortKey) -> Bool {
            (l.tier, l.outOfStock, l.a, l.b, l.c, l.p) < (r.tier, r.outOfStock, r.a, r.b, r.c, r.p)
        }
    }

    /// The sort key of product `p`. Every sort puts the categories the text names first
    /// (`tiers`); relevance, the default, then puts in-stock products before out-of-stock
    /// ones (still listed, lower down), so "the first one" can be bought. Explicit sorts by
    /// price, rating or date keep their own order. Stock is the index's (see `reload()`).
    func key(_ p: Int32, sort: SearchSort, score: Double?, tiers: [Int32]? = nil) -> SortKey {
        let i = Int(p)
        // bm25 rounded so near-equal relevance falls through to rating and popularity.
        let relevance = ((score ?? 0) * 100).rounded() / 100
        let rating = -adjustedRating(i), popularity = -Double(index.popularity[i])
        var k: SortKey
        switch sort {
        case .relevance:
            k = SortKey(a: relevance, b: rating, c: popularity, p: p)
            k.outOfStock = index.stock[i] > 0 ? 0 : 1
        case .priceAscending: k = SortKey(a: Double(index.price[i]), b: relevance, c: rating, p: p)
        case .priceDescending: k = SortKey(a: -Double(index.price[i]), b: relevance, c: rating, p: p)
        case .rating: k = SortKey(a: rating, b: -Double(index.reviewCount[i]), c: popularity, p: p)
        case .newest: k = SortKey(a: -index.createdAt[i], b: relevance, c: rating, p: p)
        }
        if let tiers { k.tier = -tiers[Int(index.category[i])] }
        return k
    }

    /// The positions on the requested page, best first, keeping only the best
    /// `(page + 1) * pageSize` in a bounded buffer instead of sorting everything.
    func ordered(_ matched: Matched, sort: SearchSort, page: Int, pageSize: Int, tiers: [Int32]? = nil) -> [Int32] {
        let needed = (page + 1) * pageSize
        guard page * pageSize < matched.positions.count else { return [] }
        // Without text the order is the catalog's own for this sort: walk that order and take
        // the first matches, when that walk is expected to be shorter than ranking every match
        // (each ranked match reads several columns at random places; the walk reads one bit).
        if matched.scores == nil, tiers == nil,
           needed * index.count / matched.positions.count < 8 * matched.positions.count {
            return index.staticOrder(sort) { key($0, sort: sort, score: nil) }
                .firstMembers(of: matched.positions, skipping: page * pageSize, taking: pageSize, universe: index.count)
        }
        var best: [SortKey] = []
        best.reserveCapacity(needed + 1)
        let scores = matched.scores
        if needed > 2000 {
            best = matched.positions.indices.map { key(matched.positions[$0], sort: sort, score: scores?[$0], tiers: tiers) }.sorted()
        } else {
            for (n, p) in matched.positions.enumerated() {
                let k = key(p, sort: sort, score: scores?[n], tiers: tiers)
                if best.count == needed, let worst = best.last, !(k < worst) { continue }
                var lo = 0, hi = best.count
                while lo < hi { let mid = (lo + hi) / 2; if best[mid] < k { lo = mid + 1 } else { hi = mid } }
                best.insert(k, at: lo)
                if best.count > needed { best.removeLast() }
            }
        }
        return best.dropFirst(page * pageSize).prefix(pageSize).map(\.p)
    }

    func facets(_ positions: [Int32]) -> SearchFacets {
        var brandCounts = [Int](repeating: 0, count: index.brandNames.count)
        var colorCounts = [Int](repeating: 0, count: index.colorNames.count)
        var prices = [Int](repeating: 0, count: positions.count)
        for (n, p) in positions.enumerated() {
            let i = Int(p)
            brandCounts[Int(index.brand[i])] += 1
            for k in Int(index.colorStart[i])..<Int(index.colorStart[i + 1]) { colorCounts[Int(index.colorIDs[k])] += 1 }
            prices[n] = Int(index.price[i])
        }
        var brands: [String: Int] = [:], colors: [String: Int] = [:]
        for (b, n) in brandCounts.enumerated() where n > 0 && !index.brandNames[b].isEmpty { brands[index.brandNames[b]] = n }
        for (c, n) in colorCounts.enumerated() where n > 0 { colors[index.colorNames[c]] = n }
        return SearchFacets(brands: SearchFacets.top(brands, limit: 12), colors: SearchFacets.top(colors, limit: 12),
                            priceBands: PriceBands.bands(for: prices))
    }

    func makeHits(_ positions: [Int32], scores: [Double]?, _ db: Database) throws -> [SearchHit] {
        guard !positions.isEmpty else { return [] }
        let ids = positions.map { index.ids[Int($0)] }
        // Price and stock change after the index was built: read them fresh for the page.
        var fresh: [Int64: (Int, Int)] = [:]
        // Cached per page size (the SQL differs only in the number of placeholders).
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT p.id, p.price_cents, COALESCE((SELECT SUM(v.stock) FROM product_variants v WHERE v.product_id = p.id), p.stock)
            FROM products p WHERE p.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))
            """), arguments: StatementArguments(ids))
        while let row = try rows.next() { fresh[row[0]] = (row[1], row[2]) }
        return positions.enumerated().map { n, p in
            let i = Int(p)
            let id = index.ids[i]
            return SearchHit(
                productID: id, title: index.titles[i], brand: index.brandNames[Int(index.brand[i])],
                category: index.categoryNames[Int(index.category[i])], priceCents: fresh[id]?.0 ?? Int(index.price[i]),
                rating: index.rating[i] >= 0 ? (Double(index.rating[i]) * 100).rounded() / 100 : nil,
                reviewCount: Int(index.reviewCount[i]), stock: fresh[id]?.1 ?? Int(index.stock[i]),
                colors: index.colorIDs[Int(index.colorStart[i])..<Int(index.colorStart[i + 1])].map { index.colorNames[Int($0)] },
                sizes: index.sizeIDs[Int(index.sizeStart[i])..<Int(index.sizeStart[i + 1])].map { index.sizeNames[Int($0)] },
                textScore: scores?[n]
            )
        }
    }
}
