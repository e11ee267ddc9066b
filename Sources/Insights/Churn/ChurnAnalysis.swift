import Commerce
import Foundation

/// A customer the model thinks is slipping away, with why and what to offer.
public struct AtRiskCustomer: Sendable, Hashable, Codable {
    public var customer: String
    /// Probability of no purchase in the next 90 days.
    public var probability: Double
    public var recencyDays: Int
    public var frequency: Int
    public var monetary: Double
    public var usualGapDays: Int?
    /// Plain words, e.g. "hasn't bought in 140 days, usually buys every 30".
    public var reason: String
    /// A suggested win-back offer fitting the customer's value and habit.
    public var offer: String

    enum CodingKeys: String, CodingKey {
        case customer, probability, frequency, monetary, reason, offer
        case recencyDays = "recency_days"
        case usualGapDays = "usual_gap_days"
    }
}

/// The outcome of `ChurnAnalysis.run`: model quality on the later period and who is at risk now.
public struct ChurnReport: Sendable, Codable {
    /// AUC of the logistic model, trained on the earlier split and scored on the later one.
    public var auc: Double
    /// AUC of the RFM-score baseline on the same later split.
    public var baselineAuc: Double
    /// Customers with a purchase before "now" (the end of the data).
    public var customers: Int
    public var horizonDays: Int
    public var trainCutoff: String
    public var testCutoff: String
    public var now: String
    public var trainCustomers: Int
    public var testCustomers: Int
    public var trainChurnRate: Double
    public var testChurnRate: Double
    /// Feature name → weight of the model used for `atRisk` (standardized units).
    public var coefficients: [String: Double]
    public var atRisk: [AtRiskCustomer]
    /// Customers above the risk threshold: 0.5, or twice the later period's churn rate when
    /// that is lower (atRisk is the top of them).
    public var atRiskTotal: Int

    enum CodingKeys: String, CodingKey {
        case auc, customers, coefficients, now
        case baselineAuc = "baseline_auc"
        case horizonDays = "horizon_days"
        case trainCutoff = "train_cutoff"
        case testCutoff = "test_cutoff"
        case trainCustomers = "train_customers"
        case testCustomers = "test_customers"
        case trainChurnRate = "train_churn_rate"
        case testChurnRate = "test_churn_rate"
        case atRisk = "at_risk"
        case atRiskTotal = "at_risk_total"
    }
}

/// Why a churn analysis cannot run on the given history.
public struct ChurnError: Error, CustomStringConvertible, Equatable {
    public var description: String
}

