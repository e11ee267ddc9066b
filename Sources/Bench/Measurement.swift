import Commerce
import Foundation

/// The summary of one measurement: what `shopassist bench` prints.
///
/// With `--json` each summary is printed as one JSON object on its own line:
/// `{"name":"fts","unit":"ms","n":1000,"median":0.41,"p90":0.9,"p99":2.3,"max":4.0}`.
public struct MeasurementSummary: Codable, Sendable, Equatable {
    public var name: String
    public var unit: String
    public var n: Int
    public var median: Double
    public var p90: Double
    public var p99: Double
    public var max: Double
    /// Free-form facts about the run (data set, sizes), shown under the table and kept in JSON.
    public var notes: [String: String]?

    public init(name: String, unit: String, samples: [Double], notes: [String: String]? = nil) {
        let sorted = samples.sorted()
        self.name = name
        self.unit = unit
        self.n = sorted.count
        self.median = Self.percentile(sorted, 0.50)
        self.p90 = Self.percentile(sorted, 0.90)
        self.p99 = Self.percentile(sorted, 0.99)
        self.max = sorted.last ?? 0
        self.notes = notes
    }

    /// Nearest-rank percentile of sorted samples (0 when there are none).
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}

/// Times closures with a monotonic clock.
///
/// Wall time by default (what a shopper waits). With `SHOPASSIST_BENCH_CLOCK=thread-cpu`
/// it counts the calling thread's CPU time instead: on a machine busy with other work,
/// that compares two builds without the time spent waiting for a core (the figures to
/// quote are still wall time on an idle machine).
public struct Stopwatch: Sendable {
    public init() {}

    /// Whether this process measures thread CPU time (`SHOPASSIST_BENCH_CLOCK=thread-cpu`).
    public static let usesThreadCPUTime = ProcessInfo.processInfo.environment["SHOPASSIST_BENCH_CLOCK"] == "thread-cpu"

    /// Runs `body` once and returns its wall time (or thread CPU time) in milliseconds.
    @discardableResult
    public static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return Double(now() - start) / 1_000_000
    }

    static func now() -> UInt64 {
        guard usesThreadCPUTime else { return DispatchTime.now().uptimeNanoseconds }
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }
}

extension BenchOptions {
    /// The store a shop-level bench runs on (`--store`, else a demo shop of `products`
    /// in the temporary folder named after the bench), built once — with the recommender's
    /// statistics, as a first run of the assistant would — when it has no catalog yet.
    func demoShop(for bench: String, products: Int, progress: (String) -> Void) throws -> String {
        let path = storePath ?? FileManager.default.temporaryDirectory.appendingPathComponent("shopassist-bench-\(bench)-\(products).sqlite").path
        if !ShopStore.hasCatalog(at: path) {
            progress("building a demo shop of \(products) products at \(path) (once)…")
            try DemoShop.build(at: path, options: DemoShopOptions(seed: 42, products: products, customers: max(200, products / 100),
                                                                  orders: max(2_000, products / 20)), replace: true)
            _ = try RecommendationStatistics.rebuild(try ShopStore.open(at: path))
        }
        return path
    }
}
