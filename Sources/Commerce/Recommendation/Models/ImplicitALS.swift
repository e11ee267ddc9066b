import Foundation

/// Matrix factorisation for implicit feedback (Hu, Koren & Volinsky 2008), solved by alternating least squares
/// with a few conjugate-gradient steps per row (Takács et al. 2011), as the `implicit` library does.
///
/// Each (customer, item) pair the customer bought gets preference 1 and confidence `1 + alpha · r`, where `r`
/// sums the customer's baskets with that item, each weighted `0.5^(age / halfLifeDays)` so recent purchases
/// count more (popularity drifts in retail). Unbought pairs have preference 0 and confidence 1.
public struct ImplicitALS: RecommenderTrainer, Sendable {
    public var name: String
    public var factors: Int
    public var regularization: Float
    public var alpha: Float
    public var iterations: Int
    public var conjugateGradientSteps: Int
    public var halfLifeDays: Double?
    public var seed: UInt64

    public init(name: String = "als", factors: Int = 64, regularization: Float = 0.1, alpha: Float = 5, iterations: Int = 15,
                conjugateGradientSteps: Int = 3, halfLifeDays: Double? = nil, seed: UInt64 = 1) {
        self.name = name
        self.factors = factors
        self.regularization = regularization
        self.alpha = alpha
        self.iterations = iterations
        self.conjugateGradientSteps = conjugateGradientSteps
        self.halfLifeDays = halfLifeDays
        self.seed = seed
    }

    /// Learned factors: row-major, `factors` floats per user and per item.
    public struct Factors: Sendable {
        public var factors: Int
        public var users: [Float]
        public var items: [Float]
    }

    public func train(_ data: InteractionMatrix) -> any ItemScorer {
        Scorer(model: fit(data))
    }

    /// Learns user and item factors.
    public func fit(_ data: InteractionMatrix) -> Factors {
        let f = factors
        let byUser = data.weightedUserItems(halfLifeDays: halfLifeDays)
        // CSR for users, and its transpose for items, confidence minus one stored.
        var userStart = [Int](repeating: 0, count: data.userCount + 1)
        var userCols: [Int32] = []
        var userConf: [Float] = []
        for (u, row) in byUser.enumerated() {
            for (i, w) in row {
                userCols.append(i)
                userConf.append(alpha * w)
            }
            userStart[u + 1] = userCols.count
        }
        var itemStart = [Int](repeating: 0, count: data.itemCount + 1)
        for i in userCols { itemStart[Int(i) + 1] += 1 }
        for i in 0..<data.itemCount { itemStart[i + 1] += itemStart[i] }
        var fill = itemStart
        var itemCols = [Int32](repeating: 0, count: userCols.count)
        var itemConf = [Float](repeating: 0, count: userCols.count)
        for u in 0..<data.userCount {
            for k in userStart[u]..<userStart[u + 1] {
                let i = Int(userCols[k])
                itemCols[fill[i]] = Int32(u)
                itemConf[fill[i]] = userConf[k]
                fill[i] += 1
            }
        }
        var rng = SplitMix64(seed: seed)
        var x = (0..<(data.userCount * f)).map { _ in Float(rng.nextGaussian() * 0.01) }
        var y = (0..<(data.itemCount * f)).map { _ in Float(rng.nextGaussian() * 0.01) }
        for _ in 0..<iterations {
            Self.solve(&x, fixed: y, start: userStart, cols: userCols, conf: userConf, f: f, reg: regularization, steps: conjugateGradientSteps)
            Self.solve(&y, fixed: x, start: itemStart, cols: itemCols, conf: itemConf, f: f, reg: regularization, steps: conjugateGradientSteps)
        }
        return Factors(factors: f, users: x, items: y)
    }

