/// Maps a word the intent model never saw to the training word it most likely stands for,
/// so that "hiiii", "byeee" and "yesss" read as `hi`, `bye` and `yes`, and "chekout",
/// "thnks" and "wher" as `checkout`, `thanks` and `where`.
///
/// Two repairs, tried in order on a word that is not in the training vocabulary:
/// 1. **Elongation**: a word with a doubled letter whose letters collapse (`hiiii` → `hi`,
///    `hello` → `helo`) to the collapsed form of a training word.
/// 2. **Typo**: a training word one edit away from a word of at least 4 letters, found
///    through the same symmetric-deletion hashes as the lookup tables (one edit keeps the
///    index small enough to build while a model loads).
///    Only words seen at least twice in training are targets (a one-off word may itself be
///    a typo).
///
/// Ties go to the more frequent training word. Repairs change the word features only; the
/// character n-grams still see what was typed.
public struct WordRepair: Sendable {
    /// Training words (folded), sorted, and how many lines each occurs in.
    public private(set) var words: [String]
    public private(set) var counts: [Int32]
    private var ids: [String: Int32] = [:]
    private var collapsedIDs: [String: Int32] = [:]
    private var scalars: [[Unicode.Scalar]] = []
    /// Deletion hash → training word, as an open-addressing multimap (linear probing; a key
    /// may occupy several slots): flat arrays build fast while a model loads.
    private var slotKeys: [UInt64] = []
    private var slotIDs: [Int32] = []

    /// Fewest lines a word must occur in to be the target of a typo repair.
    static let minTypoTargetCount: Int32 = 2

    /// An index over `counts` (folded word → lines it occurs in).
    public init(counts: [String: Int]) {
        let sorted = counts.keys.sorted()
        self.init(words: sorted, counts: sorted.map { Int32(clamping: counts[$0] ?? 0) })
    }

    /// An index over parallel arrays, as stored in a model file.
    public init(words: [String], counts: [Int32]) {
        precondition(words.count == counts.count, "one count per word")
        self.words = words
        self.counts = counts
        ids.reserveCapacity(words.count)
        scalars.reserveCapacity(words.count)
        var entries = 0
        for (i, word) in words.enumerated() {
            let s = Array(word.unicodeScalars)
            scalars.append(s)
            if Self.maxDistance(s.count) > 0, counts[i] >= Self.minTypoTargetCount { entries += s.count + 1 }
        }
        var capacity = 16
        while capacity < entries * 2 { capacity <<= 1 }
        slotKeys = [UInt64](repeating: 0, count: capacity)
        slotIDs = [Int32](repeating: -1, count: capacity)
        for (i, word) in words.enumerated() {
            let id = Int32(i)
            ids[word] = id
            let s = scalars[i]
            let c = Self.collapsed(s)
            if let other = collapsedIDs[c], counts[Int(other)] >= counts[i] {} else { collapsedIDs[c] = id }
            if Self.maxDistance(s.count) > 0, counts[i] >= Self.minTypoTargetCount {
                Self.forEachDeletionKey(s) { insert($0, id) }
            }
        }
    }

    private mutating func insert(_ key: UInt64, _ id: Int32) {
        let mask = slotKeys.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while slotIDs[slot] >= 0 { slot = (slot + 1) & mask }
        slotKeys[slot] = key
        slotIDs[slot] = id
    }

    /// Calls `body` with the hash of the word and of each one-letter deletion of it.
    static func forEachDeletionKey(_ s: [Unicode.Scalar], _ body: (UInt64) -> Void) {
        for skip in -1..<s.count {
            var h = FeatureHash.seed(0x7e9a)
            for i in s.indices where i != skip { h = FeatureHash.add(h, word: UInt64(s[i].value)) }
            body(FeatureHash.finish(h))
        }
    }

    /// Edits tolerated for a typed word of this length.
    static func maxDistance(_ length: Int) -> Int { length >= 4 ? 1 : 0 }

    /// The word with every run of one repeated letter cut to one letter.
    static func collapsed(_ s: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        var last: Unicode.Scalar?
        for c in s where c != last { out.append(c); last = c }
        return String(out)
    }

    /// Whether the word has the same letter twice in a row.
    static func hasDoubledLetter(_ s: [Unicode.Scalar]) -> Bool {
        guard s.count >= 2 else { return false }
        for i in 1..<s.count where s[i] == s[i - 1] { return true }
        return false
    }

    /// Whether `word` is a training word.
    public func contains(_ word: String) -> Bool { ids[word] != nil }

    /// The training word `word` stands for, or nil when it is known or nothing is close.
    public func repair(_ word: String) -> String? {
        guard !words.isEmpty, ids[word] == nil else { return nil }
        let s = Array(word.unicodeScalars)
        guard s.count >= 2, s.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
        if Self.hasDoubledLetter(s), let id = collapsedIDs[Self.collapsed(s)] { return words[Int(id)] }
        let limit = Self.maxDistance(s.count)
        guard limit > 0 else { return nil }
        var best: (id: Int32, distance: Int)?
        let mask = slotKeys.count - 1
        Self.forEachDeletionKey(s) { key in
            var slot = Int(truncatingIfNeeded: key) & mask
            while slotIDs[slot] >= 0 {
                defer { slot = (slot + 1) & mask }
                guard slotKeys[slot] == key else { continue }
                let id = slotIDs[slot]
                let target = scalars[Int(id)]
                let allowed = min(limit, Self.maxDistance(target.count))
                guard abs(target.count - s.count) <= allowed else { continue }
                let d = LookupTables.editDistance(s, target, limit: allowed)
                guard d <= allowed else { continue }
                if let b = best {
                    let better = d < b.distance || (d == b.distance && (counts[Int(id)], words[Int(b.id)]) > (counts[Int(b.id)], words[Int(id)]))
                    if better { best = (id, d) }
                } else {
                    best = (id, d)
                }
            }
        }
        return best.map { words[Int($0.id)] }
    }
}
