import Foundation

/// Lookup tables (brands, categories, colors, …) matched in lines, exactly or with typos.
///
/// Values are matched word by word on folded text. A word may differ from the table's
/// word by a bounded edit distance (1 for 5–8 letters, 2 for 9 and more) unless it is a
/// word the training data uses elsewhere (so `like` never becomes `nike`) or a whole word
/// of the word-piece vocabulary (so `sorts` never becomes `shorts`). Typo
/// candidates come from a symmetric-deletion index (every table word and its variants
/// with one or two letters deleted, kept as 64-bit hashes), so a look-up costs a few hash
/// probes, not a scan.
/// Tables can grow at run time (`add`), e.g. from the catalog.
public struct LookupTables: Sendable {
    /// One value of one table.
    public struct Entry: Sendable, Hashable, Codable {
        public var entity: String
        /// The canonical value reported for a match (a synonym target or the value itself).
        public var value: String
        /// The folded words to match.
        public var words: [String]
    }

    /// A value found in a line: tokens `first...last`.
    public struct Match: Sendable, Hashable {
        /// The table value matched: tokens `first...last` stand for its `words`, in order.
        public var entry: Entry
        public var first: Int
        public var last: Int
        /// Total edit distance over the words (0 = exact).
        public var distance: Int
        public var entity: String { entry.entity }
        public var value: String { entry.value }
    }

