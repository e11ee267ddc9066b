import Foundation

/// A binary logistic regression on standardized features, fitted by Newton's method (IRLS)
/// with a small L2 penalty.
///
/// Why Newton: with a handful of features the Hessian is tiny, so a few exact steps converge
/// deterministically, with no learning rate to tune.
public struct LogisticRegression: Sendable, Hashable {
    /// Per-feature mean and standard deviation of the training data.
    public var means: [Double]
    public var scales: [Double]
    /// `weights[0]` is the intercept; the rest pair with the standardized features.
    public var weights: [Double]

    /// Fits the model; `labels[i]` true is the positive class.
    public static func fit(_ rows: [[Double]], labels: [Bool], l2: Double = 1e-3, iterations: Int = 25) -> LogisticRegression {
        let d = rows.first?.count ?? 0
        let n = Double(max(rows.count, 1))
        var means = [Double](repeating: 0, count: d)
        var scales = [Double](repeating: 1, count: d)
        for j in 0..<d {
            let mean = rows.reduce(0) { $0 + $1[j] } / n
            let variance = rows.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) } / n
            means[j] = mean
            scales[j] = variance > 1e-12 ? variance.squareRoot() : 1
        }
        var model = LogisticRegression(means: means, scales: scales, weights: [Double](repeating: 0, count: d + 1))
        let xs = rows.map { [1.0] + model.standardize($0) }
        let y = labels.map { $0 ? 1.0 : 0.0 }
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: d + 1)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: d + 1), count: d + 1)
            for (i, x) in xs.enumerated() {
                let p = sigmoid(dot(model.weights, x))
                let w = max(p * (1 - p), 1e-9)
                for a in 0...d {
                    gradient[a] += (p - y[i]) * x[a]
                    for b in a...d { hessian[a][b] += w * x[a] * x[b] }
                }
            }
            for a in 0...d {
                for b in 0..<a { hessian[a][b] = hessian[b][a] }
                if a > 0 {
                    gradient[a] += l2 * n * model.weights[a]
                    hessian[a][a] += l2 * n
                }
                hessian[a][a] += 1e-9
            }
            guard let step = solve(hessian, gradient) else { break }
            var change = 0.0
            for a in 0...d {
                model.weights[a] -= step[a]
                change = max(change, abs(step[a]))
            }
            if change < 1e-8 { break }
        }
        return model
    }

    func standardize(_ x: [Double]) -> [Double] {
        x.indices.map { (x[$0] - means[$0]) / scales[$0] }
    }

    /// The probability of the positive class.
    public func probability(_ x: [Double]) -> Double {
        Self.sigmoid(Self.dot(weights, [1.0] + standardize(x)))
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-max(min(z, 40), -40))) }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    /// Solves `A x = b` by Gaussian elimination with partial pivoting; nil if singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        var m = a
        var v = b
        for col in 0..<n {
            var pivot = col
            for r in (col + 1)..<max(n, col + 1) where abs(m[r][col]) > abs(m[pivot][col]) { pivot = r }
            guard abs(m[pivot][col]) > 1e-12 else { return nil }
            m.swapAt(col, pivot)
            v.swapAt(col, pivot)
            for r in (col + 1)..<max(n, col + 1) {
                let f = m[r][col] / m[col][col]
                if f == 0 { continue }
                for c in col..<n { m[r][c] -= f * m[col][c] }
                v[r] -= f * v[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = v[r]
            for c in (r + 1)..<max(n, r + 1) { s -= m[r][c] * x[c] }
            x[r] = s / m[r][r]
        }
        return x
    }
}

/// Area under the ROC curve: the chance a random positive scores above a random negative
/// (ties count half). Nil when either class is empty.
public func areaUnderROC(scores: [Double], labels: [Bool]) -> Double? {
    let positives = labels.filter { $0 }.count
    let negatives = labels.count - positives
    guard positives > 0, negatives > 0 else { return nil }
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var rankSumPositive = 0.0
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
        let averageRank = Double(i + j) / 2 + 1
        for k in i...j where labels[order[k]] { rankSumPositive += averageRank }
        i = j + 1
    }
    let p = Double(positives)
    return (rankSumPositive - p * (p + 1) / 2) / (p * Double(negatives))
}
