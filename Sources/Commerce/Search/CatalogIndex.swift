import Foundation
import GRDB

/// The in-memory columns search filters, counts and sorts over, read once from the store.
///
/// Why in memory: facets must count the *whole* result and relaxation may re-run a
/// search several times, within a few milliseconds on 100,000 products. Scanning
/// compact columns (ids of brands, colours, sizes, features; prices in cents) does that
/// in well under a millisecond; SQL `GROUP BY`s over tens of thousands of rows do not.
/// Free text still goes to FTS5 (BM25); only its row ids and scores are joined here.
/// Stock shown on a page is re-read from the store, so it is never stale.
/// Build a new index (`SearchService.reload()`) after catalog changes.
public struct CatalogIndex: Sendable {
    // Per product, by position.
    let ids: [Int64]
    let titles: [String]
    let brand: [Int32]
    let category: [Int32]
    let price: [Int32]
    let rating: [Float]        // -1 when unrated
    let reviewCount: [Int32]
    let popularity: [Float]
    let createdAt: [Double]
    let stock: [Int32]         // variants' stock when it has variants, else the product's
    /// Rating pulled toward 4.0 by five imaginary reviews (0 when unrated), computed once
    /// because every search ranks by it (see `SearchService.adjustedRating`).
    let adjustedRating: [Double]
    let colorStart: [Int32], colorIDs: [Int32]
    let sizeStart: [Int32], sizeIDs: [Int32]
    let featureStart: [Int32], featureIDs: [Int32]
    let attributeStart: [Int32], attributeIDs: [Int32]
    /// Per category id: its products' positions, ascending — so a category filter visits
    /// only that category instead of the whole catalog.
    let categoryMembers: [[Int32]]
    /// Per brand id: its products' positions, ascending (the same for brand filters).
    let brandMembers: [[Int32]]

    // Dictionaries of values: display form by id, id by folded key.
    let brandNames: [String], brandKeys: [String: Int32]
    let categoryNames: [String], categoryKeys: [String]
    /// Per category: its leaf's words made singular ("Audio > Headphones" → ["headphone"]), for
    /// exact category filters; the last one is the head noun ("Headphone Cases" → ["headphone",
    /// "case"]: a list of cases, not of headphones).
    let categoryLeafWords: [[String]]
    /// Per category: the words of its whole path made singular, for filters that name a path or part of one.
    let categoryPathWords: [[String]]
    let colorNames: [String], colorKeys: [String: Int32], colorWords: [Set<String>]
    let sizeNames: [String], sizeKeys: [String: Int32]
    let featureKeys: [String: Int32]
    let attributeKeys: [String: Int32]   // "name=value", folded
    let position: [Int64: Int32]

    /// Word → how often it appears in titles, brands, categories, tags and colours.
    let vocabulary: [String: Int]
    let spelling: SpellingIndex
    let text: TextIndex
    let completion: CompletionIndex

    /// The catalog in each sort's order, built on first use (see `StaticOrders`).
    let staticOrders = StaticOrders()

    /// How many products the index holds.
    public var count: Int { ids.count }

    /// Reads the catalog from `store` and builds every in-memory structure.
    public static func build(from store: ShopStore) throws -> CatalogIndex {
        try store.database.read { db in try build(db) }
    }

