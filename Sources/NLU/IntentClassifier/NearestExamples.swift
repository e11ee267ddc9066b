import CVectorKernels
import Foundation

/// The training lines' meaning vectors (unit-length word-piece means, see
/// `WordPieceVectors.lineVector`) with their intents: scores each intent by how close its
/// nearest training line is to a new line.
///
/// A linear model gives each intent one direction in feature space; an intent that shoppers
/// phrase in many unrelated ways ("inspire me", "staff favourites?") or a class that is a
/// mix by nature (`out_of_scope`) is not one direction. The nearest example of each intent
/// catches a line that paraphrases one training line. How much this score counts is chosen
/// on held-out examples when training (`IntentClassifierConfig.nearestExampleWeights`),
/// so data where it does not help gets weight 0 and no index.
public struct NearestExamples: Sendable {
    public var dimensions: Int
    public var classes: Int
    /// The training lines' unit vectors in 8 bits, row-major, `dimensions` numbers per line:
    /// number k of row i stands for `codes[i·d + k] · rowScales[i]`, each row scaled so that
    /// its largest number is ±127. A quarter of the bytes of floats, and the scan over them
    /// is bound by memory. A cosine moves by about 5e-4 (docs/word-vectors.md, "8-bit rows").
    public var codes: [Int8]
    /// Per row: what a code of 1 stands for (the row's largest magnitude / 127).
    public var rowScales: [Float]
    /// The intent (class index) of each row.
    public var labels: [UInt16]
    /// What the scores are multiplied by before they join the linear models' scores.
    public var weight: Float
    /// Subtracted from every line vector before comparing (the training lines' mean), with
    /// `directions` (unit rows of `dimensions` numbers) projected out: the components all
    /// lines share, which would otherwise dominate every cosine. Empty: none.
    public var center: [Float]
    public var directions: [Float]

    /// What the query's 16-bit code of 1.0 is: the largest 16-bit number, so every number
    /// of a unit vector fits.
    static let queryScale: Float = 32767
    /// The widest row the 8-bit scan sums within 32 bits (127 · 32767 · 516 < 2³¹).
    static let maxDimensions = 516

    public init(dimensions: Int, classes: Int, codes: [Int8], rowScales: [Float], labels: [UInt16], weight: Float, center: [Float] = [], directions: [Float] = []) {
        self.dimensions = dimensions
        self.classes = classes
        self.codes = codes
        self.rowScales = rowScales
        self.labels = labels
        self.weight = weight
        self.center = center
        self.directions = directions
    }

    /// Centres `v`, projects out the shared directions and scales it to unit length (false:
    /// nothing is left). Averaged word vectors all lean the same way; without this, that
    /// common part dominates every cosine (the "common component removal" of SIF embeddings).
    func whiten(_ v: UnsafeMutableBufferPointer<Float>) -> Bool {
        if center.count == dimensions { for k in 0..<dimensions { v[k] -= center[k] } }
        Self.projectOut(v, directions: directions, count: directions.count / max(dimensions, 1))
        return WordPieceVectors.normalize(v)
    }

    /// Removes from `v` its components along the first `count` unit rows of `directions`
    /// (each `v.count` numbers long).
    static func projectOut(_ v: UnsafeMutableBufferPointer<Float>, directions: [Float], count: Int) {
        let d = v.count
        for r in 0..<count {
            var dot: Float = 0
            for k in 0..<d { dot += v[k] * directions[r * d + k] }
            for k in 0..<d { v[k] -= dot * directions[r * d + k] }
        }
    }

    /// The mean of `rows` (row-major, `d` numbers each) and its top `count` principal
    /// directions (unit rows), by power iteration with deflation on the covariance of at
    /// most `maxRows` evenly spaced rows.
    static func sharedComponents(_ rows: [Float], dimensions d: Int, count: Int, maxRows: Int = 2048) -> (center: [Float], directions: [Float]) {
        let n = rows.count / d
        guard n > 1, d > 0 else { return ([], []) }
        let step = max(1, n / maxRows)
        let sample = Array(stride(from: 0, to: n, by: step))
        var mean = [Float](repeating: 0, count: d)
        for i in sample { for k in 0..<d { mean[k] += rows[i * d + k] } }
        for k in 0..<d { mean[k] /= Float(sample.count) }
        guard count > 0 else { return (mean, []) }
        var covariance = [Float](repeating: 0, count: d * d)
        var centred = [Float](repeating: 0, count: d)
        covariance.withUnsafeMutableBufferPointer { c in
            for i in sample {
                for k in 0..<d { centred[k] = rows[i * d + k] - mean[k] }
                centred.withUnsafeBufferPointer { x in
                    for k in 0..<d {
                        let xk = x[k], row = k * d
                        for l in 0..<d { c[row + l] += xk * x[l] }
                    }
                }
            }
        }
        var directions: [Float] = []
        for r in 0..<count {
            // A start that is not orthogonal to any direction: all ones, one coordinate raised.
            var u = [Float](repeating: 1, count: d)
            u[r % d] += 1
            for _ in 0..<50 {
                var next = [Float](repeating: 0, count: d)
                for k in 0..<d {
                    var dot: Float = 0
                    for l in 0..<d { dot += covariance[k * d + l] * u[l] }
                    next[k] = dot
                }
                let found = next.withUnsafeMutableBufferPointer { p in
                    projectOut(p, directions: directions, count: r)
                    return WordPieceVectors.normalize(p)
                }
                guard found else { return (mean, directions) }
                u = next
            }
            directions += u
        }
        return (mean, directions)
    }

