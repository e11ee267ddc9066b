import Foundation

/// Settings of the intent features; part of the model cache key.
public struct IntentFeatureConfig: Sendable, Hashable, Codable {
    /// Longest word n-gram (1 = unigrams only).
    public var maxWordNgram: Int = 2
    /// Character n-gram lengths, taken inside each folded word padded with `<` and `>`.
    public var minCharNgram: Int = 2
    public var maxCharNgram: Int = 5
    /// Features seen in fewer training examples than this are dropped.
    public var minWordCount: Int = 1
    public var minCharCount: Int = 2
    /// Character n-grams: 0 inside each word (`<red>`), 1 across the whole line (` red shoes `), 2 both.
    public var charMode: Int = 0
    /// Relative weights of the three blocks, each L2-normalized on its own.
    public var wordWeight: Float = 1
    public var charWeight: Float = 1
    public var extraWeight: Float = 0.5
    /// Adds the line's word-piece vector (`WordPieceVectors.shipped`) as a dense block.
    public var wordVectors = true
    /// Weight of the word-vector block (the vector has unit length).
    public var vectorWeight: Float = 1

    public init() {}
}

/// Turns a tokenized line into hashed TF-IDF features for the intent classifier.
///
/// Three blocks, as in a union of scikit-learn vectorizers: word uni/bi-grams, character
/// n-grams of each folded word with boundary marks (`<red>` → `<r`, `re`, `ed`, `d>`, …),
/// and "extra" features (token kinds such as `number`/`money`, lookup-table and entity
/// types). Each block is sub-linear TF × IDF, L2-normalized, then weighted.
public struct IntentFeaturizer: Sendable {
    public enum Block: UInt8, Sendable { case word = 0, char = 1, extra = 2 }

    static let nsWord: UInt64 = 1, nsBigram: UInt64 = 2, nsChar: UInt64 = 3, nsExtra: UInt64 = 4, nsTrigram: UInt64 = 5, nsCharLine: UInt64 = 6
    static let bos = FeatureHash.key(99, "<s>"), eos = FeatureHash.key(99, "</s>")

    public var config: IntentFeatureConfig
    /// Key → row.
    public var index: FeatureIndex
    /// Per row: inverse document frequency.
    public var idf: [Float]
    /// Per row: block number.
    public var blocks: [UInt8]
    /// The training words, to read unseen words as the training words they stand for.
    public var repair: WordRepair
    /// The pretrained word-piece vectors (nil: the block is off).
    public let vectors: WordPieceVectors?

    /// Feature rows: the sparse n-gram rows, then the word-vector block.
    public var dimension: Int { index.count + (vectors?.dimensions ?? 0) }

    /// The folded word of a token, as the features see it.
    @inline(__always)
    static func word(_ token: Token) -> String { token.normalized.isEmpty ? token.text.lowercased() : token.normalized }

