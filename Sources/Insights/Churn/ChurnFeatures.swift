import Foundation

/// What a customer's history looks like at a cutoff: recency, frequency, monetary value and
/// the shape of their buying rhythm, all computed from purchases strictly before the cutoff.
public struct ChurnFeatures: Sendable, Hashable {
    public var customer: String
    /// Days since the last purchase.
    public var recencyDays: Double
    /// Number of purchases.
    public var frequency: Int
    /// Total spent.
    public var monetary: Double
    /// Days since the first purchase.
    public var tenureDays: Double
    /// Mean days between consecutive purchases; nil with a single purchase.
    public var meanGapDays: Double?
    /// Purchases in the 90 days before the cutoff.
    public var recent90: Int
    /// Purchases in the 90 days before those.
    public var previous90: Int
    /// Purchases in the 30 days before the cutoff.
    public var recent30: Int = 0

    /// The names of `vector` entries, in order.
    public static let names = [
        "log_recency", "log_frequency", "log_monetary", "log_tenure", "log_gap",
        "overdue", "recent_90", "trend", "single_purchase", "log_order_value", "recent_30", "log_recency_squared", "recency_x_frequency",
    ]

    /// The model's inputs: logs tame the long tails of the retail log; `overdue` is recency in
    /// units of the customer's own rhythm, the strongest single signal of a lapse.
    public var vector: [Double] {
        let gap = meanGapDays ?? max(tenureDays, 30)
        return [
            log1p(recencyDays),
            log1p(Double(frequency)),
            log1p(max(monetary, 0)),
            log1p(tenureDays),
            log1p(gap),
            log1p(recencyDays / max(gap, 1)),
            log1p(Double(recent90)),
            Double(recent90 - previous90),
            frequency == 1 ? 1 : 0,
            log1p(max(monetary, 0) / Double(max(frequency, 1))),
            log1p(Double(recent30)),
            log1p(recencyDays) * log1p(recencyDays),
            log1p(recencyDays) * log1p(Double(frequency)),
        ]
    }

    /// Features of every customer with at least one purchase before `cutoff` (seconds).
    public static func at(cutoff: Int64, purchases: [Purchase]) -> [ChurnFeatures] {
        var byCustomer: [String: [Purchase]] = [:]
        for p in purchases where p.time < cutoff { byCustomer[p.customer, default: []].append(p) }
        let day = 86_400.0
        return byCustomer.keys.sorted().compactMap { id in
            guard let list = byCustomer[id]?.sorted(by: { $0.time < $1.time }), let first = list.first, let last = list.last else { return nil }
            // Same-day purchases count once for the rhythm, so a split basket is not "every 0 days".
            let days = Array(Set(list.map { $0.time / 86_400 })).sorted()
            let gap: Double? = days.count > 1 ? Double(days[days.count - 1] - days[0]) / Double(days.count - 1) : nil
            let recent = list.filter { Double(cutoff - $0.time) <= 90 * day }.count
            let previous = list.filter { let age = Double(cutoff - $0.time); return age > 90 * day && age <= 180 * day }.count
            return ChurnFeatures(
                customer: id,
                recencyDays: Double(cutoff - last.time) / day,
                frequency: list.count,
                monetary: list.reduce(0) { $0 + $1.amount },
                tenureDays: Double(cutoff - first.time) / day,
                meanGapDays: gap,
                recent90: recent,
                previous90: previous,
                recent30: list.filter { Double(cutoff - $0.time) <= 30 * day }.count
            )
        }
    }

    /// Customers (of `features`) who bought nothing in `[cutoff, cutoff + horizon)`: label 1 = churned.
    public static func labels(_ features: [ChurnFeatures], cutoff: Int64, horizonDays: Int, purchases: [Purchase]) -> [Bool] {
        let end = cutoff + Int64(horizonDays) * 86_400
        var active = Set<String>()
        for p in purchases where p.time >= cutoff && p.time < end { active.insert(p.customer) }
        return features.map { !active.contains($0.customer) }
    }
}

/// The classic RFM score (quintiles 1–5 of recency, frequency and monetary, summed), turned
/// into a churn score: a low RFM score means likely to churn. It is the baseline the model must beat.
public enum RFMScore {
    /// Churn scores (higher = more likely to churn), quintiles taken within `features`.
    public static func churnScores(_ features: [ChurnFeatures]) -> [Double] {
        let r = quintiles(features.map { -$0.recencyDays })  // recent = high
        let f = quintiles(features.map { Double($0.frequency) })
        let m = quintiles(features.map(\.monetary))
        return features.indices.map { 15 - Double(r[$0] + f[$0] + m[$0]) }
    }

    /// Quintile 1…5 of each value by rank (ties share the rank of their first member).
    static func quintiles(_ values: [Double]) -> [Int] {
        let n = values.count
        guard n > 0 else { return [] }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var out = [Int](repeating: 1, count: n)
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && values[order[j + 1]] == values[order[i]] { j += 1 }
            let q = min(5, 1 + (i * 5) / n)
            for k in i...j { out[order[k]] = q }
            i = j + 1
        }
        return out
    }
}