    /// The index of `lines` (tokens and class index); lines with no known word piece are left
    /// out. The lines' mean and their top `sharedComponents` directions are taken out of
    /// every vector (`whiten`).
    public init(lines: [(tokens: [Token], label: Int)], classes: Int, vectors wordVectors: WordPieceVectors, weight: Float, sharedComponents: Int = 0) {
        self.init(dimensions: wordVectors.dimensions, classes: classes, codes: [], rowScales: [], labels: [], weight: weight)
        precondition(dimensions <= Self.maxDimensions, "the 8-bit scan sums in 32 bits up to \(Self.maxDimensions) numbers per row")
        let d = dimensions
        var pieces: [Int32] = []
        var row = [Float](repeating: 0, count: d)
        var rows: [Float] = [], rowLabels: [UInt16] = []
        rows.reserveCapacity(lines.count * d)
        for line in lines {
            wordVectors.pieces(line.tokens, into: &pieces)
            guard row.withUnsafeMutableBufferPointer({ wordVectors.lineVector(pieces, into: $0) }) else { continue }
            rows.append(contentsOf: row)
            rowLabels.append(UInt16(line.label))
        }
        (center, directions) = Self.sharedComponents(rows, dimensions: d, count: sharedComponents)
        codes.reserveCapacity(rows.count)
        rows.withUnsafeMutableBufferPointer { all in
            for i in rowLabels.indices {
                let row = UnsafeMutableBufferPointer(rebasing: all[i * d..<(i + 1) * d])
                // A row with nothing left after whitening is dropped.
                guard center.isEmpty || whiten(row) else { continue }
                let largest = row.reduce(Float(0)) { max($0, abs($1)) }
                let scale = largest > 0 ? largest / 127 : 1
                codes.append(contentsOf: row.lazy.map { Int8(($0 / scale).rounded()) })
                rowScales.append(scale)
                labels.append(rowLabels[i])
            }
        }
    }

    /// The query's 16-bit code of one number of a unit vector.
    static func queryCode(_ x: Float) -> Int16 { Int16((max(-1, min(1, x)) * queryScale).rounded()) }

    /// Per class: the cosine similarity of the line to that class's nearest training line
    /// (0 for a class with none, or when the line has no known word piece), unweighted.
    public func similarities(_ tokens: [Token], wordVectors: WordPieceVectors, scratch: inout IntentFeaturizer.Scratch) -> [Float] {
        wordVectors.pieces(tokens, into: &scratch.pieces)
        if scratch.dense.count != dimensions { scratch.dense = [Float](repeating: 0, count: dimensions) }
        guard scratch.dense.withUnsafeMutableBufferPointer({ wordVectors.lineVector(scratch.pieces, into: $0) && (center.isEmpty || whiten($0)) }) else { return [Float](repeating: 0, count: classes) }
        scratch.denseCodes.removeAll(keepingCapacity: true)
        scratch.denseCodes.append(contentsOf: scratch.dense.lazy.map(Self.queryCode))
        if scratch.rowDots.count < labels.count { scratch.rowDots = [Int32](repeating: 0, count: labels.count) }
        codes.withUnsafeBufferPointer { rows in
            scratch.denseCodes.withUnsafeBufferPointer { query in
                scratch.rowDots.withUnsafeMutableBufferPointer { dots in
                    guard let r = rows.baseAddress, let q = query.baseAddress, let out = dots.baseAddress else { return }
                    ck_dot_rows_i8(r, labels.count, dimensions, q, out)
                }
            }
        }
        var best = [Float](repeating: -.infinity, count: classes)
        for (i, dot) in scratch.rowDots.prefix(labels.count).enumerated() {
            let c = Int(labels[i]), similarity = Float(dot) * rowScales[i]
            if similarity > best[c] { best[c] = similarity }
        }
        return best.map { $0.isFinite ? $0 / Self.queryScale : 0 }
    }

    /// Adds `weight` × `similarities` to `z`.
    func addScores(_ tokens: [Token], wordVectors: WordPieceVectors, into z: inout [Float], scratch: inout IntentFeaturizer.Scratch) {
        let s = similarities(tokens, wordVectors: wordVectors, scratch: &scratch)
        for k in z.indices where k < s.count { z[k] += weight * s[k] }
    }
}
