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

    public init(dimensions: Int, classes: Int, vectors: [Float], labels: [UInt16], weight: Float) {
        self.dimensions = dimensions
        self.classes = classes
        self.vectors = vectors
        self.labels = labels
        self.weight = weight
    }

    /// The index of `lines` (tokens and class index); lines with no known word piece are left out.
    public init(lines: [(tokens: [Token], label: Int)], classes: Int, vectors wordVectors: WordPieceVectors, weight: Float) {
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
    }

    /// Per class: the cosine similarity of the line to that class's nearest training line
    /// (0 for a class with none, or when the line has no known word piece), unweighted.
    public func similarities(_ tokens: [Token], wordVectors: WordPieceVectors, scratch: inout IntentFeaturizer.Scratch) -> [Float] {
        wordVectors.pieces(tokens, into: &scratch.pieces)
        if scratch.dense.count != dimensions { scratch.dense = [Float](repeating: 0, count: dimensions) }
        guard scratch.dense.withUnsafeMutableBufferPointer({ wordVectors.lineVector(scratch.pieces, into: $0) }) else { return [Float](repeating: 0, count: classes) }
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
