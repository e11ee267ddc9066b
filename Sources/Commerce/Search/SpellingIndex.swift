/// "Did you mean" over the catalog's own vocabulary.
///
/// A symmetric-delete index (the SymSpell idea): every vocabulary word is stored under
/// each string obtained by deleting up to `maxDistance` of its characters; a misspelling
/// is looked up by its own deletes, and the candidates that share a delete are checked
/// with a true edit distance (optimal string alignment: insert, delete, substitute,
/// swap two neighbours). Built once when the search index opens; a look-up touches only
/// the few candidates that share a delete, never the products.
///
/// ```swift
/// let index = SpellingIndex(frequencies: ["samsung": 120, "headphones": 900])
/// index.correction(for: "samsnug")   // → Correction(word: "samsung", distance: 1)
/// ```
public struct SpellingIndex: Sendable {
    /// A vocabulary word proposed for a misspelled one.
    public struct Correction: Sendable, Equatable {
        /// The vocabulary word.
        public var word: String
        /// Edits between the typed word and `word`.
        public var distance: Int
        /// How often the word occurs in the catalog (ties are broken by it).
        public var frequency: Int
    }

    /// Largest edit distance the index can answer.
    public let maxDistance: Int
    private let words: [String]
    private let frequencies: [Int]
    private let wordIDs: [String: Int32]
    private let deletes: [String: [Int32]]

    /// Builds the index from words and how often each occurs.
    ///
    /// Words shorter than 3 letters are kept as known words (so they are never
    /// "corrected") but not indexed as candidates: too many words are one edit away from them.
    public init(frequencies: [String: Int], maxDistance: Int = 2) {
        self.maxDistance = maxDistance
        let sorted = frequencies.keys.sorted()
        var ids: [String: Int32] = [:]
        var deletes: [String: [Int32]] = [:]
        ids.reserveCapacity(sorted.count)
        for (i, word) in sorted.enumerated() {
            ids[word] = Int32(i)
            guard word.count >= 3 else { continue }
            for variant in Self.deletes(of: word, upTo: Self.allowedDistance(forLength: word.count, cap: maxDistance)) {
                deletes[variant, default: []].append(Int32(i))
            }
        }
        self.words = sorted
        self.frequencies = sorted.map { frequencies[$0] ?? 0 }
        self.wordIDs = ids
        self.deletes = deletes
    }

    /// How many words the index knows.
    public var count: Int { words.count }

    /// Whether `word` (already folded) is in the vocabulary.
    public func contains(_ word: String) -> Bool { wordIDs[word] != nil }

    /// How often `word` occurs in the catalog (0 when unknown).
    public func frequency(of word: String) -> Int {
        wordIDs[word].map { frequencies[Int($0)] } ?? 0
    }

    /// The edits tolerated for a word of this length: none below 3 letters, one up to
    /// 4 letters, two from 5 — short words have too many neighbours to guess.
    public static func allowedDistance(forLength length: Int, cap: Int) -> Int {
        switch length {
        case ..<3: 0
        case 3...4: min(1, cap)
        default: min(2, cap)
        }
    }

    /// Every vocabulary word within the allowed distance of `word`, closest first,
    /// then most frequent. A known word returns itself at distance 0.
    public func suggestions(for word: String) -> [Correction] {
        if let id = wordIDs[word] {
            return [Correction(word: word, distance: 0, frequency: frequencies[Int(id)])]
        }
        let limit = Self.allowedDistance(forLength: word.count, cap: maxDistance)
        guard limit > 0 else { return [] }
        var seen = Set<Int32>()
        var found: [Correction] = []
        for variant in Self.deletes(of: word, upTo: limit) {
            guard let candidates = deletes[variant] else { continue }
            for id in candidates where seen.insert(id).inserted {
                let candidate = words[Int(id)]
                // A candidate's own deletes were made with its own length's limit.
                let allowed = min(limit, Self.allowedDistance(forLength: candidate.count, cap: maxDistance))
                guard abs(candidate.count - word.count) <= allowed else { continue }
                let distance = Self.editDistance(word, candidate, limit: allowed)
                if distance <= allowed {
                    found.append(Correction(word: candidate, distance: distance, frequency: frequencies[Int(id)]))
                }
            }
        }
        return found.sorted {
            ($0.distance, -$0.frequency, $0.word) < ($1.distance, -$1.frequency, $1.word)
        }
    }

    /// The best vocabulary word for a word the catalog does not know, or nil when the
    /// word is known or nothing is close enough.
    public func correction(for word: String) -> Correction? {
        guard !contains(word) else { return nil }
        return suggestions(for: word).first
    }

    /// The strings made by deleting up to `distance` characters of `word`, the word itself included.
    static func deletes(of word: String, upTo distance: Int) -> Set<String> {
        var result: Set<String> = [word]
        var frontier: Set<String> = [word]
        guard distance > 0 else { return result }
        for _ in 1...distance {
            var next: Set<String> = []
            for item in frontier where item.count > 1 {
                let chars = Array(item)
                for i in chars.indices {
                    var shorter = chars
                    shorter.remove(at: i)
                    let s = String(shorter)
                    if result.insert(s).inserted { next.insert(s) }
                }
            }
            frontier = next
        }
        return result
    }

    /// Optimal-string-alignment distance, giving up (returning `limit + 1`) once every
    /// alignment is past `limit`.
    public static func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous2 = [Int](repeating: 0, count: t.count + 1)
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMin = min(rowMin, value)
            }
            if limit != .max, rowMin > limit { return limit + 1 }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[t.count]
    }
}
