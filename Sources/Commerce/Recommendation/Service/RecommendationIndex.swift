import Foundation
import GRDB

/// Everything the recommendation service needs in memory: compact product features and the learned statistics.
///
/// Loaded once at start (`load`), never per request; reload after `RecommendationStatistics.rebuild` or an import.
/// For a 100,000-product shop it holds about 10 MB.
public struct RecommendationIndex: Sendable {
    struct Entry: Sendable {
        var id: Int64
        var title: String
        var brand: Int32
        var category: Int32
        /// Brand + model: colourways, sizes and numbered versions of one product share a family.
        var family: Int32
        var priceCents: Int
        var inStock: Bool
        var tags: [Int32]
        /// Bayesian-averaged rating scaled to 0…1 (few reviews pull towards the shop's prior).
        var quality: Float
        /// Recent buyers and the catalogue's popularity, scaled to 0…1.
        var popularity: Float
    }

    var entries: [Entry]
    var position: [Int64: Int32]
    var categoryNames: [String]
    var categoryByName: [String: Int32]
    var consumable: [Bool]
    /// Per category: in-stock products, best "popular and well rated" first (at most `listLength`).
    var categoryTop: [[Int32]]
    /// In-stock products, best "popular and well rated" first (at most `listLength`).
    var overallTop: [Int32]
    /// Per category: in-stock products by price, cheapest first (price-band answers without a scan of the store).
    var categoryByPrice: [[Int32]]
    /// Co-purchase neighbours per entry, best first.
    var neighbours: [[(entry: Int32, score: Float)]]
    /// Per segment (loyalty tier): popular products with a 0…1 score.
    var segments: [String: [(entry: Int32, score: Float)]]

    public var productCount: Int { entries.count }

    static let listLength = 400

    /// Reads products and the `rec_*` statistics of a store.
    public static func load(_ store: ShopStore) throws -> RecommendationIndex {
        try store.database.read { db in try load(db) }
    }

