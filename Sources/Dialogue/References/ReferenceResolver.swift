import Foundation
import NLU

/// Resolves what a shopper points at — "the second one", "that one", "the last two",
/// "the cheaper one", "both", a partial product name — against what was shown.
public struct ReferenceResolver: Sendable {
    /// Products last shown, in the order shown.
    public var shown: [ProductInfo]
    /// Products last compared (preferred for "both", "the cheaper one").
    public var compared: [ProductInfo]
    /// The product last talked about on its own ("that one", "it").
    public var focus: ProductInfo?

    public init(shown: [ProductInfo], compared: [ProductInfo] = [], focus: ProductInfo? = nil) {
        self.shown = shown
        self.compared = compared
        self.focus = focus
    }

    private static let counts: [String: Int] = ["two": 2, "2": 2, "three": 3, "3": 3, "four": 4, "4": 4]
    private static let ordinalWords: [String: Int] = [
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "fifth": 5, "5th": 5, "last": -1,
    ]
    private static let stopwords: Set<String> = [
        "the", "a", "an", "one", "ones", "that", "this", "it", "to", "my", "cart", "basket", "add", "put", "in", "into",
        "please", "and", "of", "i", "want", "buy", "get", "me", "show", "tell", "about", "more", "details", "compare",
        "with", "vs", "versus", "remove", "take", "out", "from", "is", "what", "how", "much", "can", "you", "cheaper",
        "cheapest", "expensive", "better", "best", "rated", "both", "them", "those", "these", "like", "item", "product",
        "first", "second", "third", "last", "two", "three", "similar", "something", "other", "else", "for",
    ]

    /// The products the line points at, or an empty list when it points at none.
    public func resolve(_ parse: Parse) -> [ProductInfo] {
        let reader = EntityReader(parse)
        let words = reader.folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let pool = compared.isEmpty ? shown : compared

        // "the first two", "the last 2", "top three"
        for (i, w) in words.enumerated() where i + 1 < words.count {
            if let n = Self.counts[words[i + 1]], ["first", "last", "top"].contains(w) {
                let take = min(n, shown.count)
                return w == "last" ? Array(shown.suffix(take)) : Array(shown.prefix(take))
            }
        }
        // An ordinal with a count from the builtins: {"position": 1, "count": 2} = "the first two".
        for e in reader.all("ordinal") {
            guard let n = e.value["count"]?.numberValue, n >= 2, let p = e.value["position"]?.numberValue else { continue }
            let take = min(Int(n), shown.count)
            if p < 0 { return Array(shown.suffix(take)) }
            let from = max(0, Int(p) - 1)
            if from < shown.count { return Array(shown[from..<min(shown.count, from + take)]) }
        }
        // "both", "the two", "these two"
        if words.contains("both") || reader.has(["the two", "these two", "those two", "them both"]) {
            return Array(pool.prefix(2))
        }
        // Comparatives over the pool.
        if reader.has(["cheaper", "cheapest", "less expensive", "lower priced", "least expensive"]) {
            return pool.min { $0.price < $1.price }.map { [$0] } ?? []
        }
        if reader.has(["more expensive", "most expensive", "pricier", "priciest", "dearer"]) {
            return pool.max { $0.price < $1.price }.map { [$0] } ?? []
        }
        if reader.has(["better rated", "best rated", "higher rated", "highest rated", "better one", "best one"]) {
            return pool.max { ($0.rating ?? 0) < ($1.rating ?? 0) }.map { [$0] } ?? []
        }
        // Ordinals: entities first, then words the tagger may have missed.
        var positions = reader.ordinals
        if positions.isEmpty {
            positions = words.compactMap { Self.ordinalWords[$0] }
        }
        let byPosition = positions.compactMap { p -> ProductInfo? in
            if p == -1 { return shown.last }
            guard p >= 1, p <= shown.count else { return nil }
            return shown[p - 1]
        }
        if !byPosition.isEmpty { return Self.unique(byPosition) }

        // A partial name: the product/brand entity or the line's own words.
        let named = nameMatches(words: words, entityTexts: (reader.strings("product") + reader.strings("brand")).map(EntityReader.fold))
        if !named.isEmpty { return named }

        // "that one", "it", "this one"
        if reader.has(["that one", "this one", "that", "this", "it", "that item", "the one"]) {
            if let focus { return [focus] }
            if shown.count == 1 { return shown }
        }
        return []
    }

    private func nameMatches(words: [String], entityTexts: [String]) -> [ProductInfo] {
        var terms = entityTexts.flatMap { $0.split(separator: " ").map(String.init) }
        if terms.isEmpty { terms = words.filter { !Self.stopwords.contains($0) && $0.count > 1 } }
        guard !terms.isEmpty else { return [] }
        let candidates = Self.unique(compared + shown + (focus.map { [$0] } ?? []))
        var best: [ProductInfo] = []
        var bestScore = 0
        for p in candidates {
            let hay = Set(EntityReader.fold(p.title + " " + p.brand).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
            let score = terms.filter { hay.contains($0) }.count
            if score > bestScore { bestScore = score; best = [p] } else if score == bestScore, score > 0 { best.append(p) }
        }
        // A name that matches several products equally is not a reference to one of them.
        return best.count == 1 ? best : []
    }

    static func unique(_ items: [ProductInfo]) -> [ProductInfo] {
        var seen = Set<String>()
        return items.filter { seen.insert($0.sku).inserted }
    }
}
