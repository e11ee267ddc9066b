import Foundation

/// Static vectors of word pieces, distilled from a pretrained sentence encoder
/// (all-MiniLM-L6-v2; see `docs/word-vectors.md`), that give the intent classifier a sense
/// of what words mean beyond the training lines: "take my money" lands near "i want to
/// pay" although no training line says it.
///
/// A line's vector is the mean of its pieces' vectors, L2-normalized. Words are cut into
/// pieces as the encoder's WordPiece tokenizer does: folded text split at punctuation,
/// then the longest vocabulary prefix first, continuations marked `##` (`sneakers` →
/// `sneak`, `##ers`). Look-ups hash UTF-8 bytes incrementally, so cutting a word builds no
/// strings.
///
/// The table ships with the NLU module (`Resources/wordpiece-vectors.bin`): the magic
/// `SHOPWPV1`, piece count, dimensions and vocabulary size (UInt32 LE), the vocabulary
/// (newline-separated), one Float32 scale per piece, then `count × dimensions` Int8 values.
public final class WordPieceVectors: Sendable {
    /// Numbers per vector.
    public let dimensions: Int
    /// Pieces in the vocabulary.
    public let count: Int
    private let slotKeys: [UInt64]
    private let slotIDs: [Int32]
    private let scales: [Float]
    private let values: [Int8]

    /// The table shipped with the module, or why it could not be read; loaded on first use.
    static let loaded = Result { try load(shippedURL) }
    /// The table shipped with the module; nil when the file is missing or damaged
    /// (`loadError` says why).
    public static var shipped: WordPieceVectors? { try? loaded.get() }
    /// Why `shipped` is nil.
    public static var loadError: String? {
        if case .failure(let error) = loaded { return "\(error)" }
        return nil
    }

    static var shippedURL: URL? { Bundle.module.url(forResource: "wordpiece-vectors", withExtension: "bin") }

    static func load(_ url: URL?) throws -> WordPieceVectors {
        guard let url else { throw NLUEngineError.missingWordVectors(path: "ShopAssistant_NLU.resources/wordpiece-vectors.bin") }
        return try WordPieceVectors(data: try Data(contentsOf: url, options: .mappedIfSafe), path: url.path)
    }

    private static let magic = Array("SHOPWPV1".utf8)
    private static let seedWhole: UInt64 = 0x3bd1, seedContinuation: UInt64 = 0x3bd2