    /// Raw keys of one line with their block, duplicates kept (they count as term frequency).
    /// `wordKeys` receives the word key of each token, after `repair` (when given) mapped
    /// unseen words to training words.
    public static func rawFeatures(_ tokens: [Token], extras: [String], config: IntentFeatureConfig, repair: WordRepair? = nil, into keys: inout [UInt64], blocks: inout [UInt8], wordKeys: inout [UInt64]) {
        keys.removeAll(keepingCapacity: true)
        blocks.removeAll(keepingCapacity: true)
        wordKeys.removeAll(keepingCapacity: true)
        var padded: [UInt8] = []
        for token in tokens {
            let word = Self.word(token)
            let wk = FeatureHash.key(nsWord, token.kind == .word ? (repair?.repair(word) ?? word) : word)
            wordKeys.append(wk)
            keys.append(wk); blocks.append(Block.word.rawValue)
            if config.maxCharNgram > 0, config.charMode != 1 {
                padded.removeAll(keepingCapacity: true)
                padded.append(UInt8(ascii: "<"))
                padded.append(contentsOf: word.utf8)
                padded.append(UInt8(ascii: ">"))
                padded.withUnsafeBufferPointer { p in
                    let n = p.count
                    for len in config.minCharNgram...config.maxCharNgram {
                        if len > n { break }
                        var start = 0
                        while start + len <= n {
                            var h = FeatureHash.seed(nsChar)
                            for i in start..<(start + len) { h = FeatureHash.add(h, p[i]) }
                            keys.append(FeatureHash.finish(h)); blocks.append(Block.char.rawValue)
                            start += 1
                        }
                    }
                }
            }
            if token.kind != .word {
                keys.append(FeatureHash.key(nsExtra, "kind:" + token.kind.rawValue)); blocks.append(Block.extra.rawValue)
            }
        }
        if config.maxCharNgram > 0, config.charMode >= 1 {
            padded.removeAll(keepingCapacity: true)
            padded.append(UInt8(ascii: " "))
            for token in tokens {
                padded.append(contentsOf: Self.word(token).utf8)
                padded.append(UInt8(ascii: " "))
            }
            padded.withUnsafeBufferPointer { p in
                let n = p.count
                for len in config.minCharNgram...config.maxCharNgram where len <= n {
                    var start = 0
                    while start + len <= n {
                        var h = FeatureHash.seed(nsCharLine)
                        for i in start..<(start + len) { h = FeatureHash.add(h, p[i]) }
                        keys.append(FeatureHash.finish(h)); blocks.append(Block.char.rawValue)
                        start += 1
                    }
                }
            }
        }
        if config.maxWordNgram >= 2 {
            var prev = bos
            for wk in wordKeys {
                keys.append(FeatureHash.key(nsBigram, prev, wk)); blocks.append(Block.word.rawValue)
                prev = wk
            }
            if !wordKeys.isEmpty { keys.append(FeatureHash.key(nsBigram, prev, eos)); blocks.append(Block.word.rawValue) }
        }
        if config.maxWordNgram >= 3, wordKeys.count >= 3 {
            for i in 2..<wordKeys.count {
                keys.append(FeatureHash.key(nsTrigram, FeatureHash.key(nsTrigram, wordKeys[i - 2], wordKeys[i - 1]), wordKeys[i])); blocks.append(Block.word.rawValue)
            }
        }
        for extra in extras {
            keys.append(FeatureHash.key(nsExtra, extra)); blocks.append(Block.extra.rawValue)
        }
    }

    /// Builds the vocabulary and IDF weights from the training lines.
    public init(fitting lines: [(tokens: [Token], extras: [String])], config: IntentFeatureConfig) {
        self.config = config
        vectors = config.wordVectors ? WordPieceVectors.shipped : nil
        var all = FeatureIndex(capacity: 1 << 16)
        var df: [Int32] = []
        var blockOf: [UInt8] = []
        var rawKeys: [UInt64] = [], rawBlocks: [UInt8] = [], rawWords: [UInt64] = []
        var seenStamp: [Int32] = []
        var wordLines: [String: Int] = [:]
        for (n, line) in lines.enumerated() {
            for word in Set(line.tokens.lazy.filter { $0.kind == .word }.map(Self.word)) { wordLines[word, default: 0] += 1 }
            Self.rawFeatures(line.tokens, extras: line.extras, config: config, into: &rawKeys, blocks: &rawBlocks, wordKeys: &rawWords)
            for (k, b) in zip(rawKeys, rawBlocks) {
                let row = Int(all.insert(k))
                if row == df.count { df.append(0); blockOf.append(b); seenStamp.append(-1) }
                if seenStamp[row] != Int32(n) { seenStamp[row] = Int32(n); df[row] += 1 }
            }
        }
        let (kept, map) = all.filtered { row in
            let minCount = blockOf[Int(row)] == Block.char.rawValue ? config.minCharCount : config.minWordCount
            return Int(df[Int(row)]) >= minCount
        }
        index = kept
        repair = WordRepair(counts: wordLines)
        idf = [Float](repeating: 0, count: kept.count)
        self.blocks = [UInt8](repeating: 0, count: kept.count)
        let docs = Float(lines.count)
        for old in 0..<map.count where map[old] >= 0 {
            let r = Int(map[old])
            idf[r] = logf((1 + docs) / (1 + Float(df[old]))) + 1
            self.blocks[r] = blockOf[old]
        }
    }

