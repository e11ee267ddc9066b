import Foundation

/// Entity values seen in the training data, as hashed token sequences, so the tagger can
/// use "this phrase was annotated as type X elsewhere" as a feature.
///
/// Trained by jackknife: a training line is marked only with phrases annotated in other
/// folds, so the feature is as reliable in training as on unseen lines and the tagger
/// does not learn to trust it blindly.
public struct Gazetteer: Sendable {
    /// Phrase key → entity type indices (parallel arrays; a phrase may have several types).
    public var phrases: [UInt64: [UInt16]]
    public var maxLength: Int
    public var entityTypes: [String]

    public init(phrases: [UInt64: [UInt16]], maxLength: Int, entityTypes: [String]) {
        self.phrases = phrases
        self.maxLength = maxLength
        self.entityTypes = entityTypes
    }

    static let ns: UInt64 = 77
    static let cap = 8

    @inline(__always) static func folded(_ t: Token) -> String { t.normalized.isEmpty ? t.text.lowercased() : t.normalized }

    /// Keys of every phrase `tokens[i..<i+len]` for len 1…maxLength, as (start, len, key).
    static func forEachPhrase(_ tokens: [Token], maxLength: Int, _ body: (Int, Int, UInt64) -> Void) {
        let words = tokens.map { FeatureHash.key(ns, folded($0)) }
        for i in words.indices {
            var h = FeatureHash.seed(ns)
            for len in 1...maxLength where i + len <= words.count {
                h = FeatureHash.add(h, word: words[i + len - 1])
                body(i, len, FeatureHash.finish(h))
            }
        }
    }

    /// Adds `gz:B:type` / `gz:I:type` marks of every known phrase; `accept` filters (phrase, type).
    func mark(_ tokens: [Token], into marks: inout [[String]], accept: ((UInt64, UInt16) -> Bool)? = nil) {
        guard !phrases.isEmpty, !tokens.isEmpty else { return }
        if marks.count < tokens.count { marks += Array(repeating: [], count: tokens.count - marks.count) }
        Self.forEachPhrase(tokens, maxLength: maxLength) { i, len, key in
            guard let types = phrases[key] else { return }
            for ty in types where accept?(key, ty) ?? true {
                let name = entityTypes[Int(ty)]
                marks[i].append("gz:B:" + name)
                for t in (i + 1)..<(i + len) { marks[t].append("gz:I:" + name) }
            }
        }
    }

    /// The phrases of the annotated spans (token ranges with their type index).
    static func spans(_ gold: [Int]) -> [(first: Int, last: Int, type: Int)] {
        var out: [(Int, Int, Int)] = []
        var t = 0
        while t < gold.count {
            let l = gold[t]
            guard l != 0 else { t += 1; continue }
            let k = BIOLabels.type(l)
            var end = t
            while end + 1 < gold.count, BIOLabels.isInside(gold[end + 1]), BIOLabels.type(gold[end + 1]) == k { end += 1 }
            out.append((t, end, k))
            t = end + 1
        }
        return out
    }

    /// Builds the full gazetteer and the jackknifed marks of every training line.
    /// Values already marked by a lookup table of their type (`lk:B:type` in `marks`) are
    /// left out: the lookup feature covers them, and a second feature firing on the same
    /// lines would take weight from it (lookups extended at run time must keep working).
    static func build(tokens: [[Token]], gold: [[Int]], marks: [[[String]]] = [], entityTypes: [String], folds: Int) -> (Gazetteer, [[[String]]]) {
        var counts: [UInt64: [Int32]] = [:]  // (phrase,type) key → count per fold
        var phraseTypes: [UInt64: [UInt16]] = [:]
        var maxLen = 1
        func pair(_ p: UInt64, _ ty: UInt16) -> UInt64 { FeatureHash.key(ns + 1, p, UInt64(ty)) }
        for (n, (toks, g)) in zip(tokens, gold).enumerated() {
            for s in spans(g) {
                let len = s.last - s.first + 1
                guard len <= cap else { continue }
                if n < marks.count, s.first < marks[n].count, marks[n][s.first].contains("lk:B:" + entityTypes[s.type]) { continue }
                maxLen = max(maxLen, len)
                var h = FeatureHash.seed(ns)
                for t in s.first...s.last { h = FeatureHash.add(h, word: FeatureHash.key(ns, folded(toks[t]))) }
                let p = FeatureHash.finish(h), ty = UInt16(s.type)
                let k = pair(p, ty)
                if counts[k] == nil {
                    counts[k] = [Int32](repeating: 0, count: folds)
                    phraseTypes[p, default: []].append(ty)
                }
                counts[k]![n % folds] += 1
            }
        }
        let gaz = Gazetteer(phrases: phraseTypes, maxLength: maxLen, entityTypes: entityTypes)
        var all: [[[String]]] = []
        all.reserveCapacity(tokens.count)
        for (n, toks) in tokens.enumerated() {
            var m = [[String]](repeating: [], count: toks.count)
            let f = n % folds
            gaz.mark(toks, into: &m) { p, ty in
                guard let c = counts[pair(p, ty)] else { return false }
                var total: Int32 = 0
                for v in c { total += v }
                return total - c[f] > 0
            }
            all.append(m)
        }
        return (gaz, all)
    }
}
