/// Type-ahead: query suggestions and products for what the shopper has typed so far.
///
/// Built once in memory when search opens, so a keystroke costs a few binary searches
/// and a short merge, never a database query. Two parts:
/// - **queries**: phrases the catalog can answer (categories, brands, "brand category",
///   "feature category"), stored under every word position, sorted as bytes, so
///   `"noise canc"` and `"canc"` both find "noise cancelling headphones" by one binary
///   search for the typed text as a prefix;
/// - **products**: an inverted index from words to products ordered by weight (best
///   first). Vocabulary ids are given in sorted order, so "a word starting with `canc`"
///   is one contiguous id range and checking a product is an integer comparison.
///
/// ```swift
/// let completion = index.complete("noise canc")
/// completion.queries.map(\.text)   // ["noise cancelling headphones", …]
/// completion.products.map(\.title) // ["Sonora Quiet 700 Noise-Cancelling Headphones", …]
/// ```
public struct CompletionIndex: Sendable {
    /// A phrase to propose as a query, with how much it is worth proposing.
    public struct Phrase: Sendable, Equatable {
        public var text: String
        public var weight: Double
        public var kind: CompletionSuggestion.Kind
        public init(text: String, weight: Double, kind: CompletionSuggestion.Kind) {
            self.text = text
            self.weight = weight
            self.kind = kind
        }
    }

    /// A product that completion may propose.
    public struct Product: Sendable, Equatable {
        public var id: Int64
        public var title: String
        /// Higher is proposed first (e.g. popularity blended with rating).
        public var weight: Double
        public init(id: Int64, title: String, weight: Double) {
            self.id = id
            self.title = title
            self.weight = weight
        }
    }

    private typealias Bytes = [UInt8]

    // Query phrases.
    private let phrases: [Phrase]
    private let phraseKeys: [(key: Bytes, phrase: Int32, position: Int32)]

    // Products, in weight order (ordinal 0 is the best).
    private let products: [Product]
    private let vocabulary: [Bytes]
    private let vocabularyIDs: [Bytes: Int32]
    private let postings: [[Int32]]
    private let productTokens: [[Int32]]

