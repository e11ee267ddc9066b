/// BM25 over the same five fields and column weights as the store's FTS5 index, held in memory.
///
/// Why: the demo catalog (like many real ones) is written from a small vocabulary, so a
/// word such as "black" occurs in a third of 100,000 products; FTS5 then spends 20–80 ms
/// reading and scoring every match, far over a 10 ms search budget. Here each word's
/// postings (product, weighted term frequency) are plain arrays and scoring "black" is
/// one pass over them. The formula is FTS5's `bm25()` (k1 = 1.2, b = 0.75, idf =
/// ln((N − n + 0.5) / (n + 0.5)) floored at 1e-6, term frequency weighted per column by
/// `ProductTextSearch.bm25Weights`, document length = all tokens of the row), negated
/// as SQLite reports it, so lower is more relevant. Words are matched after
/// `CatalogText.stem`; `SearchService(textEngine: .fts5)` keeps the SQL path for comparison.
struct TextIndex: Sendable {
    struct Posting: Sendable {
        var product: Int32
        var weightedTF: Float
    }

    static let columnWeights: [Float] = [10, 6, 5, 1, 3] // title, brand, category, description, tags
    static let k1: Float = 1.2
    static let b: Float = 0.75

    private(set) var terms: [String: Int32] = [:]
    /// Raw word → term id, so each distinct word is stemmed once while building.
    private var seen: [String: Int32] = [:]
    private(set) var postings: [[Posting]] = []
    private(set) var documentLength: [Float] = []
    private var totalLength: Double = 0

    var documentCount: Int { documentLength.count }

    /// Adds the next product (positions must be added in order 0, 1, 2, …).
    mutating func add(columns: [String]) {
        let product = Int32(documentLength.count)
        var tf: [Int32: Float] = [:]
        var length = 0
        for (c, text) in columns.enumerated() {
            let words = CatalogText.words(text)
            length += words.count
            let weight = Self.columnWeights[c]
            for word in words {
                let id: Int32
                if let known = seen[word] { id = known } else {
                    let stem = CatalogText.stem(word)
                    if let known = terms[stem] { id = known } else {
                        id = Int32(postings.count)
                        terms[stem] = id
                        postings.append([])
                    }
                    seen[word] = id
                }
                tf[id, default: 0] += weight
            }
        }
        for (id, f) in tf { postings[Int(id)].append(Posting(product: product, weightedTF: f)) }
        documentLength.append(Float(length))
        totalLength += Double(length)
    }

    /// Products containing every word (ascending), with their (negative) BM25 scores;
    /// nil when a word occurs nowhere. `words` are the query's words, unstemmed.
    func match(_ words: [String]) -> (products: [Int32], scores: [Double])? {
        let ids = Set(words.map { CatalogText.stem($0) }).map { terms[$0] }
        guard !ids.isEmpty else { return ([], []) }
        var termIDs: [Int32] = []
        for id in ids {
            guard let id else { return nil }
            termIDs.append(id)
        }
        termIDs.sort { postings[Int($0)].count < postings[Int($1)].count }
        let n = Float(documentCount)
        let average = Float(totalLength / Double(max(1, documentCount)))
        func idf(_ id: Int32) -> Float {
            let df = Float(postings[Int(id)].count)
            return max(1e-6, logf((n - df + 0.5) / (df + 0.5)))
        }
        func term(_ p: Posting, _ idf: Float) -> Float {
            let norm = Self.k1 * (1 - Self.b + Self.b * documentLength[Int(p.product)] / average)
            return idf * p.weightedTF * (Self.k1 + 1) / (p.weightedTF + norm)
        }
        // Postings are in product order: intersect by merging, rarest word first.
        var products: [Int32] = []
        var scores: [Float] = []
        let first = termIDs[0], firstIDF = idf(first)
        products.reserveCapacity(postings[Int(first)].count)
        scores.reserveCapacity(postings[Int(first)].count)
        for p in postings[Int(first)] { products.append(p.product); scores.append(term(p, firstIDF)) }
        for id in termIDs.dropFirst() {
            let list = postings[Int(id)], weight = idf(id)
            var keptProducts: [Int32] = [], keptScores: [Float] = []
            var j = 0
            for (i, product) in products.enumerated() {
                while j < list.count, list[j].product < product { j += 1 }
                if j < list.count, list[j].product == product {
                    keptProducts.append(product)
                    keptScores.append(scores[i] + term(list[j], weight))
                }
            }
            products = keptProducts
            scores = keptScores
        }
        return (products, scores.map { -Double($0) })
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