/// Churn prediction on a time split.
///
/// With `now` the last purchase in the data and `H` the horizon (90 days): the model is trained
/// on features at `now − 2H` labelled by the window `[now − 2H, now − H)`, and its AUC is measured
/// on features at `now − H` labelled by `[now − H, now)` — data it never saw. The at-risk list
/// comes from a model refitted on that later window and applied to features at `now`.
public enum ChurnAnalysis {
    public static func run(purchases: [Purchase], horizonDays: Int = 90, top: Int = 25, threshold: Double = 0.5, snapshots: Int = 4) throws -> ChurnReport {
        guard let last = purchases.map(\.time).max(), let first = purchases.map(\.time).min() else {
            throw ChurnError(description: "no purchases by known customers; nothing to learn from")
        }
        let now = last + 1
        let h = Int64(horizonDays) * 86_400
        let testCutoff = now - h
        let trainCutoff = now - 2 * h
        guard trainCutoff > first else {
            let days = (last - first) / 86_400
            throw ChurnError(description: "the history spans \(days) days; a churn split with a \(horizonDays)-day horizon needs more than \(2 * horizonDays) (use a shorter --horizon)")
        }
        // Several snapshots a month apart, every label window closed before the test cutoff:
        // more rows, and a model less tied to one season.
        var train: [ChurnFeatures] = []
        var trainLabels: [Bool] = []
        for k in 0..<snapshots {
            let cutoff = trainCutoff - Int64(k) * 30 * 86_400
            guard cutoff > first + 30 * 86_400 || k == 0 else { break }
            let rows = ChurnFeatures.at(cutoff: cutoff, purchases: purchases)
            train += rows
            trainLabels += ChurnFeatures.labels(rows, cutoff: cutoff, horizonDays: horizonDays, purchases: purchases)
        }
        let test = ChurnFeatures.at(cutoff: testCutoff, purchases: purchases)
        let testLabels = ChurnFeatures.labels(test, cutoff: testCutoff, horizonDays: horizonDays, purchases: purchases)
        guard Set(trainLabels).count == 2 else {
            throw ChurnError(description: "the training window (before \(StorageDate.dayString(trainCutoff))) has \(train.count) customers all labelled the same; need both churned and retained customers")
        }
        let model = LogisticRegression.fit(train.map(\.vector), labels: trainLabels)
        let scores = test.map { model.probability($0.vector) }
        guard let auc = areaUnderROC(scores: scores, labels: testLabels),
              let baseline = areaUnderROC(scores: RFMScore.churnScores(test), labels: testLabels) else {
            throw ChurnError(description: "the test window (from \(StorageDate.dayString(testCutoff))) has customers of one class only; cannot measure AUC")
        }
        // Refit on the latest labelled window for today's scores.
        let current = Set(testLabels).count == 2 ? LogisticRegression.fit(test.map(\.vector), labels: testLabels) : model
        let today = ChurnFeatures.at(cutoff: now, purchases: purchases)
        // In a shop where few churn, "at risk" means twice the usual rate, not a coin flip.
        let cut = min(threshold, 2 * rate(testLabels))
        let risky = today.map { ($0, current.probability($0.vector)) }.filter { $0.1 >= cut && overdue($0.0) }
        // Most valuable first: the expected loss is what a win-back offer can save.
        let ranked = risky.sorted { ($0.1 * $0.0.monetary, $1.0.customer) > ($1.1 * $1.0.monetary, $0.0.customer) }
        let monetaryValues = today.map(\.monetary).sorted()
        let highValue = monetaryValues.isEmpty ? 0 : monetaryValues[min(monetaryValues.count - 1, monetaryValues.count * 4 / 5)]
        return ChurnReport(
            auc: auc, baselineAuc: baseline, customers: today.count, horizonDays: horizonDays,
            trainCutoff: StorageDate.dayString(trainCutoff), testCutoff: StorageDate.dayString(testCutoff), now: StorageDate.dayString(now),
            trainCustomers: train.count, testCustomers: test.count,
            trainChurnRate: rate(trainLabels), testChurnRate: rate(testLabels),
            coefficients: Dictionary(uniqueKeysWithValues: zip(ChurnFeatures.names, current.weights.dropFirst())),
            atRisk: ranked.prefix(top).map { describe($0.0, probability: $0.1, highValue: highValue) },
            atRiskTotal: risky.count
        )
    }

    /// The reason and the offer for one at-risk customer.
    public static func describe(_ f: ChurnFeatures, probability: Double, highValue: Double) -> AtRiskCustomer {
        let recency = Int(f.recencyDays.rounded())
        let gap = f.meanGapDays.map { Int($0.rounded()) }
        var reason: String
        if let gap, f.frequency > 1 {
            reason = "hasn't bought in \(recency) days, usually buys every \(max(gap, 1))"
        } else {
            reason = "bought once, \(recency) days ago, and not since"
        }
        if f.previous90 > f.recent90 && f.previous90 > 0 {
            reason += "; \(f.recent90) purchase\(f.recent90 == 1 ? "" : "s") in the last 90 days against \(f.previous90) in the 90 before"
        }
        let offer: String
        if f.monetary >= highValue && f.frequency > 1 {
            offer = "personal note with 15% off the next order and free shipping (high-value regular)"
        } else if f.frequency >= 3 {
            offer = "reminder of their usual items with 10% off a reorder"
        } else if f.frequency == 1 {
            offer = "welcome-back code: 10% off a second order, with picks based on the first"
        } else {
            offer = "free shipping on the next order plus new arrivals in the categories they bought"
        }
        return AtRiskCustomer(
            customer: f.customer, probability: (probability * 1000).rounded() / 1000, recencyDays: recency,
            frequency: f.frequency, monetary: (f.monetary * 100).rounded() / 100, usualGapDays: gap,
            reason: reason, offer: offer
        )
    }

    /// A win-back offer only makes sense once a customer is past their own rhythm (or a month
    /// for one-time buyers): someone who bought yesterday is not lapsing, whatever the score.
    static func overdue(_ f: ChurnFeatures) -> Bool {
        f.recencyDays >= max(30, f.meanGapDays ?? 30)
    }

    static func rate(_ labels: [Bool]) -> Double {
        labels.isEmpty ? 0 : Double(labels.filter { $0 }.count) / Double(labels.count)
    }

}