    /// `load(_:)` inside a read transaction the caller opened (start-up builds it on a thread of its own).
    static func load(_ db: Database) throws -> RecommendationIndex {
        var entries: [Entry] = []
        var position: [Int64: Int32] = [:]
        var brands: [String: Int32] = [:]
        var categories: [String: Int32] = [:]
        var categoryNames: [String] = []
        var families: [String: Int32] = [:]
        var tags: [String: Int32] = [:]
        var recentBuyers: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT product_id, recent_buyers FROM rec_product_stats") { recentBuyers[row[0]] = row[1] }
        var popularityColumn: [Float] = []
        var recent: [Float] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, title, brand, category, tags, price_cents, rating, review_count, stock, popularity FROM products ORDER BY id")
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            let title: String = row[1]
            let brand: String = row[2]
            let category: String = row[3]
            let tagText: String = row[4]
            let rating: Double? = row[6]
            let reviews: Int = row[7]
            let stock: Int = row[8]
            let brandKey = brand.lowercased()
            let b = brands[brandKey] ?? { let k = Int32(brands.count); brands[brandKey] = k; return k }()
            let c = categories[category] ?? {
                let k = Int32(categoryNames.count)
                categories[category] = k
                categoryNames.append(category)
                return k
            }()
            let familyKey = "\(brandKey)|\(familyWord(title: title, brand: brand))|\(c)"
            let f = families[familyKey] ?? { let k = Int32(families.count); families[familyKey] = k; return k }()
            var tagIDs: [Int32] = []
            for word in tagText.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
                let key = String(word)
                let t = tags[key] ?? { let k = Int32(tags.count); tags[key] = k; return k }()
                tagIDs.append(t)
            }
            let prior = 3.6, weight = 10.0
            let bayes = ((rating ?? prior) * Double(reviews) + prior * weight) / (Double(reviews) + weight)
            position[id] = Int32(entries.count)
            entries.append(Entry(id: id, title: title, brand: b, category: c, family: f, priceCents: row[5], inStock: stock > 0,
                                 tags: Array(Set(tagIDs)).sorted(), quality: Float(max(0, min(1, (bayes - 1) / 4))), popularity: 0))
            popularityColumn.append(Float(row[9] as Double))
            recent.append(Float(recentBuyers[id] ?? 0))
        }
        let maxColumn = max(popularityColumn.max() ?? 0, 1e-6)
        let maxRecent = max(recent.max() ?? 0, 1)
        let hasOrders = (recent.max() ?? 0) > 0
        for k in entries.indices {
            let column = popularityColumn[k] / maxColumn
            entries[k].popularity = hasOrders ? 0.7 * recent[k] / maxRecent + 0.3 * column : column
        }

        var neighbours = [[(entry: Int32, score: Float)]](repeating: [], count: entries.count)
        let nCursor = try Row.fetchCursor(db, sql: "SELECT product_id, neighbour_id, score FROM rec_neighbours ORDER BY product_id, score DESC")
        while let row = try nCursor.next() {
            guard let p = position[row[0]], let q = position[row[1]] else { continue }
            neighbours[Int(p)].append((q, Float(row[2] as Double)))
        }
        var segments: [String: [(entry: Int32, score: Float)]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT segment, product_id, buyers FROM rec_segment_popularity ORDER BY segment, buyers DESC, product_id") {
            guard let p = position[row[1]] else { continue }
            segments[row[0], default: []].append((p, Float(row[2] as Int)))
        }
        for (segment, list) in segments {
            let top = max(list.first?.score ?? 1, 1)
            segments[segment] = list.map { ($0.entry, $0.score / top) }
        }
        var consumable = [Bool](repeating: false, count: categoryNames.count)
        for row in try Row.fetchAll(db, sql: "SELECT category, consumable FROM rec_category_stats") {
            if let c = categories[row[0]] { consumable[Int(c)] = row[1] }
        }

        func rank(_ e: Entry) -> Float { 0.6 * e.popularity + 0.4 * e.quality }
        var perCategory = [[Int32]](repeating: [], count: categoryNames.count)
        for (k, e) in entries.enumerated() where e.inStock { perCategory[Int(e.category)].append(Int32(k)) }
        let categoryTop = perCategory.map { list in
            Array(list.sorted { rank(entries[Int($0)]) != rank(entries[Int($1)]) ? rank(entries[Int($0)]) > rank(entries[Int($1)]) : $0 < $1 }.prefix(listLength))
        }
        let overallTop = Array(categoryTop.joined().sorted {
            rank(entries[Int($0)]) != rank(entries[Int($1)]) ? rank(entries[Int($0)]) > rank(entries[Int($1)]) : $0 < $1
        }.prefix(listLength))
        let categoryByPrice = perCategory.map { list in
            list.sorted { entries[Int($0)].priceCents != entries[Int($1)].priceCents ? entries[Int($0)].priceCents < entries[Int($1)].priceCents : $0 < $1 }
        }
        var byName: [String: Int32] = [:]
        for (k, name) in categoryNames.enumerated() { byName[name.lowercased()] = Int32(k) }
        return RecommendationIndex(entries: entries, position: position, categoryNames: categoryNames, categoryByName: byName,
                                   consumable: consumable, categoryTop: categoryTop, overallTop: overallTop, categoryByPrice: categoryByPrice,
                                   neighbours: neighbours, segments: segments)
    }

    /// In-stock products of a category within a price band (at most `limit`, spread evenly over the band).
    func priceBand(category: Int32, min lo: Int?, max hi: Int?, limit: Int = 600) -> [Int32] {
        let list = categoryByPrice[Int(category)]
        func firstIndex(atLeast price: Int) -> Int {
            var a = 0, b = list.count
            while a < b {
                let m = (a + b) / 2
                if entries[Int(list[m])].priceCents < price { a = m + 1 } else { b = m }
            }
            return a
        }
        let start = lo.map(firstIndex(atLeast:)) ?? 0
        let end = hi.map { firstIndex(atLeast: $0 == Int.max ? $0 : $0 + 1) } ?? list.count
        guard start < end else { return [] }
        let step = max(1, (end - start) / limit)
        return stride(from: start, to: end, by: step).map { list[$0] }
    }

    /// The model word of a title: the first word after the brand ("Auralis Arc 3 Headphones" → "arc").
    static func familyWord(title: String, brand: String) -> String {
        var rest = Substring(title)
        if !brand.isEmpty, rest.lowercased().hasPrefix(brand.lowercased()) { rest = rest.dropFirst(brand.count) }
        return rest.split(separator: " ").first.map { $0.lowercased() } ?? ""
    }

    /// Content similarity in 0…1: shared tags (Jaccard), closeness of price, same brand. Same category assumed.
    func contentSimilarity(_ a: Int32, _ b: Int32) -> Float {
        let x = entries[Int(a)], y = entries[Int(b)]
        var i = 0, j = 0, shared = 0
        while i < x.tags.count && j < y.tags.count {
            if x.tags[i] == y.tags[j] { shared += 1; i += 1; j += 1 } else if x.tags[i] < y.tags[j] { i += 1 } else { j += 1 }
        }
        let union = x.tags.count + y.tags.count - shared
        let jaccard: Float = union > 0 ? Float(shared) / Float(union) : 0
        let lo = Float(min(x.priceCents, y.priceCents)), hi = Float(max(x.priceCents, y.priceCents))
        let price: Float = hi > 0 ? lo / hi : 1
        return 0.5 * jaccard + 0.3 * price + (x.brand == y.brand ? 0.2 : 0)
    }
}