    /// Reads a table; `path` names it in errors.
    public init(data: Data, path: String = "<memory>") throws {
        var r = BinaryReader(data, path: path)
        guard data.count >= Self.magic.count, Array(data.prefix(Self.magic.count)) == Self.magic else { throw r.fail("not a word-piece vector table (bad magic)") }
        r.offset = Self.magic.count
        let count = Int(try r.read(UInt32.self)), dims = Int(try r.read(UInt32.self)), wordBytes = Int(try r.read(UInt32.self))
        guard count > 0, dims > 0, r.offset + wordBytes + count * 4 + count * dims == data.count else { throw r.fail("sizes do not match the file length") }
        let words = data.subdata(in: (data.startIndex + r.offset)..<(data.startIndex + r.offset + wordBytes))
        r.offset += wordBytes
        var scales = [Float](repeating: 0, count: count)
        for i in 0..<count { scales[i] = try r.readFloat() }
        let values = [Int8](unsafeUninitializedCapacity: count * dims) { buf, n in
            data.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[r.offset..<(r.offset + count * dims)]))
            }
            n = count * dims
        }
        var capacity = 16
        while capacity < count * 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity), ids = [Int32](repeating: -1, count: capacity)
        var id: Int32 = 0
        words.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == 0x0A {
                var s = start
                var seed = Self.seedWhole
                if end - start > 2, bytes[start] == 0x23, bytes[start + 1] == 0x23 { s += 2; seed = Self.seedContinuation }
                var h = FeatureHash.seed(seed)
                for i in s..<end { h = FeatureHash.add(h, bytes[i]) }
                let key = FeatureHash.finish(h)
                var slot = Int(truncatingIfNeeded: key) & (capacity - 1)
                while ids[slot] >= 0 && keys[slot] != key { slot = (slot + 1) & (capacity - 1) }
                if ids[slot] < 0 { keys[slot] = key; ids[slot] = id }
                id += 1
                start = end + 1
            }
        }
        guard Int(id) == count else { throw r.fail("\(id) vocabulary lines for \(count) vectors") }
        self.count = count
        self.dimensions = dims
        self.scales = scales
        self.values = values
        self.slotKeys = keys
        self.slotIDs = ids
    }

    @inline(__always)
    private func find(_ key: UInt64) -> Int32 {
        let mask = slotKeys.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while slotIDs[slot] >= 0 {
            if slotKeys[slot] == key { return slotIDs[slot] }
            slot = (slot + 1) & mask
        }
        return -1
    }

    /// Whether a folded word is a whole word of the encoder's vocabulary (an English word
    /// such as `sorts`, not a typo such as `hedphones`).
    public func isWholeWord(_ word: String) -> Bool {
        var h = FeatureHash.seed(Self.seedWhole)
        for b in word.utf8 { h = FeatureHash.add(h, b) }
        return find(FeatureHash.finish(h)) >= 0
    }

    /// Appends the piece ids of one run of letters and digits: the longest vocabulary
    /// prefix first, then continuations; a run that cannot be cut adds nothing (the
    /// encoder's `[UNK]`, which carries no meaning).
    func appendPieces(_ run: UnsafeBufferPointer<UInt8>, into out: inout [Int32]) {
        let n = run.count
        guard n > 0, n <= 100 else { return }
        let mark = out.count
        var start = 0
        while start < n {
            var h = FeatureHash.seed(start == 0 ? Self.seedWhole : Self.seedContinuation)
            var found: Int32 = -1, foundEnd = start
            for end in start..<n {
                h = FeatureHash.add(h, run[end])
                // Only cut between UTF-8 scalars.
                if end + 1 < n, run[end + 1] & 0xC0 == 0x80 { continue }
                let id = find(FeatureHash.finish(h))
                if id >= 0 { found = id; foundEnd = end + 1 }
            }
            guard found >= 0 else { out.removeSubrange(mark...); return }
            out.append(found)
            start = foundEnd
        }
    }

    /// The piece ids of a line's folded words, split at punctuation as the encoder splits.
    public func pieces(_ tokens: [Token], into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        var buffer: [UInt8] = []
        for token in tokens {
            var word = token.normalized.isEmpty ? token.text.lowercased() : token.normalized
            word.withUTF8 { bytes in
                var i = 0
                while i < bytes.count {
                    let b = bytes[i]
                    let isWordByte = b >= 0x80 || (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A)
                    if isWordByte {
                        buffer.append(b)
                    } else {
                        // The run so far, then the punctuation mark as a piece of its own.
                        buffer.withUnsafeBufferPointer { appendPieces($0, into: &out) }
                        buffer.removeAll(keepingCapacity: true)
                        if b > 0x20 {
                            buffer.append(b)
                            buffer.withUnsafeBufferPointer { appendPieces($0, into: &out) }
                            buffer.removeAll(keepingCapacity: true)
                        }
                    }
                    i += 1
                }
            }
            buffer.withUnsafeBufferPointer { appendPieces($0, into: &out) }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Writes the line's unit-length mean vector to `out` (length `dimensions`); false
    /// (and zeros) when no piece is known.
    @discardableResult
    public func lineVector(_ pieces: [Int32], into out: UnsafeMutableBufferPointer<Float>) -> Bool {
        for k in 0..<dimensions { out[k] = 0 }
        guard !pieces.isEmpty else { return false }
        values.withUnsafeBufferPointer { v in
            for p in pieces {
                let s = scales[Int(p)]
                let row = Int(p) * dimensions
                for k in 0..<dimensions { out[k] += s * Float(v[row + k]) }
            }
        }
        return Self.normalize(out)
    }

    /// Scales `v` to unit length; false (and `v` unchanged) when it is all zeros.
    @discardableResult
    public static func normalize(_ v: UnsafeMutableBufferPointer<Float>) -> Bool {
        var norm: Float = 0
        for x in v { norm += x * x }
        guard norm > 0 else { return false }
        let inv = 1 / norm.squareRoot()
        for k in v.indices { v[k] *= inv }
        return true
    }
}
