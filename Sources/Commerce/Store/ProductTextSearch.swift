import Foundation
import GRDB

/// A product found by full-text search, with its bm25 score (lower is better).
public struct ProductMatch: Sendable, Hashable {
    public var product: Product
    public var score: Double
}

/// The answer of a full-text search: the matches and how the query was interpreted.
public struct ProductTextSearchResult: Sendable, Hashable {
    public var matches: [ProductMatch]
    /// The query actually run (after spelling correction).
    public var query: FTSQuery
    /// How the terms were combined: `.all` first, `.any` when nothing matched all terms.
    public var mode: FTSQuery.Mode
    /// Terms replaced by a close catalog word, typed → used (e.g. "headphnes" → "headphones").
    public var corrections: [String: String]
}

/// The full-text query path over `products_fts`: safe expression, bm25 ranking, typo repair.
///
/// Ranking is bm25 with column weights (title 10, brand 6, category 5, description 1,
/// tags 3), then rating, then popularity. The services' search (filters, facets) builds on
/// `ProductTextSearch.matchingIDs` or `search`.
public enum ProductTextSearch {
    /// The bm25 column weights, in `products_fts` column order.
    public static let bm25Weights = "10.0, 6.0, 5.0, 1.0, 3.0"

    /// Searches products for free user text; never throws on what the user typed.
    ///
    /// Tries every term (AND); if nothing matches, repairs misspelt terms against the
    /// catalog's vocabulary and tries again; if still nothing, accepts any term (OR).
    public static func search(_ db: Database, text: String, limit: Int = 20, correctSpelling: Bool = true) throws -> ProductTextSearchResult {
        let query = FTSQuery(text)
        var result = ProductTextSearchResult(matches: [], query: query, mode: .all, corrections: [:])
        guard !query.isEmpty else { return result }
        result.matches = try run(db, query, .all, limit: limit)
        if !result.matches.isEmpty { return result }

        if correctSpelling {
            let (corrected, corrections) = try correct(db, query)
            if !corrections.isEmpty {
                result.query = corrected
                result.corrections = corrections
                result.matches = try run(db, corrected, .all, limit: limit)
                if !result.matches.isEmpty { return result }
            }
        }
        if result.query.terms.count > 1 {
            result.mode = .any
            result.matches = try run(db, result.query, .any, limit: limit)
        }
        return result
    }