    /// Builds the index; phrases with the same folded text are merged (weights added).
    public init(phrases: [Phrase], products: [Product]) {
        var merged: [String: Phrase] = [:]
        for phrase in phrases {
            let key = CatalogText.key(phrase.text)
            guard !key.isEmpty else { continue }
            if var existing = merged[key] {
                existing.weight += phrase.weight
                merged[key] = existing
            } else {
                merged[key] = Phrase(text: key, weight: phrase.weight, kind: phrase.kind)
            }
        }
        let phraseList = merged.values.sorted { ($0.weight, $1.text) > ($1.weight, $0.text) }
        var keys: [(key: Bytes, phrase: Int32, position: Int32)] = []
        for (i, phrase) in phraseList.enumerated() {
            let words = phrase.text.split(separator: " ")
            for start in words.indices {
                keys.append((Bytes(words[start...].joined(separator: " ").utf8), Int32(i), Int32(start)))
            }
        }
        keys.sort { $0.key.lexicographicallyPrecedes($1.key) }
        self.phrases = phraseList
        self.phraseKeys = keys

        let ranked = products.sorted { ($0.weight, $1.id) > ($1.weight, $0.id) }
        let tokenised = ranked.map { Array(Set(CatalogText.words($0.title))) }
        let words = Set(tokenised.joined()).map { Bytes($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        var ids: [Bytes: Int32] = [:]
        ids.reserveCapacity(words.count)
        for (i, w) in words.enumerated() { ids[w] = Int32(i) }
        var postings = [[Int32]](repeating: [], count: words.count)
        var productTokens: [[Int32]] = []
        productTokens.reserveCapacity(ranked.count)
        for (ordinal, tokens) in tokenised.enumerated() {
            var own: [Int32] = []
            for token in tokens {
                guard let id = ids[Bytes(token.utf8)] else { continue }
                postings[Int(id)].append(Int32(ordinal))
                own.append(id)
            }
            productTokens.append(own.sorted())
        }
        self.products = ranked
        self.vocabulary = words
        self.vocabularyIDs = ids
        self.postings = postings
        self.productTokens = productTokens
    }

    /// Query suggestions and products for the text typed so far.
    ///
    /// The last word is taken as a prefix unless the text ends with a space; earlier
    /// words must be whole words. Empty input proposes nothing.
    public func complete(_ typed: String, queries queryLimit: Int = 5, products productLimit: Int = 5) -> Completion {
        var words = CatalogText.words(typed)
        guard !words.isEmpty else { return Completion(input: typed, queries: [], products: []) }
        let lastIsWhole = typed.last.map { !$0.isLetter && !$0.isNumber } ?? false
        let typedKey = words.joined(separator: " ") + (lastIsWhole ? " " : "")
        let queries = completeQueries(Bytes(typedKey.utf8), limit: queryLimit)
        if lastIsWhole { words.append("") }
        let found = completeProducts(words, limit: productLimit)
        return Completion(input: typed, queries: queries, products: found)
    }

    // MARK: queries

    private func completeQueries(_ prefix: Bytes, limit: Int) -> [CompletionSuggestion] {
        guard limit > 0 else { return [] }
        var low = 0, high = phraseKeys.count
        while low < high {
            let mid = (low + high) / 2
            if phraseKeys[mid].key.lexicographicallyPrecedes(prefix) { low = mid + 1 } else { high = mid }
        }
        // Best phrase position per phrase: matching at its start beats matching inside it.
        var best: [Int32: Int32] = [:]
        var i = low
        while i < phraseKeys.count, phraseKeys[i].key.starts(with: prefix) {
            let entry = phraseKeys[i]
            if let seen = best[entry.phrase] { best[entry.phrase] = min(seen, entry.position) } else { best[entry.phrase] = entry.position }
            i += 1
        }
        // Phrases are stored best-weight first, so a lower index is a heavier phrase.
        let ordered = best.sorted { ($0.value == 0 ? 0 : 1, $0.key) < ($1.value == 0 ? 0 : 1, $1.key) }
        return ordered.prefix(limit).map { id, _ in
            let phrase = phrases[Int(id)]
            return CompletionSuggestion(text: phrase.text, kind: phrase.kind)
        }
    }

    // MARK: products

    /// The contiguous range of vocabulary ids that start with `prefix`.
    private func tokenRange(prefix: Bytes) -> Range<Int32> {
        var low = 0, high = vocabulary.count
        while low < high {
            let mid = (low + high) / 2
            if vocabulary[mid].lexicographicallyPrecedes(prefix) { low = mid + 1 } else { high = mid }
        }
        var end = low
        // Ranges are short for real prefixes; a gallop would only help one-letter input.
        var step = 1
        while end + step <= vocabulary.count, vocabulary[end + step - 1].starts(with: prefix) { end += step; step *= 2 }
        var hi = min(end + step, vocabulary.count)
        while end < hi {
            let mid = (end + hi) / 2
            if vocabulary[mid].starts(with: prefix) { end = mid + 1 } else { hi = mid }
        }
        return Int32(low)..<Int32(end)
    }

    private func completeProducts(_ words: [String], limit: Int) -> [ProductSuggestion] {
        guard limit > 0, !products.isEmpty else { return [] }
        // Each word becomes an id range: one id for a whole word, a run of ids for a prefix.
        var constraints: [Range<Int32>] = []
        for (i, word) in words.enumerated() {
            let isLast = i == words.count - 1
            if word.isEmpty { continue }
            let bytes = Bytes(word.utf8)
            if !isLast, let id = vocabularyIDs[bytes] {
                constraints.append(id..<(id + 1))
            } else {
                let range = tokenRange(prefix: bytes)
                if range.isEmpty { return [] }
                constraints.append(range)
            }
        }
        guard !constraints.isEmpty else { return [] }
        func matches(_ ordinal: Int32) -> Bool {
            let tokens = productTokens[Int(ordinal)]
            return constraints.allSatisfy { range in tokens.contains { range.contains($0) } }
        }
        // Drive from the constraint with the fewest postings.
        let sizes = constraints.map { range in range.reduce(0) { $0 + postings[Int($1)].count } }
        guard let driver = sizes.indices.min(by: { sizes[$0] < sizes[$1] }) else { return [] }
        let range = constraints[driver]
        var found: [Int32] = []
        if range.count == 1, let id = range.first {
            for ordinal in postings[Int(id)] where matches(ordinal) {
                found.append(ordinal)
                if found.count == limit { break }
            }
        } else {
            // Many words share the prefix: take each word's best `limit` matches, then merge.
            var candidates = Set<Int32>()
            for id in range {
                var taken = 0
                for ordinal in postings[Int(id)] where matches(ordinal) {
                    candidates.insert(ordinal)
                    taken += 1
                    if taken == limit { break }
                }
            }
            found = Array(candidates.sorted().prefix(limit))
        }
        return found.map { ordinal in
            let product = products[Int(ordinal)]
            return ProductSuggestion(productID: product.id, title: product.title)
        }
    }
}

/// What type-ahead proposes for the text typed so far.
public struct Completion: Sendable, Equatable {
    /// The text as typed.
    public var input: String
    /// Queries to offer, best first.
    public var queries: [CompletionSuggestion]
    /// Products whose titles match every typed word, best first.
    public var products: [ProductSuggestion]
}

/// A query that completion proposes.
public struct CompletionSuggestion: Sendable, Equatable {
    /// Where the phrase came from, so a channel can show it differently.
    public enum Kind: String, Sendable, Equatable, Codable {
        case category, brand, query
    }
    /// The phrase in its folded, lower-case form.
    public var text: String
    public var kind: Kind
}

/// A product that completion proposes.
public struct ProductSuggestion: Sendable, Equatable {
    public var productID: Int64
    public var title: String
}