    init(config: IntentFeatureConfig, index: FeatureIndex, idf: [Float], blocks: [UInt8], repair: WordRepair) {
        self.config = config
        self.repair = repair
        vectors = config.wordVectors ? WordPieceVectors.shipped : nil
        self.index = index
        self.idf = idf
        self.blocks = blocks
    }

    /// Scratch buffers reused across calls to `vectorize`.
    public struct Scratch {
        var keys: [UInt64] = []
        var blocks: [UInt8] = []
        var rows: [Int32] = []
        var wordKeys: [UInt64] = []
        var pieces: [Int32] = []
        var dense: [Float] = []
        /// The nearest-example scan's query in 16 bits, and its dot product with each row.
        var denseCodes: [Int16] = []
        var rowDots: [Int32] = []
        public init() {}
    }

    /// The TF-IDF vector of a line; also returns how many of its words are known to the model.
    public func vectorize(_ tokens: [Token], extras: [String], scratch: inout Scratch) -> (vector: SparseVector, knownWords: Int) {
        Self.rawFeatures(tokens, extras: extras, config: config, repair: repair, into: &scratch.keys, blocks: &scratch.blocks, wordKeys: &scratch.wordKeys)
        scratch.rows.removeAll(keepingCapacity: true)
        var knownWords = 0
        for k in scratch.keys {
            let r = index.row(k)
            if r >= 0 { scratch.rows.append(r) }
        }
        for k in scratch.wordKeys where index.row(k) >= 0 { knownWords += 1 }
        scratch.rows.sort()
        var rows: [Int32] = []
        var values: [Float] = []
        rows.reserveCapacity(scratch.rows.count)
        values.reserveCapacity(scratch.rows.count)
        var i = 0
        let all = scratch.rows
        while i < all.count {
            var j = i + 1
            while j < all.count && all[j] == all[i] { j += 1 }
            let r = all[i]
            rows.append(r)
            values.append((1 + logf(Float(j - i))) * idf[Int(r)])
            i = j
        }
        var norms: (Float, Float, Float) = (0, 0, 0)
        for (r, v) in zip(rows, values) {
            switch blocks[Int(r)] {
            case 0: norms.0 += v * v
            case 1: norms.1 += v * v
            default: norms.2 += v * v
            }
        }
        let scale0 = norms.0 > 0 ? config.wordWeight / norms.0.squareRoot() : 0
        let scale1 = norms.1 > 0 ? config.charWeight / norms.1.squareRoot() : 0
        let scale2 = norms.2 > 0 ? config.extraWeight / norms.2.squareRoot() : 0
        for k in rows.indices {
            switch blocks[Int(rows[k])] {
            case 0: values[k] *= scale0
            case 1: values[k] *= scale1
            default: values[k] *= scale2
            }
        }
        if let vectors {
            vectors.pieces(tokens, into: &scratch.pieces)
            if scratch.dense.count != vectors.dimensions { scratch.dense = [Float](repeating: 0, count: vectors.dimensions) }
            if scratch.dense.withUnsafeMutableBufferPointer({ vectors.lineVector(scratch.pieces, into: $0) }) {
                let base = Int32(index.count)
                for k in 0..<vectors.dimensions {
                    rows.append(base + Int32(k))
                    values.append(scratch.dense[k] * config.vectorWeight)
                }
            }
        }
        return (SparseVector(rows: rows, values: values), knownWords)
    }
}
