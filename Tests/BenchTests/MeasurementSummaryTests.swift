import Testing
@testable import Bench

@Suite("Measurement summaries")
struct MeasurementSummaryTests {
    @Test("percentiles use the nearest rank over 100 samples")
    func nearestRank() {
        let summary = MeasurementSummary(name: "x", unit: "ms", samples: (1...100).map(Double.init).shuffled())
        #expect(summary.n == 100)
        #expect(summary.median == 50)
        #expect(summary.p90 == 90)
        #expect(summary.p99 == 99)
        #expect(summary.max == 100)
    }

    @Test("no samples give zeros, not a crash")
    func empty() {
        let summary = MeasurementSummary(name: "x", unit: "ms", samples: [])
        #expect(summary.n == 0 && summary.median == 0 && summary.max == 0)
    }
}
