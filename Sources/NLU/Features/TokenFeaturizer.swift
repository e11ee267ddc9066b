/// Settings of the slot tagger's token features; part of the model cache key.
public struct TokenFeatureConfig: Sendable, Hashable, Codable {
    /// Neighbouring words seen on each side.
    public var window: Int = 2
    /// Prefix and suffix lengths 1...affixLength.
    public var affixLength: Int = 4
    /// Conjoin the line's intent with the current word.
    public var intentFeatures = true
    /// Words up to this far left, without their position (`arriving … on wednesday`).
    public var bagWindow: Int = 6
    public init() {}
}

/// The classic sequence-labelling features of each token, as 64-bit keys.
///
/// Word identity (folded), neighbours ±window, word bigrams around the token, shape,
/// prefixes and suffixes, token kind, position, the line's intent, and any per-token
/// marks supplied by the caller (lookup-table, regex and builtin-entity membership in
/// B/I form, e.g. `lk:B:brand`).
public struct TokenFeaturizer: Sendable {
    public var config: TokenFeatureConfig

    public init(config: TokenFeatureConfig) { self.config = config }

    enum NS: UInt64 {
        case bias = 20, leftBag = 40, word = 21, prev, next, bigramL, bigramR, shape, prefix, suffix, kind, first, last, intent, intentWord, mark, markWord, digitLen, trigramC
    }

    @inline(__always) static func key(_ ns: NS, _ s: String) -> UInt64 { FeatureHash.key(ns.rawValue, s) }

    /// A compact shape: `Nike` → `Xx`, `A10234` → `Xd`, `4k` → `dx`, `t-shirt` → `x-x`.
    public static func shape(_ text: String) -> String {
        var out: [UInt8] = []
        var last: UInt8 = 0
        for s in text.unicodeScalars {
            let c: UInt8
            if s.properties.isUppercase { c = UInt8(ascii: "X") }
            else if s.properties.isAlphabetic { c = UInt8(ascii: "x") }
            else if ("0"..."9").contains(s) { c = UInt8(ascii: "d") }
            else if s.isASCII { c = UInt8(s.value) }
            else { c = UInt8(ascii: "*") }
            if c != last { out.append(c); last = c }
            if out.count >= 8 { break }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Keys of every token, flattened: token `t` owns `keys[offsets[t]..<offsets[t+1]]`.
    public func features(_ tokens: [Token], intent: String?, marks: [[String]], keys: inout [UInt64], offsets: inout [Int]) {
        keys.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        let n = tokens.count
        var words = [UInt64](repeating: 0, count: n)
        var folded = [String](repeating: "", count: n)
        for (i, t) in tokens.enumerated() {
            folded[i] = t.normalized.isEmpty ? t.text.lowercased() : t.normalized
            words[i] = FeatureHash.key(NS.word.rawValue, folded[i])
        }
        let bos = FeatureHash.key(98, "<s>"), eos = FeatureHash.key(98, "</s>")
        @inline(__always) func word(_ i: Int) -> UInt64 { i < 0 ? bos : (i >= n ? eos : words[i]) }
        let intentKey = intent.map { Self.key(.intent, $0) }
        for i in 0..<n {
            offsets.append(keys.count)
            let w = words[i]
            keys.append(Self.key(.bias, ""))
            keys.append(w)
            for d in 1...max(1, config.window) where config.window > 0 {
                keys.append(FeatureHash.key(NS.prev.rawValue &+ UInt64(d) &* 100, word(i - d), 0))
                keys.append(FeatureHash.key(NS.next.rawValue &+ UInt64(d) &* 100, word(i + d), 0))
            }
            if config.bagWindow > config.window {
                for d in (config.window + 1)...config.bagWindow {
                    if i - d >= 0 { keys.append(FeatureHash.key(NS.leftBag.rawValue, words[i - d], 0)) }

                }
            }
            keys.append(FeatureHash.key(NS.bigramL.rawValue, word(i - 1), w))
            keys.append(FeatureHash.key(NS.bigramR.rawValue, w, word(i + 1)))
            keys.append(FeatureHash.key(NS.trigramC.rawValue, FeatureHash.key(NS.trigramC.rawValue, word(i - 1), w), word(i + 1)))
            keys.append(Self.key(.shape, Self.shape(tokens[i].text)))
            let scalars = Array(folded[i].unicodeScalars)
            if scalars.count > 1 {
                for len in 1...min(config.affixLength, scalars.count - 1) {
                    var p = FeatureHash.seed(NS.prefix.rawValue &+ UInt64(len) &* 100)
                    for s in scalars[0..<len] { p = FeatureHash.add(p, word: UInt64(s.value)) }
                    keys.append(FeatureHash.finish(p))
                    var q = FeatureHash.seed(NS.suffix.rawValue &+ UInt64(len) &* 100)
                    for s in scalars[(scalars.count - len)...] { q = FeatureHash.add(q, word: UInt64(s.value)) }
                    keys.append(FeatureHash.finish(q))
                }
            }
            if tokens[i].kind != .word { keys.append(Self.key(.kind, tokens[i].kind.rawValue)) }
            if tokens[i].kind == .number { keys.append(Self.key(.digitLen, String(tokens[i].text.count))) }
            if i == 0 { keys.append(Self.key(.first, "")) }
            if i == n - 1 { keys.append(Self.key(.last, "")) }
            if config.intentFeatures, let ik = intentKey {
                keys.append(ik)
                keys.append(FeatureHash.key(NS.intentWord.rawValue, ik, w))
            }
            if i < marks.count {
                for m in marks[i] {
                    let mk = Self.key(.mark, m)
                    keys.append(mk)
                    if let ik = intentKey, config.intentFeatures { keys.append(FeatureHash.key(NS.markWord.rawValue, mk, ik)) }
                }
            }
        }
        offsets.append(keys.count)
    }
}
