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
    /// Row-major, `dimensions` numbers per training line.
    public var vectors: [Float]
    /// The intent (class index) of each row.
    public var labels: [UInt16]
    /// What the scores are multiplied by before they join the linear models' scores.
    public var weight: Float
    /// Subtracted from every line vector before comparing (the training lines' mean), with
    /// `directions` (unit rows of `dimensions` numbers) projected out: the components all
    /// lines share, which would otherwise dominate every cosine. Empty: none.
    public var center: [Float]
    public var directions: [Float]

    public init(dimensions: Int, classes: Int, vectors: [Float], labels: [UInt16], weight: Float, center: [Float] = [], directions: [Float] = []) {
        self.dimensions = dimensions
        self.classes = classes
        self.vectors = vectors
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
        self.init(dimensions: wordVectors.dimensions, classes: classes, vectors: [], labels: [], weight: weight)
        var pieces: [Int32] = []
        var row = [Float](repeating: 0, count: dimensions)
        vectors.reserveCapacity(lines.count * dimensions)
        for line in lines {
            wordVectors.pieces(line.tokens, into: &pieces)
            guard row.withUnsafeMutableBufferPointer({ wordVectors.lineVector(pieces, into: $0) }) else { continue }
            vectors.append(contentsOf: row)
            labels.append(UInt16(line.label))
        }
        (center, directions) = Self.sharedComponents(vectors, dimensions: dimensions, count: sharedComponents)
        guard !center.isEmpty else { return }
        // Whitened in place; a row with nothing left is dropped by moving the next ones up.
        let d = dimensions
        // Moved out of `self` (no copy): `whiten` reads `self` while the rows are written.
        var rows = vectors, rowLabels = labels
        vectors = []; labels = []
        var kept = 0
        rows.withUnsafeMutableBufferPointer { all in
            for i in rowLabels.indices {
                let row = UnsafeMutableBufferPointer(rebasing: all[i * d..<(i + 1) * d])
                guard whiten(row) else { continue }
                if kept != i { for k in 0..<d { all[kept * d + k] = row[k] } }
                rowLabels[kept] = rowLabels[i]
                kept += 1
            }
        }
        vectors = Array(rows.prefix(kept * d))
        labels = Array(rowLabels.prefix(kept))
    }

    /// Per class: the cosine similarity of the line to that class's nearest training line
    /// (0 for a class with none, or when the line has no known word piece), unweighted.
    public func similarities(_ tokens: [Token], wordVectors: WordPieceVectors, scratch: inout IntentFeaturizer.Scratch) -> [Float] {
        wordVectors.pieces(tokens, into: &scratch.pieces)
        if scratch.dense.count != dimensions { scratch.dense = [Float](repeating: 0, count: dimensions) }
        guard scratch.dense.withUnsafeMutableBufferPointer({ wordVectors.lineVector(scratch.pieces, into: $0) && (center.isEmpty || whiten($0)) }) else { return [Float](repeating: 0, count: classes) }
        var best = [Float](repeating: -.infinity, count: classes)
        let d = dimensions
        scratch.dense.withUnsafeBufferPointer { q in
            vectors.withUnsafeBufferPointer { v in
                guard let qp = q.baseAddress, let vp = v.baseAddress else { return }
                let wide = d / 8 * 8
                for i in labels.indices {
                    let row = vp + i * d
                    // Eight lanes at a time: a plain loop would not vectorize (float sums are not reordered).
                    var acc = SIMD8<Float>()
                    var k = 0
                    while k < wide {
                        acc += UnsafeRawPointer(row + k).loadUnaligned(as: SIMD8<Float>.self) * UnsafeRawPointer(qp + k).loadUnaligned(as: SIMD8<Float>.self)
                        k += 8
                    }
                    var s = acc.sum()
                    while k < d { s += row[k] * qp[k]; k += 1 }
                    let c = Int(labels[i])
                    if s > best[c] { best[c] = s }
                }
            }
        }
        return best.map { $0.isFinite ? $0 : 0 }
    }

    /// Adds `weight` × `similarities` to `z`.
    func addScores(_ tokens: [Token], wordVectors: WordPieceVectors, into z: inout [Float], scratch: inout IntentFeaturizer.Scratch) {
        let s = similarities(tokens, wordVectors: wordVectors, scratch: &scratch)
        for k in z.indices where k < s.count { z[k] += weight * s[k] }
    }
}
