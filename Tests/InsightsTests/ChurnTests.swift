import Commerce
import Foundation
import Testing
@testable import Insights

/// The package root, three levels up from this file.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite("Churn insights")
struct ChurnTests {
    static let day: Int64 = 86_400

    @Test("AUC has the hand-computed value", arguments: [
        ([0.1, 0.2, 0.8, 0.9], [false, false, true, true], 1.0),
        ([0.9, 0.8, 0.2, 0.1], [false, false, true, true], 0.0),
        ([0.5, 0.5, 0.5, 0.5], [false, true, false, true], 0.5),
        ([0.1, 0.6, 0.4, 0.9], [false, false, true, true], 0.75),
    ])
    func auc(scores: [Double], labels: [Bool], expected: Double) {
        #expect(areaUnderROC(scores: scores, labels: labels) == expected)
    }

    @Test("AUC is undefined with one class only")
    func aucOneClass() {
        #expect(areaUnderROC(scores: [0.1, 0.2], labels: [true, true]) == nil)
    }

    @Test("RFM quintiles rank values 1 to 5; ties share a quintile")
    func quintiles() {
        #expect(RFMScore.quintiles([10, 20, 30, 40, 50]) == [1, 2, 3, 4, 5])
        #expect(RFMScore.quintiles([5, 5, 5, 5, 9]) == [1, 1, 1, 1, 5])
    }

    @Test("features at a cutoff: recency, frequency, spend, usual gap and the 90-day trend")
    func features() {
        let cutoff: Int64 = 400 * Self.day
        let history = [
            Purchase(customer: "a", time: 100 * Self.day, amount: 10),
            Purchase(customer: "a", time: 130 * Self.day, amount: 20),
            Purchase(customer: "a", time: 160 * Self.day, amount: 30),
            Purchase(customer: "a", time: 450 * Self.day, amount: 99),  // after the cutoff: ignored
            Purchase(customer: "b", time: 390 * Self.day, amount: 5),
        ]
        let f = ChurnFeatures.at(cutoff: cutoff, purchases: history)
        #expect(f.map(\.customer) == ["a", "b"])
        #expect(f[0].recencyDays == 240)
        #expect(f[0].frequency == 3)
        #expect(f[0].monetary == 60)
        #expect(f[0].meanGapDays == 30)
        #expect(f[0].tenureDays == 300)
        #expect(f[1].meanGapDays == nil)
        #expect(f[1].recent90 == 1)
        let labels = ChurnFeatures.labels(f, cutoff: cutoff, horizonDays: 90, purchases: history)
        #expect(labels == [false, true])  // a buys again on day 450; b does not
    }

    @Test("logistic regression learns a planted rule and ranks held-out rows; an unfitted model does not")
    func logistic() {
        var rng = SplitMix(seed: 3)
        func sample() -> ([Double], Bool) {
            let x = [rng.unit() * 4 - 2, rng.unit() * 100, rng.unit()]
            return (x, 1.5 * x[0] - 0.02 * x[1] + 0.3 * (rng.unit() - 0.5) > -1)
        }
        let train = (0..<400).map { _ in sample() }
        let test = (0..<400).map { _ in sample() }
        let model = LogisticRegression.fit(train.map(\.0), labels: train.map(\.1))
        let auc = areaUnderROC(scores: test.map { model.probability($0.0) }, labels: test.map(\.1)) ?? 0
        #expect(auc > 0.97)
        let blank = LogisticRegression(means: model.means, scales: model.scales, weights: [0, 0, 0, 0])
        #expect(areaUnderROC(scores: test.map { blank.probability($0.0) }, labels: test.map(\.1)) == 0.5)
    }

    /// Regular buyers, some of whom stop at a random time; plus one-time buyers.
    static func syntheticHistory(seed: UInt64) -> [Purchase] {
        var rng = SplitMix(seed: seed)
        var out: [Purchase] = []
        for c in 0..<300 {
            let gap = 10 + rng.unit() * 50
            let start = rng.unit() * 100
            let stop = rng.unit() < 0.5 ? 730.0 : 120 + rng.unit() * 600
            var t = start
            while t < min(stop, 729) {
                out.append(Purchase(customer: "c\(c)", time: Int64(t * 86_400), amount: 20 + rng.unit() * 80))
                t += gap * (0.6 + rng.unit() * 0.8)
            }
        }
        return out
    }

    @Test("on a synthetic shop where regulars lapse, the model beats the RFM baseline and explains the at-risk")
    func synthetic() throws {
        let report = try ChurnAnalysis.run(purchases: Self.syntheticHistory(seed: 11), top: 10)
        #expect(report.auc > 0.8)
        #expect(report.auc > report.baselineAuc)
        #expect(!report.atRisk.isEmpty)
        let regular = try #require(report.atRisk.first { $0.frequency > 1 })
        #expect(regular.reason.hasPrefix("hasn't bought in \(regular.recencyDays) days, usually buys every"))
        #expect(!regular.offer.isEmpty)
        // Nobody who just bought gets a win-back offer.
        #expect(report.atRisk.allSatisfy { $0.recencyDays >= max(30, $0.usualGapDays ?? 30) })
        let json = try report.json()
        for key in ["\"auc\"", "\"baseline_auc\"", "\"customers\"", "\"at_risk\""] { #expect(json.contains(key)) }
    }

    @Test("a history shorter than two horizons is refused with the span it has")
    func tooShort() {
        let history = [Purchase(customer: "a", time: 0, amount: 1), Purchase(customer: "a", time: 100 * Self.day, amount: 1)]
        #expect(throws: ChurnError.self) { try ChurnAnalysis.run(purchases: history) }
    }

    @Test("a customer,date,amount file is read; a bad amount names the line")
    func simpleCSV() throws {
        let good = try PurchaseLog.simpleCSV(Array("customer,date,amount\nx,2024-01-02,10.5\ny,2024-01-01 10:00,3\n".utf8), source: "p.csv")
        #expect(good.map(\.customer) == ["y", "x"])
        #expect(good[1].amount == 10.5)
        #expect(throws: PurchaseLogError("p.csv:3: amount 'ten' is not a number")) {
            try PurchaseLog.simpleCSV(Array("customer,date,amount\nx,2024-01-02,1\nx,2024-01-03,ten\n".utf8), source: "p.csv")
        }
    }

    @Test("on the UCI retail log the model's AUC on the later period beats the RFM-score baseline")
    func retail() throws {
        let path = packageRoot.appendingPathComponent("../shared/datasets/retail/online_retail.csv.gz").standardized.path
        let history = try PurchaseLog.read(file: path)
        #expect(history.count > 15_000)
        let report = try ChurnAnalysis.run(purchases: history, top: 5)
        #expect(report.auc > report.baselineAuc)
        #expect(report.auc > 0.7)
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