    static func build(_ db: Database) throws -> CatalogIndex {
        var ids: [Int64] = [], titles: [String] = [], brand: [Int32] = [], category: [Int32] = []
        var price: [Int32] = [], rating: [Float] = [], reviewCount: [Int32] = [], popularity: [Float] = []
        var createdAt: [Double] = [], stock: [Int32] = []
        var brandNames: [String] = [], brandKeys: [String: Int32] = [:]
        var categoryNames: [String] = [], categoryIndex: [String: Int32] = [:]
        var position: [Int64: Int32] = [:]
        var vocabulary: [String: Int] = [:]
        var tagsByProduct: [[String]] = []
        var text = TextIndex()

        func intern(_ value: String, names: inout [String], keys: inout [String: Int32]) -> Int32 {
            let key = CatalogText.key(value)
            if let id = keys[key] { return id }
            let id = Int32(names.count)
            names.append(value)
            keys[key] = id
            return id
        }

        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, title, brand, category, tags, price_cents, rating, review_count, popularity, created_at, stock, description
            FROM products ORDER BY id
            """)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            position[id] = Int32(ids.count)
            ids.append(id)
            let title: String = row[1]
            titles.append(title)
            let brandName: String = row[2]
            let categoryName: String = row[3]
            brand.append(intern(brandName, names: &brandNames, keys: &brandKeys))
            category.append(intern(categoryName, names: &categoryNames, keys: &categoryIndex))
            let tags: String = row[4]
            price.append(Int32(clamping: row[5] as Int))
            rating.append((row[6] as Double?).map(Float.init) ?? -1)
            reviewCount.append(Int32(clamping: row[7] as Int))
            popularity.append(Float(row[8] as Double))
            createdAt.append((row[9] as Date?)?.timeIntervalSince1970 ?? 0)
            stock.append(Int32(clamping: row[10] as Int))
            for w in CatalogText.words(title) { vocabulary[w, default: 0] += 1 }
            for w in CatalogText.words(brandName) { vocabulary[w, default: 0] += 1 }
            for w in CatalogText.words(categoryName) { vocabulary[w, default: 0] += 1 }
            let tagList = tags.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map { CatalogText.key(String($0)) }.filter { !$0.isEmpty }
            for t in tagList { for w in t.split(separator: " ") { vocabulary[String(w), default: 0] += 1 } }
            tagsByProduct.append(tagList)
            text.add(columns: [title, brandName, categoryName, row[11] as String, tags])
        }

        // Variants: colours, sizes, and their stock.
        var colorNames: [String] = [], colorKeys: [String: Int32] = [:]
        var sizeNames: [String] = [], sizeKeys: [String: Int32] = [:]
        var colorsByProduct = [[Int32]](repeating: [], count: ids.count)
        var sizesByProduct = [[Int32]](repeating: [], count: ids.count)
        var hasVariants = [Bool](repeating: false, count: ids.count)
        let variants = try Row.fetchCursor(db, sql: "SELECT product_id, color, size, stock FROM product_variants")
        while let row = try variants.next() {
            guard let p = position[row[0] as Int64] else { continue }
            if let color = row[1] as String?, !color.isEmpty {
                let c = intern(color, names: &colorNames, keys: &colorKeys)
                if !colorsByProduct[Int(p)].contains(c) { colorsByProduct[Int(p)].append(c) }
            }
            if let size = row[2] as String?, !size.isEmpty {
                let s = intern(size, names: &sizeNames, keys: &sizeKeys)
                if !sizesByProduct[Int(p)].contains(s) { sizesByProduct[Int(p)].append(s) }
            }
            if !hasVariants[Int(p)] { hasVariants[Int(p)] = true; stock[Int(p)] = 0 }
            stock[Int(p)] = stock[Int(p)] &+ Int32(clamping: row[3] as Int)
        }
        for name in colorNames { for w in CatalogText.words(name) { vocabulary[w, default: 0] += 1 } }

        // Features: tags plus attributes that say yes; attribute values for exact filters.
        var featureKeys: [String: Int32] = [:], featureNames: [String] = []
        var attributeKeys: [String: Int32] = [:], attributeNames: [String] = []
        var featuresByProduct = [[Int32]](repeating: [], count: ids.count)
        var attributesByProduct = [[Int32]](repeating: [], count: ids.count)
        for (p, tags) in tagsByProduct.enumerated() {
            for tag in tags {
                let f = intern(tag, names: &featureNames, keys: &featureKeys)
                if !featuresByProduct[p].contains(f) { featuresByProduct[p].append(f) }
            }
        }
        var attributeCache: [String: (Int32?, Int32)] = [:]
        let attributes = try Row.fetchCursor(db, sql: "SELECT product_id, name, value_text, value_number FROM product_attributes")
        while let row = try attributes.next() {
            guard let p = position[row[0] as Int64] else { continue }
            let name: String = row[1]
            let text = (row[2] as String?) ?? (row[3] as Double?).map { AttributeValue.format($0) } ?? ""
            let raw = "\(name)=\(text)"
            let (feature, a): (Int32?, Int32)
            if let cached = attributeCache[raw] { (feature, a) = cached } else {
                feature = Self.yes.contains(CatalogText.key(text))
                    ? intern(name.replacingOccurrences(of: "_", with: " "), names: &featureNames, keys: &featureKeys) : nil
                a = intern("\(name)=\(CatalogText.key(text))", names: &attributeNames, keys: &attributeKeys)
                attributeCache[raw] = (feature, a)
            }
            if let f = feature, !featuresByProduct[Int(p)].contains(f) { featuresByProduct[Int(p)].append(f) }
            attributesByProduct[Int(p)].append(a)
        }

        func flatten(_ lists: [[Int32]]) -> ([Int32], [Int32]) {
            var start: [Int32] = [0], values: [Int32] = []
            start.reserveCapacity(lists.count + 1)
            for list in lists { values += list; start.append(Int32(values.count)) }
            return (start, values)
        }
        let (colorStart, colorIDs) = flatten(colorsByProduct)
        let (sizeStart, sizeIDs) = flatten(sizesByProduct)
        let (featureStart, featureIDs) = flatten(featuresByProduct)
        let (attributeStart, attributeIDs) = flatten(attributesByProduct)

        let categoryKeys = categoryNames.map { CatalogText.key($0) }
        let leafWords = categoryNames.map { CatalogText.words(Self.leafCategory($0)) }

        // Completion: phrases the catalog can answer, weighted by how many products answer them.
        var phraseCounts: [String: (Double, CompletionSuggestion.Kind)] = [:]
        var phraseKeys: [String: String] = [:]
        func addPhrase(_ text: String, _ kind: CompletionSuggestion.Kind, _ weight: Double) {
            let key: String
            if let cached = phraseKeys[text] { key = cached } else { key = CatalogText.key(text); phraseKeys[text] = key }
            guard !key.isEmpty else { return }
            phraseCounts[key, default: (0, kind)].0 += weight
        }
        let leaves = categoryNames.map(Self.leafCategory)
        var completionProducts: [CompletionIndex.Product] = []
        completionProducts.reserveCapacity(ids.count)
        for p in ids.indices {
            let leaf = leaves[Int(category[p])]
            let pop = Double(popularity[p])
            addPhrase(leaf, .category, 1)
            addPhrase(brandNames[Int(brand[p])], .brand, 1)
            addPhrase("\(brandNames[Int(brand[p])]) \(leaf)", .query, 0.5)
            for f in featureIDs[Int(featureStart[p])..<Int(featureStart[p + 1])] {
                addPhrase("\(featureNames[Int(f)]) \(leaf)", .query, 0.5)
            }
            let r = Double(max(rating[p], 0))
            completionProducts.append(.init(id: ids[p], title: titles[p], weight: pop + r))
        }
        let completion = CompletionIndex(
            phrases: phraseCounts.map { .init(text: $0.key, weight: $0.value.0, kind: $0.value.1) },
            products: completionProducts
        )

        var categoryMembers = [[Int32]](repeating: [], count: categoryNames.count)
        for (p, c) in category.enumerated() { categoryMembers[Int(c)].append(Int32(p)) }
        var brandMembers = [[Int32]](repeating: [], count: brandNames.count)
        for (p, b) in brand.enumerated() { brandMembers[Int(b)].append(Int32(p)) }

        let adjustedRating: [Double] = zip(rating, reviewCount).map { (r: Float, n: Int32) -> Double in
            r >= 0 ? (Double(r) * Double(n) + 4.0 * 5) / (Double(n) + 5) : 0
        }
        let categoryPathWords: [[String]] = categoryKeys.map { SearchService.singular($0.split(separator: " ").map(String.init)) }
        return CatalogIndex(
            ids: ids, titles: titles, brand: brand, category: category, price: price, rating: rating,
            reviewCount: reviewCount, popularity: popularity, createdAt: createdAt, stock: stock,
            adjustedRating: adjustedRating,
            colorStart: colorStart, colorIDs: colorIDs, sizeStart: sizeStart, sizeIDs: sizeIDs,
            featureStart: featureStart, featureIDs: featureIDs, attributeStart: attributeStart, attributeIDs: attributeIDs,
            categoryMembers: categoryMembers, brandMembers: brandMembers,
            brandNames: brandNames, brandKeys: brandKeys, categoryNames: categoryNames, categoryKeys: categoryKeys,
            categoryLeafWords: leafWords.map(SearchService.singular),
            categoryPathWords: categoryPathWords,
            colorNames: colorNames, colorKeys: colorKeys, colorWords: colorNames.map { Set(CatalogText.words($0)) },
            sizeNames: sizeNames, sizeKeys: sizeKeys, featureKeys: featureKeys, attributeKeys: attributeKeys,
            position: position, vocabulary: vocabulary, spelling: SpellingIndex(frequencies: vocabulary), text: text,
            completion: completion
        )
    }

    static let yes: Set<String> = ["yes", "true", "1", "y"]

    /// "Audio > Headphones" → "Headphones": the part of a category path shoppers say.
    static func leafCategory(_ category: String) -> String {
        let parts = category.split(whereSeparator: { $0 == ">" || $0 == "/" }).map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.last ?? category
    }
}
