import Foundation

/// Settings of the slot tagger; part of the model cache key.
public struct SlotTaggerConfig: Sendable, Hashable, Codable {
    public var features = TokenFeatureConfig()
    public var epochs: Int = 25
    public var seed: UInt64 = 7
    /// Gazetteer of the training data's entity values as a feature, trained by jackknife
    /// over this many folds (0: no gazetteer).
    public var gazetteerFolds: Int = 10
    public init() {}
}

/// BIO labels over entity types: 0 is `O`, type `k` has `B` = 1 + 2k and `I` = 2 + 2k.
public struct BIOLabels: Sendable, Hashable {
    public var entityTypes: [String]
    public var count: Int { 1 + 2 * entityTypes.count }
    public init(entityTypes: [String]) { self.entityTypes = entityTypes }

    @inline(__always) public static func isInside(_ label: Int) -> Bool { label > 0 && label % 2 == 0 }
    @inline(__always) public static func type(_ label: Int) -> Int { (label - 1) / 2 }

    /// Whether `cur` may follow `prev` (-1 is the start of the line): `I-x` only after `B-x`/`I-x`.
    @inline(__always) public static func allowed(_ prev: Int, _ cur: Int) -> Bool {
        guard isInside(cur) else { return true }
        return prev > 0 && type(prev) == type(cur)
    }

    public func name(_ label: Int) -> String {
        label == 0 ? "O" : (Self.isInside(label) ? "I-" : "B-") + entityTypes[Self.type(label)]
    }
}

/// A first-order linear-chain model over BIO labels, trained as an averaged structured
/// perceptron and decoded with Viterbi.
///
/// During training the weights are dense (`rows × labels`); the stored model keeps only
/// non-zero averaged weights per feature row (compressed sparse rows), which is smaller
/// on disk and faster to score, since most features matter to few labels.
public struct SequenceModel: Sendable {
    public var labels: BIOLabels
    public var index: FeatureIndex
    /// CSR: the weights of row `r` are `entries[rowStart[r]..<rowStart[r+1]]`.
    public var rowStart: [Int32]
    public var entryLabel: [UInt16]
    public var entryWeight: [Float]
    /// Transition scores stored as `transitions[cur * (L+1) + prev + 1]` (prev -1 = start),
    /// -1e9 where not allowed.
    public var transitions: [Float]

    public init(labels: BIOLabels, index: FeatureIndex, rowStart: [Int32], entryLabel: [UInt16], entryWeight: [Float], transitions: [Float]) {
        self.labels = labels
        self.index = index
        self.rowStart = rowStart
        self.entryLabel = entryLabel
        self.entryWeight = entryWeight
        self.transitions = transitions
    }

