/// 64-bit hashing of feature strings without building `String`s in hot loops.
///
/// Features (word n-grams, character n-grams, token shapes, …) are named by a 64-bit
/// key: FNV-1a over the bytes, seeded by a namespace so that the word `ab` and the
/// character bigram `ab` get different keys, then finalized with MurmurHash3's
/// `fmix64` for good bit spread in open-addressing tables. Keys are stable across
/// runs and platforms, so they can be stored in a model file.
public enum FeatureHash {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The starting state for a namespace (a small integer naming a feature family).
    @inline(__always)
    public static func seed(_ namespace: UInt64) -> UInt64 {
        (offsetBasis ^ (namespace &* 0x9e37_79b9_7f4a_7c15)) &* prime
    }

    @inline(__always)
    public static func add(_ state: UInt64, _ byte: UInt8) -> UInt64 {
        (state ^ UInt64(byte)) &* prime
    }

    @inline(__always)
    public static func add(_ state: UInt64, bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = state
        for b in bytes { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    @inline(__always)
    public static func add(_ state: UInt64, _ string: String) -> UInt64 {
        var h = state
        for b in string.utf8 { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    /// Mixes a 64-bit value into the state (e.g. a previously computed word hash).
    @inline(__always)
    public static func add(_ state: UInt64, word: UInt64) -> UInt64 {
        var h = state
        var v = word
        for _ in 0..<8 { h = (h ^ (v & 0xff)) &* prime; v >>= 8 }
        return h
    }

    /// MurmurHash3 finalizer; never returns 0 (0 marks an empty slot in `FeatureIndex`).
    @inline(__always)
    public static func finish(_ state: UInt64) -> UInt64 {
        var k = state
        k ^= k >> 33
        k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k == 0 ? 1 : k
    }

    /// The key of `string` in `namespace`.
    public static func key(_ namespace: UInt64, _ string: String) -> UInt64 {
        finish(add(seed(namespace), string))
    }

    /// The key of a pair of keys in `namespace` (conjunction features).
    @inline(__always)
    public static func key(_ namespace: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        finish(add(add(seed(namespace), word: a), word: b))
    }
}

/// An open-addressing map from 64-bit feature keys to dense row numbers.
///
/// Why not `Dictionary<String, Int>`: parsing must stay above 20,000 lines a second and
/// a model must load in well under 100 ms; two flat arrays probe in a few nanoseconds
/// and are written to and read from a model file as raw bytes.
public struct FeatureIndex: Sendable, Hashable {
    /// Slot keys; 0 marks an empty slot.
    public private(set) var keys: [UInt64]
    /// Slot rows, valid where `keys` is non-zero.
    public private(set) var rows: [Int32]
    /// How many keys are stored; rows are `0..<count` in insertion order.
    public private(set) var count: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        rows = [Int32](repeating: -1, count: size)
        count = 0
    }

    /// Rebuilds an index from stored slot arrays (see `ModelWriter`).
    init(keys: [UInt64], rows: [Int32], count: Int) {
        self.keys = keys
        self.rows = rows
        self.count = count
    }

    /// The row of `key`, or -1 when the key is unknown.
    @inline(__always)
    public func row(_ key: UInt64) -> Int32 {
        keys.withUnsafeBufferPointer { k in
            let mask = k.count - 1
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let here = k[slot]
                if here == key { return rows[slot] }
                if here == 0 { return -1 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The row of `key`, adding it with the next free row when it is new.
    @discardableResult
    public mutating func insert(_ key: UInt64) -> Int32 {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let here = keys[slot]
            if here == key { return rows[slot] }
            if here == 0 {
                keys[slot] = key
                rows[slot] = Int32(count)
                count += 1
                return Int32(count - 1)
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldRows = rows
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        rows = [Int32](repeating: -1, count: oldKeys.count * 2)
        let mask = keys.count - 1
        for i in oldKeys.indices where oldKeys[i] != 0 {
            var slot = Int(truncatingIfNeeded: oldKeys[i]) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[i]
            rows[slot] = oldRows[i]
        }
    }

    /// A new index holding only the keys whose row `keep` accepts, renumbered densely
    /// in old-row order; also returns old row → new row (-1 when dropped).
    public func filtered(_ keep: (Int32) -> Bool) -> (FeatureIndex, [Int32]) {
        var byRow = [UInt64](repeating: 0, count: count)
        for i in keys.indices where keys[i] != 0 { byRow[Int(rows[i])] = keys[i] }
        var out = FeatureIndex(capacity: count)
        var map = [Int32](repeating: -1, count: count)
        for r in 0..<count where keep(Int32(r)) { map[r] = out.insert(byRow[r]) }
        return (out, map)
    }
}