    /// One half-step: a few CG iterations per row of `x` against the fixed side, warm-started from `x`.
    static func solve(_ x: inout [Float], fixed y: [Float], start: [Int], cols: [Int32], conf: [Float], f: Int, reg: Float, steps: Int) {
        let rows = start.count - 1
        let fixedRows = y.count / f
        // YtY + reg·I
        var yty = [Float](repeating: 0, count: f * f)
        y.withUnsafeBufferPointer { Y in
            yty.withUnsafeMutableBufferPointer { A in
                for r in 0..<fixedRows {
                    let row = Y.baseAddress! + r * f
                    for a in 0..<f {
                        let va = row[a]
                        let dst = A.baseAddress! + a * f
                        for b in 0..<f { dst[b] += va * row[b] }
                    }
                }
                for a in 0..<f { A[a * f + a] += reg }
            }
        }
        var r = [Float](repeating: 0, count: f)
        var p = [Float](repeating: 0, count: f)
        var ap = [Float](repeating: 0, count: f)
        x.withUnsafeMutableBufferPointer { X in
            y.withUnsafeBufferPointer { Y in
                yty.withUnsafeBufferPointer { A in
                    r.withUnsafeMutableBufferPointer { R in
                        p.withUnsafeMutableBufferPointer { P in
                            ap.withUnsafeMutableBufferPointer { AP in
                                for u in 0..<rows {
                                    let xu = X.baseAddress! + u * f
                                    let lo = start[u], hi = start[u + 1]
                                    if lo == hi {
                                        for a in 0..<f { xu[a] = 0 }
                                        continue
                                    }
                                    // r = b - A x, with b = Σ c_i y_i and A = YtY + reg I + Σ (c_i - 1) y_i y_iᵀ
                                    matVec(A.baseAddress!, xu, R.baseAddress!, f)
                                    for a in 0..<f { R[a] = -R[a] }
                                    for k in lo..<hi {
                                        let yi = Y.baseAddress! + Int(cols[k]) * f
                                        let c1 = conf[k]
                                        let coef = (1 + c1) - c1 * dot(yi, xu, f)
                                        for a in 0..<f { R[a] += coef * yi[a] }
                                    }
                                    for a in 0..<f { P[a] = R[a] }
                                    var rsold = dot(R.baseAddress!, R.baseAddress!, f)
                                    if rsold < 1e-20 { continue }
                                    for _ in 0..<steps {
                                        matVec(A.baseAddress!, P.baseAddress!, AP.baseAddress!, f)
                                        for k in lo..<hi {
                                            let yi = Y.baseAddress! + Int(cols[k]) * f
                                            let coef = conf[k] * dot(yi, P.baseAddress!, f)
                                            for a in 0..<f { AP[a] += coef * yi[a] }
                                        }
                                        let denom = dot(P.baseAddress!, AP.baseAddress!, f)
                                        if denom <= 0 { break }
                                        let step = rsold / denom
                                        for a in 0..<f {
                                            xu[a] += step * P[a]
                                            R[a] -= step * AP[a]
                                        }
                                        let rsnew = dot(R.baseAddress!, R.baseAddress!, f)
                                        if rsnew < 1e-20 { break }
                                        let beta = rsnew / rsold
                                        for a in 0..<f { P[a] = R[a] + beta * P[a] }
                                        rsold = rsnew
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    struct Scorer: ItemScorer {
        let model: Factors
        func score(user: Int, into scores: inout [Float]) {
            let f = model.factors
            guard user >= 0, (user + 1) * f <= model.users.count else {
                for k in scores.indices { scores[k] = 0 }
                return
            }
            model.users.withUnsafeBufferPointer { X in
                model.items.withUnsafeBufferPointer { Y in
                    let xu = X.baseAddress! + user * f
                    for i in 0..<min(scores.count, Y.count / f) { scores[i] = dot(xu, Y.baseAddress! + i * f, f) }
                }
            }
        }
    }
}

@inline(__always) func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
    var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
    var k = 0
    while k + 4 <= n {
        s0 += a[k] * b[k]; s1 += a[k + 1] * b[k + 1]; s2 += a[k + 2] * b[k + 2]; s3 += a[k + 3] * b[k + 3]
        k += 4
    }
    while k < n { s0 += a[k] * b[k]; k += 1 }
    return (s0 + s1) + (s2 + s3)
}

@inline(__always) func dot(_ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, _ n: Int) -> Float {
    dot(UnsafePointer(a), UnsafePointer(b), n)
}

@inline(__always) func dot(_ a: UnsafePointer<Float>, _ b: UnsafeMutablePointer<Float>, _ n: Int) -> Float {
    dot(a, UnsafePointer(b), n)
}

@inline(__always) func matVec(_ a: UnsafePointer<Float>, _ v: UnsafeMutablePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
    for r in 0..<n { out[r] = dot(a + r * n, UnsafePointer(v), n) }
}

/// A small seeded generator (SplitMix64), so trained models are the same on every run with the same seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A standard normal sample (Box–Muller).
    public mutating func nextGaussian() -> Double {
        let u1 = max(Double(next() >> 11) / Double(1 << 53), 1e-300)
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
