import Commerce
import Foundation
import GRDB

/// `bench recommend`: 1,000 varied recommendation requests on a 100,000-product demo shop.
///
/// Requests mix known customers (personal), known customers without consent, "something like this" anchors,
/// category and price filters, and unknown shoppers. Statistics are rebuilt once if the store has none; the index
/// is loaded once; only `recommend` is timed.
public struct RecommendBenchmark: Benchmark {
    public let name = "recommend"
    public let purpose = "RecommendationService.recommend (5 items) for customers, anchors, filters and unknown shoppers on a 100k-product demo shop"
    public init() {}

    public func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        // Its own cached shop: the rebuild adds the rec_* tables, and other benchmarks' shops stay untouched.
        var own = options
        if own.storePath == nil { own.storePath = "/tmp/shopassist-bench-recommend-\(options.products ?? 100_000).sqlite" }
        let (store, path) = try BenchStores.demoStore(own, defaultProducts: 100_000, progress: progress)
        var notes: [String: String] = ["store": path]
        if try !RecommendationStatistics.isBuilt(store) {
            progress("rebuilding recommendation statistics (once per store)…")
            let summary = try RecommendationStatistics.rebuild(store)
            notes["rebuild"] = String(format: "%.2f s (%d orders, %d neighbour pairs)", summary.seconds, summary.orders, summary.neighbourPairs)
        }
        var service: RecommendationService?
        let loadMs = try Stopwatch.milliseconds { service = try RecommendationService.open(store) }
        guard let service else { throw BenchError("the recommendation index did not load") }
        notes["index load"] = String(format: "%.0f ms", loadMs)
        notes["products"] = String(service.index.productCount)
        let requests = try Self.requests(store, count: options.requests ?? 1_000)
        for request in requests.prefix(20) { _ = try service.recommend(request.request) }  // warm-up
        var all: [Double] = []
        var byKind: [String: [Double]] = [:]
        var cpu: [Double] = []
        var short: [String: Int] = [:]
        for request in requests {
            var count = 0
            let before = Self.threadCPUMilliseconds()
            let ms = try Stopwatch.milliseconds { count = try service.recommend(request.request).items.count }
            cpu.append(Self.threadCPUMilliseconds() - before)
            if count < request.request.count { short[request.kind, default: 0] += 1 }
            all.append(ms)
            byKind[request.kind, default: []].append(ms)
        }
        notes["answers with fewer items than asked"] = short.isEmpty ? "none" : short.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        var summaries = [MeasurementSummary(name: "recommend", unit: "ms", samples: all, notes: notes)]
        // On a shared, loaded machine wall-clock tails are mostly time spent descheduled; CPU time shows the work.
        summaries.append(MeasurementSummary(name: "recommend (thread CPU time)", unit: "ms", samples: cpu))
        for kind in byKind.keys.sorted() { summaries.append(MeasurementSummary(name: "recommend \(kind)", unit: "ms", samples: byKind[kind] ?? [])) }
        return summaries
    }

    struct Request { var kind: String; var request: RecommendationRequest }

    /// Deterministic, varied requests drawn from the store's customers, products and categories.
    static func requests(_ store: ShopStore, count: Int) throws -> [Request] {
        let (customers, products, categories) = try store.database.read { db in
            (try Int64.fetchAll(db, sql: "SELECT DISTINCT customer_id FROM orders WHERE customer_id IS NOT NULL ORDER BY customer_id"),
             try Int64.fetchAll(db, sql: "SELECT id FROM products WHERE id % 37 = 1 ORDER BY id LIMIT 2000"),
             try String.fetchAll(db, sql: "SELECT DISTINCT category FROM products ORDER BY category"))
        }
        guard !customers.isEmpty, !products.isEmpty, !categories.isEmpty else { throw BenchError("the store needs customers with orders and products") }
        var rng = SplitMix64(seed: 2026)
        func pick<T>(_ list: [T]) -> T { list[Int(rng.next() % UInt64(list.count))] }
        var out: [Request] = []
        for i in 0..<count {
            switch i % 6 {
            case 0, 1: out.append(Request(kind: "customer", request: RecommendationRequest(customerID: pick(customers), count: 5)))
            case 2: out.append(Request(kind: "customer+filter", request: RecommendationRequest(customerID: pick(customers), category: pick(categories), maxPriceCents: [5_000, 10_000, 30_000][i % 3], count: 5)))
            case 3: out.append(Request(kind: "anchor", request: RecommendationRequest(customerID: i % 12 == 3 ? pick(customers) : nil, anchorProductID: pick(products), count: 5)))
            case 4: out.append(Request(kind: "unknown+filter", request: RecommendationRequest(category: pick(categories), maxPriceCents: i % 4 == 0 ? nil : 10_000, count: 5)))
            default: out.append(Request(kind: "unknown", request: RecommendationRequest(customerID: i % 12 == 5 ? pick(customers) : nil, count: 5, personalized: false)))
            }
        }
        return out
    }

    /// CPU time of the calling thread, in milliseconds.
    static func threadCPUMilliseconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000
    }
}
