import Foundation

/// Proportions, intervals and tests for A/B comparisons of rates (conversion, click-through).
public enum ABStatistics {
    /// The 95% Wilson score interval of `successes / trials`.
    ///
    /// Why Wilson: unlike the normal approximation it stays inside [0, 1] and behaves with
    /// small counts and rates near 0, which is where early experiments live.
    public static func wilson(successes: Int, trials: Int, z: Double = 1.959964) -> (low: Double, high: Double) {
        guard trials > 0 else { return (0, 1) }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * ((p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()) / (1 + z2 / n)
        return (max(0, centre - half), min(1, centre + half))
    }

    /// Two-sided p-value of the pooled two-proportion z-test; 1 when it cannot be computed.
    public static func twoProportionPValue(successesA: Int, trialsA: Int, successesB: Int, trialsB: Int) -> Double {
        guard trialsA > 0, trialsB > 0 else { return 1 }
        let na = Double(trialsA), nb = Double(trialsB)
        let pa = Double(successesA) / na, pb = Double(successesB) / nb
        let pooled = Double(successesA + successesB) / (na + nb)
        let se = (pooled * (1 - pooled) * (1 / na + 1 / nb)).squareRoot()
        guard se > 0 else { return 1 }
        let z = abs(pb - pa) / se
        return erfc(z / 2.0.squareRoot())
    }

    /// Units per variant needed to detect a relative lift `relativeEffect` over `baseline`
    /// with a two-sided test at `alpha` = 0.05 and power 0.8.
    public static func sampleSizePerVariant(baseline: Double, relativeEffect: Double = 0.10) -> Int {
        let p1 = min(max(baseline, 1e-4), 1 - 1e-4)
        let p2 = min(p1 * (1 + relativeEffect), 1 - 1e-4)
        let zAlpha = 1.959964, zBeta = 0.841621
        let pBar = (p1 + p2) / 2
        let a = zAlpha * (2 * pBar * (1 - pBar)).squareRoot()
        let b = zBeta * (p1 * (1 - p1) + p2 * (1 - p2)).squareRoot()
        let d = p2 - p1
        guard d > 0 else { return Int.max }
        return Int(((a + b) * (a + b) / (d * d)).rounded(.up))
    }
}

/// One arm of an experiment with its rate and 95% interval.
public struct VariantResult: Sendable, Hashable, Codable {
    public var variant: String
    public var units: Int
    public var successes: Int
    public var rate: Double
    public var low: Double
    public var high: Double

    public init(variant: String, units: Int, successes: Int) {
        self.variant = variant; self.units = units; self.successes = successes
        rate = units > 0 ? Double(successes) / Double(units) : 0
        (low, high) = ABStatistics.wilson(successes: successes, trials: units)
    }
}

/// The judgement of one experiment: every variant against the first (the control).
public struct ExperimentResult: Sendable, Hashable, Codable {
    public var experiment: String
    public var metric: String
    public var variants: [VariantResult]
    /// p-value of the best challenger against the control.
    public var pValue: Double
    /// Relative difference of that challenger against the control (0.12 = 12% better).
    public var lift: Double
    public var significant: Bool
    /// Plain words: "B converts 12% better, p = 0.03" or "no difference yet; …".
    public var verdict: String

    enum CodingKeys: String, CodingKey {
        case experiment, metric, variants, lift, significant, verdict
        case pValue = "p_value"
    }

    /// Compares the variants; `alpha` is the significance level.
    public init(experiment: String, metric: String, variants: [VariantResult], alpha: Double = 0.05) {
        self.experiment = experiment
        self.metric = metric
        self.variants = variants
        guard let control = variants.first, variants.count >= 2 else {
            pValue = 1; lift = 0; significant = false
            verdict = "not enough variants with data"
            return
        }
        let challengers = variants.dropFirst().map { v -> (VariantResult, Double) in
            (v, ABStatistics.twoProportionPValue(successesA: control.successes, trialsA: control.units, successesB: v.successes, trialsB: v.units))
        }
        let best = challengers.min { $0.1 < $1.1 } ?? (control, 1)
        pValue = best.1
        lift = control.rate > 0 ? best.0.rate / control.rate - 1 : 0
        significant = pValue < alpha && control.units > 0 && best.0.units > 0
        let verb = Self.verb(metric)
        if significant {
            let (winner, loser, relative) = best.0.rate >= control.rate
                ? (best.0.variant, control.variant, lift)
                : (control.variant, best.0.variant, control.rate / max(best.0.rate, 1e-12) - 1)
            verdict = String(format: "%@ %@ %.0f%% better than %@, p = %@", winner, verb, relative * 100, loser, Self.formatP(pValue))
        } else {
            let needed = ABStatistics.sampleSizePerVariant(baseline: control.rate > 0 ? control.rate : 0.01)
            let have = variants.map(\.units).min() ?? 0
            let more = max(0, needed - have) * variants.count
            verdict = more > 0
                ? "no difference yet (p = \(Self.formatP(pValue))); about \(more) more \(metric == "conversion" ? "sessions" : "exposures") needed to detect a 10% effect"
                : "no difference (p = \(Self.formatP(pValue))) with enough data to detect a 10% effect"
        }
    }

    static func verb(_ metric: String) -> String {
        switch metric {
        case "conversion": "converts"
        case "recommendation_acceptance": "gets recommendations accepted"
        case "recommendation_engagement": "gets recommendations clicked in more sessions,"
        default: "gets clicks"
        }
    }

    static func formatP(_ p: Double) -> String {
        p < 0.001 ? "< 0.001" : String(format: "%.3f", p)
    }
}
