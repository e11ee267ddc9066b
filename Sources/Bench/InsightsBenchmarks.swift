import Commerce
import Foundation
import Insights

/// `bench report`: the KPI report over a store with 1,000,000 events (synthetic sessions with
/// searches, clicks, recommendations, purchases, fallbacks, two variants).
///
/// The store is built once at `--store` (default /tmp/shopassist-bench-report.sqlite) and reused.
public struct ReportBenchmark: Benchmark {
    public let name = "report"
    public let purpose = "KPIReport.build (overall, per variant, per day, misunderstood intents, one experiment) over 1,000,000 events"
    public init() {}

    public func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let path = options.storePath ?? "/tmp/shopassist-bench-report.sqlite"
        let store = try ShopStore.open(at: path)
        let target = 1_000_000
        let have = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0 }
        if have < target {
            progress("writing \(target - have) synthetic events to \(path) (once)…")
            try SyntheticEventLog.fill(store, events: target - have, seed: UInt64(have + 1))
        }
        let events = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0 }
        let experiment = Experiment(name: "synthetic", start: "2000-01-01", variants: [.init(name: "A", weight: 1), .init(name: "B", weight: 1)])
        var samples: [Double] = []
        var verdict = ""
        var sessions = 0
        for _ in 0..<(options.requests ?? 5) {
            var report: KPIReport?
            samples.append(try Stopwatch.milliseconds { report = try KPIReport.build(store: store, experiments: [experiment]) })
            verdict = report?.experiments.first?.verdict ?? ""
            sessions = report?.overall.sessions ?? 0
        }
        return [MeasurementSummary(name: "report", unit: "ms", samples: samples, notes: [
            "store": path, "events": String(events), "sessions": String(sessions), "verdict (B planted +20%)": verdict,
        ])]
    }
}