    public private(set) var entries: [Entry] = []
    /// Words of training lines that typo matching must never rewrite.
    public private(set) var protectedWords: Set<String> = []
    private var wordIDs: [String: Int32] = [:]
    private var words: [[Unicode.Scalar]] = []
    private var entriesByFirstWord: [[Int32]] = []
    /// Deletion variant (by `deletionKeys` hash) → table words having it.
    private var deletions: [UInt64: [Int32]] = [:]
    private var seen: Set<Entry> = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty }

    /// Tables built from stored entries (see the model file).
    public init(entries: [Entry], protectedWords: Set<String>) {
        self.protectedWords = protectedWords
        for e in entries { insert(e) }
    }

    /// Adds `values` to table `entity`; `synonyms` maps a folded value to its canonical value.
    public mutating func add(entity: String, values: [String], synonyms: [String: String] = [:], tokenizer: Tokenizer = Tokenizer()) {
        for raw in values {
            let ws = tokenizer.tokenize(raw).map { $0.normalized.isEmpty ? $0.text.lowercased() : $0.normalized }
            guard !ws.isEmpty else { continue }
            let folded = ws.joined(separator: " ")
            let canonical = synonyms[folded] ?? synonyms[ICU.fold(raw)] ?? raw
            insert(Entry(entity: entity, value: canonical, words: ws))
        }
    }

    /// Marks words that must match exactly (the training vocabulary outside entities).
    public mutating func protect<S: Sequence>(_ words: S) where S.Element == String {
        protectedWords.formUnion(words)
    }

    private mutating func insert(_ entry: Entry) {
        guard !seen.contains(entry) else { return }
        seen.insert(entry)
        let id = Int32(entries.count)
        entries.append(entry)
        var firstID: Int32 = -1
        for (i, w) in entry.words.enumerated() {
            let wid: Int32
            if let known = wordIDs[w] { wid = known } else {
                wid = Int32(words.count)
                wordIDs[w] = wid
                let scalars = Array(w.unicodeScalars)
                words.append(scalars)
                entriesByFirstWord.append([])
                for variant in Self.deletionKeys(scalars, depth: Self.maxDistance(scalars.count)) {
                    deletions[variant, default: []].append(wid)
                }
            }
            if i == 0 { firstID = wid }
        }
        entriesByFirstWord[Int(firstID)].append(id)
    }

    static func maxDistance(_ length: Int) -> Int { length >= 9 ? 2 : (length >= 5 ? 1 : 0) }

    static func deletionVariants(_ w: [Unicode.Scalar], depth: Int) -> Set<String> {
        var out: Set<String> = [String(String.UnicodeScalarView(w))]
        var frontier: [[Unicode.Scalar]] = [w]
        for _ in 0..<depth {
            var next: [[Unicode.Scalar]] = []
            for f in frontier where f.count > 1 {
                for i in f.indices {
                    var v = f
                    v.remove(at: i)
                    if out.insert(String(String.UnicodeScalarView(v))).inserted { next.append(v) }
                }
            }
            frontier = next
        }
        return out
    }

    /// The 64-bit hashes of `deletionVariants(w, depth:)` (the same strings), computed without
    /// building them: loading a model rebuilds the index for every table word, so this is on
    /// the start-up path. A collision can only add a candidate, which the edit distance then
    /// checks, never lose one.
    static func deletionKeys(_ w: [Unicode.Scalar], depth: Int) -> Set<UInt64> {
        let n = w.count
        func key(skipping a: Int, _ b: Int) -> UInt64 {
            var h = FeatureHash.seed(0x1ee7)
            for i in 0..<n where i != a && i != b { h = FeatureHash.add(h, word: UInt64(w[i].value)) }
            return FeatureHash.finish(h)
        }
        var out: Set<UInt64> = [key(skipping: -1, -1)]
        guard depth >= 1, n > 1 else { return out }
        out.reserveCapacity(depth >= 2 ? 1 + n * (n + 1) / 2 : 1 + n)
        for a in 0..<n { out.insert(key(skipping: a, -1)) }
        guard depth >= 2, n > 2 else { return out }
        for a in 0..<n { for b in (a + 1)..<n { out.insert(key(skipping: a, b)) } }
        return out
    }

    /// Optimal-string-alignment distance (insertions, deletions, substitutions, transpositions).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        let m = a.count, n = b.count
        var prev2 = [Int](repeating: 0, count: n + 1)
        var prev = Array(0...n)
        var cur = [Int](repeating: 0, count: n + 1)
        for i in 1...max(1, m) where m > 0 {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...max(1, n) where n > 0 {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return m == 0 ? n : prev[n]
    }

    /// Table words a line word may stand for, with their distances (exact first).
    func candidates(_ word: String) -> [(Int32, Int)] {
        if let id = wordIDs[word] { return [(id, 0)] }
        let scalars = Array(word.unicodeScalars)
        let limit = Self.maxDistance(scalars.count)
        // Words of English (the word-piece vocabulary) are what they say, never typos of a
        // table value: "what sorts of questions" has no `shorts`.
        guard limit > 0, !protectedWords.contains(word), WordPieceVectors.shipped?.isWholeWord(word) != true else { return [] }
        var found: [Int32: Int] = [:]
        for variant in Self.deletionKeys(scalars, depth: limit) {
            guard let ids = deletions[variant] else { continue }
            for id in ids where found[id] == nil {
                let target = words[Int(id)]
                let d = Self.editDistance(scalars, target, limit: min(limit, Self.maxDistance(target.count)))
                if d <= min(limit, Self.maxDistance(target.count)) { found[id] = d }
            }
        }
        return found.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    }

    /// Non-overlapping matches in a line, longest and closest first.
    public func matches(_ tokens: [Token]) -> [Match] {
        guard !entries.isEmpty, !tokens.isEmpty else { return [] }
        let folded = tokens.map { $0.normalized.isEmpty ? $0.text.lowercased() : $0.normalized }
        var cache: [Int: [(Int32, Int)]] = [:]
        func cands(_ i: Int) -> [(Int32, Int)] {
            if let c = cache[i] { return c }
            let c = tokens[i].kind == .punctuation ? [] : candidates(folded[i])
            cache[i] = c
            return c
        }
        var found: [Match] = []
        for i in tokens.indices {
            for (wid, d0) in cands(i) {
                for eid in entriesByFirstWord[Int(wid)] {
                    let entry = entries[Int(eid)]
                    let n = entry.words.count
                    guard i + n <= tokens.count else { continue }
                    var total = d0, ok = true
                    for k in 1..<max(1, n) where n > 1 {
                        guard let target = wordIDs[entry.words[k]], let hit = cands(i + k).first(where: { $0.0 == target }) else { ok = false; break }
                        total += hit.1
                    }
                    if ok { found.append(Match(entry: entry, first: i, last: i + n - 1, distance: total)) }
                }
            }
        }
        found.sort { a, b in
            let la = a.last - a.first, lb = b.last - b.first
            if la != lb { return la > lb }
            if a.distance != b.distance { return a.distance < b.distance }
            return (a.first, a.entity, a.value) < (b.first, b.entity, b.value)
        }
        var taken = [Bool](repeating: false, count: tokens.count)
        var out: [Match] = []
        for m in found where !(m.first...m.last).contains(where: { taken[$0] }) {
            for t in m.first...m.last { taken[t] = true }
            out.append(m)
        }
        return out.sorted { $0.first < $1.first }
    }
}