    /// Products matching `query`, best first.
    ///
    /// Products whose category's head noun is one of the terms come first ("headphones"
    /// lists headphones before headphone cases, "laptop" laptops before laptop sleeves),
    /// then bm25, then rating and popularity. Ranking reads only ids and scores; the
    /// product rows are fetched for the winners alone.
    public static func run(_ db: Database, _ query: FTSQuery, _ mode: FTSQuery.Mode, limit: Int) throws -> [ProductMatch] {
        guard let expression = query.matchExpression(mode) else { return [] }
        let heads = try headCategories(db, query)
        let headSQL = heads.isEmpty ? "0" : "products.category IN (" + heads.map { _ in "?" }.joined(separator: ", ") + ")"
        let arguments = StatementArguments(heads) + [expression, limit]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT products.*, r.fts_score FROM (
                SELECT products.id AS id, bm25(products_fts, \(bm25Weights)) AS fts_score, \(headSQL) AS head_hit,
                       products.rating AS rating, products.popularity AS popularity
                FROM products_fts JOIN products ON products.id = products_fts.rowid
                WHERE products_fts MATCH ?
                ORDER BY head_hit DESC, fts_score, rating DESC, popularity DESC
                LIMIT ?
            ) AS r JOIN products ON products.id = r.id
            ORDER BY r.head_hit DESC, r.fts_score, r.rating DESC, r.popularity DESC
            """, arguments: arguments)
        var matches: [ProductMatch] = []
        while let row = try rows.next() {
            matches.append(ProductMatch(product: try Product(row: row), score: row["fts_score"]))
        }
        return matches
    }

    /// The catalog's distinct categories, read by skipping through the category index
    /// (one seek per category, so it stays cheap on a million products).
    public static func categories(_ db: Database, max: Int = 5_000) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE c(category, n) AS (
                SELECT MIN(category), 1 FROM products
                UNION ALL
                SELECT (SELECT MIN(category) FROM products WHERE category > c.category), n + 1
                FROM c WHERE c.category IS NOT NULL AND n < ?
            )
            SELECT category FROM c WHERE category IS NOT NULL
            """, arguments: [max])
    }

    /// Categories whose last word is one of the query's terms (a trailing "s" ignored).
    static func headCategories(_ db: Database, _ query: FTSQuery) throws -> [String] {
        let stems = query.terms.filter { $0.count >= 3 }.map { $0.hasSuffix("s") && $0.count > 3 ? String($0.dropLast()) : $0 }
        guard !stems.isEmpty else { return [] }
        return try categories(db).filter { category in
            guard let last = category.split(separator: " ").last else { return false }
            let head = last.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            return stems.contains { head.hasPrefix($0) && head.count <= $0.count + 2 }
        }
    }

    /// The ids of every product matching `query` (unranked), for callers that filter and
    /// sort in SQL themselves: `WHERE products.id IN (SELECT rowid FROM products_fts WHERE products_fts MATCH ?)`.
    public static func matchingIDs(_ db: Database, _ query: FTSQuery, _ mode: FTSQuery.Mode = .all) throws -> [Int64] {
        guard let expression = query.matchExpression(mode) else { return [] }
        return try Int64.fetchAll(db, sql: "SELECT rowid FROM products_fts WHERE products_fts MATCH ?", arguments: [expression])
    }

    /// Replaces terms that occur nowhere in the catalog by the closest indexed term.
    ///
    /// The index holds Porter stems ("headphon"), so a typed word is compared with its
    /// last one to three letters trimmed too: "headphnes" → "headphn" is one edit from
    /// "headphon". Candidates share the first letter and have a similar length; the most
    /// frequent of the closest wins. The repaired term matches as a prefix of the stem.
    public static func correct(_ db: Database, _ query: FTSQuery) throws -> (FTSQuery, [String: String]) {
        var terms: [String] = []
        var prefixTerms: Set<String> = []
        var corrections: [String: String] = [:]
        for term in query.terms {
            guard term.count >= 4, term.allSatisfy({ $0.isLetter }),
                  let expression = FTSQuery(terms: [term]).matchExpression(),
                  try Int.fetchOne(db, sql: "SELECT 1 FROM products_fts WHERE products_fts MATCH ? LIMIT 1", arguments: [expression]) == nil,
                  let stem = try closestStem(db, to: term)
            else { terms.append(term); continue }
            terms.append(stem)
            prefixTerms.insert(stem)
            corrections[term] = try displayWord(db, stem: stem) ?? stem
        }
        return (FTSQuery(terms: terms, prefixTerms: prefixTerms), corrections)
    }

    private static func closestStem(_ db: Database, to typed: String) throws -> String? {
        let folded = typed.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        // Typos rarely touch the first two letters; scanning that slice of the vocabulary
        // first keeps repair cheap, the first letter alone is the fallback.
        for prefixLength in [2, 1] {
            let prefix = String(folded.prefix(prefixLength))
            guard prefix.count == prefixLength, let last = prefix.unicodeScalars.last,
                  let next = UnicodeScalar(last.value + 1) else { continue }
            let upper = String(prefix.unicodeScalars.dropLast()) + String(next)
            if let stem = try closestStem(db, folded: folded, from: prefix, below: upper) { return stem }
        }
        return nil
    }

    private static func closestStem(_ db: Database, folded: String, from lower: String, below upper: String) throws -> String? {
        let rows = try Row.fetchAll(db, sql: """
            SELECT term, doc FROM products_fts_vocab
            WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?
            """, arguments: [lower, upper, max(2, folded.count - 4), folded.count + 2])
        let typedChars = Array(folded)
        let maxDistance = typedChars.count >= 7 ? 2 : 1
        var best: (stem: String, distance: Int, docs: Int)?
        for row in rows {
            let stem: String = row["term"]
            let docs: Int = row["doc"]
            let stemChars = Array(stem)
            var distance = Int.max
            for trim in 0...max(0, min(3, typedChars.count - 3)) {
                distance = min(distance, damerauLevenshtein(Array(typedChars.dropLast(trim)), stemChars, limit: maxDistance))
            }
            guard distance <= maxDistance else { continue }
            if let current = best, (current.distance, -current.docs) <= (distance, -docs) { continue }
            best = (stem, distance, docs)
        }
        return best?.stem
    }

    /// A catalog word that starts with `stem` ("headphon" → "headphones"), to show the user.
    private static func displayWord(_ db: Database, stem: String) throws -> String? {
        guard let expression = FTSQuery(terms: [stem], prefixTerms: [stem]).matchExpression(),
              let row = try Row.fetchOne(db, sql: """
                SELECT title, brand, category, tags FROM products
                WHERE id = (SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT 1)
                """, arguments: [expression])
        else { return nil }
        let text = [row["title"], row["brand"], row["category"], row["tags"]].compactMap { $0 as String? }.joined(separator: " ")
        let words = FTSQuery(text, dropStopwords: false).terms
        return words.first { $0.folding(options: .diacriticInsensitive, locale: nil).hasPrefix(stem) }
    }

    /// Optimal-string-alignment distance, stopping early above `limit`.
    static func damerauLevenshtein(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if rowMin > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