    /// Emission scores `E[t * L + l]` of a line whose token features are `keys`/`offsets`.
    public func emissions(keys: [UInt64], offsets: [Int], into e: inout [Float]) {
        let L = labels.count
        let n = offsets.count - 1
        e.removeAll(keepingCapacity: true)
        e.append(contentsOf: repeatElement(0, count: max(0, n) * L))
        guard n > 0 else { return }
        e.withUnsafeMutableBufferPointer { ep in
            rowStart.withUnsafeBufferPointer { rs in
                entryLabel.withUnsafeBufferPointer { el in
                    entryWeight.withUnsafeBufferPointer { ew in
                        for t in 0..<n {
                            let base = t * L
                            for k in offsets[t]..<offsets[t + 1] {
                                let r = index.row(keys[k])
                                if r < 0 { continue }
                                let lo = Int(rs[Int(r)]), hi = Int(rs[Int(r) + 1])
                                for j in lo..<hi { ep[base + Int(el[j])] += ew[j] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The best label sequence under emissions `e` (n × L) and `transitions`.
    public static func viterbi(_ e: [Float], n: Int, labelCount L: Int, transitions: [Float], delta: inout [Float], back: inout [Int32]) -> [Int] {
        guard n > 0 else { return [] }
        let W = L + 1
        delta.removeAll(keepingCapacity: true)
        delta.append(contentsOf: repeatElement(0, count: n * L))
        back.removeAll(keepingCapacity: true)
        back.append(contentsOf: repeatElement(0, count: n * L))
        delta.withUnsafeMutableBufferPointer { d in
            back.withUnsafeMutableBufferPointer { bp in
                e.withUnsafeBufferPointer { ep in
                    transitions.withUnsafeBufferPointer { tr in
                        guard let scores = UnsafePointer(d.baseAddress), let moves = tr.baseAddress else { return }
                        for l in 0..<L { d[l] = ep[l] + tr[l * W] }
                        for t in 1..<max(1, n) {
                            let prev = (t - 1) * L, cur = t * L
                            for l in 0..<L {
                                let row = l * W + 1
                                var best = -Float.infinity, arg = 0
                                if BIOLabels.isInside(l) {
                                    let a = d[prev + l - 1] + tr[row + l - 1], b = d[prev + l] + tr[row + l]
                                    if a >= b { best = a; arg = l - 1 } else { best = b; arg = l }
                                } else {
                                    (best, arg) = bestPredecessor(scores + prev, moves + row, count: L)
                                }
                                d[cur + l] = best + ep[cur + l]
                                bp[cur + l] = Int32(arg)
                            }
                        }
                    }
                }
            }
        }
        var path = [Int](repeating: 0, count: n)
        var bestL = 0
        for l in 0..<L where delta[(n - 1) * L + l] > delta[(n - 1) * L + bestL] { bestL = l }
        path[n - 1] = bestL
        var t = n - 1
        while t > 0 { path[t - 1] = Int(back[t * L + path[t]]); t -= 1 }
        return path
    }

    /// The largest `scores[p] + transitions[p]` over `p < count` and its first index: the
    /// maximum over four independent running maxima (so the comparisons do not wait on each
    /// other), then a scan for where it is reached (the same sums, so the same index as a
    /// plain scan that keeps the first strictly larger value).
    @inline(__always)
    static func bestPredecessor(_ scores: UnsafePointer<Float>, _ transitions: UnsafePointer<Float>, count: Int) -> (Float, Int) {
        var m0 = -Float.infinity, m1 = -Float.infinity, m2 = -Float.infinity, m3 = -Float.infinity
        var p = 0
        while p + 4 <= count {
            let s0 = scores[p] + transitions[p], s1 = scores[p + 1] + transitions[p + 1]
            let s2 = scores[p + 2] + transitions[p + 2], s3 = scores[p + 3] + transitions[p + 3]
            m0 = s0 > m0 ? s0 : m0; m1 = s1 > m1 ? s1 : m1
            m2 = s2 > m2 ? s2 : m2; m3 = s3 > m3 ? s3 : m3
            p += 4
        }
        var best = m0 > m1 ? m0 : m1
        let m23 = m2 > m3 ? m2 : m3
        best = m23 > best ? m23 : best
        while p < count { let s = scores[p] + transitions[p]; if s > best { best = s }; p += 1 }
        for q in 0..<count where scores[q] + transitions[q] == best { return (best, q) }
        return (best, 0)
    }

    /// A line prepared for training: its feature keys and gold labels.
    public struct Sentence: Sendable {
        public var keys: [UInt64]
        public var offsets: [Int]
        public var gold: [Int]
        public init(keys: [UInt64], offsets: [Int], gold: [Int]) { self.keys = keys; self.offsets = offsets; self.gold = gold }
    }

    /// Averaged structured perceptron training.
    public static func train(_ sentences: [Sentence], labels: BIOLabels, epochs: Int, seed: UInt64) -> SequenceModel {
        let L = labels.count, W = L + 1
        var index = FeatureIndex(capacity: 1 << 16)
        var rowsOf: [[Int32]] = []
        rowsOf.reserveCapacity(sentences.count)
        for s in sentences { rowsOf.append(s.keys.map { index.insert($0) }) }
        let R = index.count
        var w = [Float](repeating: 0, count: R * L)
        var u = [Float](repeating: 0, count: R * L)
        var tw = [Float](repeating: 0, count: L * W)
        var tu = [Float](repeating: 0, count: L * W)
        for cur in 0..<L { for p in -1..<L where !BIOLabels.allowed(p, cur) { tw[cur * W + p + 1] = -1e9 } }
        var c: Float = 1
        var order = Array(sentences.indices)
        var rng = SplitMix64(seed: seed)
        var e: [Float] = [], delta: [Float] = [], back: [Int32] = []
        for _ in 0..<epochs {
            order.shuffle(using: &rng)
            for si in order {
                let s = sentences[si], rows = rowsOf[si]
                let n = s.gold.count
                guard n > 0 else { continue }
                e.removeAll(keepingCapacity: true)
                e.append(contentsOf: repeatElement(0, count: n * L))
                w.withUnsafeBufferPointer { wp in
                    e.withUnsafeMutableBufferPointer { ep in
                        for t in 0..<n {
                            for k in s.offsets[t]..<s.offsets[t + 1] {
                                let base = Int(rows[k]) * L
                                for l in 0..<L { ep[t * L + l] += wp[base + l] }
                            }
                        }
                    }
                }
                let pred = viterbi(e, n: n, labelCount: L, transitions: tw, delta: &delta, back: &back)
                if pred != s.gold {
                    w.withUnsafeMutableBufferPointer { wp in
                        u.withUnsafeMutableBufferPointer { up in
                            for t in 0..<n where pred[t] != s.gold[t] {
                                for k in s.offsets[t]..<s.offsets[t + 1] {
                                    let base = Int(rows[k]) * L
                                    wp[base + s.gold[t]] += 1; up[base + s.gold[t]] += c
                                    wp[base + pred[t]] -= 1; up[base + pred[t]] -= c
                                }
                            }
                        }
                    }
                    for t in 0..<n {
                        let gp = t == 0 ? -1 : s.gold[t - 1], pp = t == 0 ? -1 : pred[t - 1]
                        if gp == pp && s.gold[t] == pred[t] { continue }
                        tw[s.gold[t] * W + gp + 1] += 1; tu[s.gold[t] * W + gp + 1] += c
                        tw[pred[t] * W + pp + 1] -= 1; tu[pred[t] * W + pp + 1] -= c
                    }
                }
                c += 1
            }
        }
        // Averaged weights, kept sparse.
        var rowStart: [Int32] = [0]
        var entryLabel: [UInt16] = [], entryWeight: [Float] = []
        var keep = [Bool](repeating: false, count: R)
        var avgRows: [[(UInt16, Float)]] = Array(repeating: [], count: R)
        for r in 0..<R {
            for l in 0..<L {
                let v = w[r * L + l] - u[r * L + l] / c
                if abs(v) > 1e-4 { avgRows[r].append((UInt16(l), v)) }
            }
            keep[r] = !avgRows[r].isEmpty
        }
        let (compact, map) = index.filtered { keep[Int($0)] }
        var ordered = [[(UInt16, Float)]](repeating: [], count: compact.count)
        for r in 0..<R where map[r] >= 0 { ordered[Int(map[r])] = avgRows[r] }
        for row in ordered {
            for (l, v) in row { entryLabel.append(l); entryWeight.append(v) }
            rowStart.append(Int32(entryLabel.count))
        }
        var trans = [Float](repeating: 0, count: L * W)
        for i in 0..<(L * W) { trans[i] = tw[i] <= -1e8 ? -1e9 : tw[i] - tu[i] / c }
        return SequenceModel(labels: labels, index: compact, rowStart: rowStart, entryLabel: entryLabel, entryWeight: entryWeight, transitions: trans)
    }
}
