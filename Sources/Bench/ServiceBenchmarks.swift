import Commerce
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB

/// The demo shop the service benchmarks run against: `--store PATH`, or the store
/// helper's cached 100,000-product demo shop (`BenchStores.demoStore`), built once.
enum ServiceBenchShop {
    static let defaultProducts = 100_000

    static func open(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> ShopStore {
        try BenchStores.demoStore(options, defaultProducts: defaultProducts, progress: progress).0
    }

    static func requests(_ options: BenchOptions) -> Int { options.requests ?? 1_000 }
}

/// A small deterministic generator for request mixes (SplitMix64).
struct BenchRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

/// Times `body` over each request after a short warm-up (wall clock, as `Stopwatch`).
///
/// The thread's CPU time per request is kept too (`ServiceCPUTime.last`): on a machine
/// shared with other work, wall-clock tails include time the thread was not running,
/// while CPU time shows what the request itself costs.
func timeRequests<T>(_ requests: [T], warmUp: Int = 50, _ body: (T) throws -> Void) rethrows -> [Double] {
    for r in requests.prefix(warmUp) { try body(r) }
    var cpu: [Double] = []
    cpu.reserveCapacity(requests.count)
    let wall = try requests.map { r in
        let c0 = ServiceCPUTime.now()
        let ms = try Stopwatch.milliseconds { try body(r) }
        cpu.append(ServiceCPUTime.now() - c0)
        return ms
    }
    ServiceCPUTime.record(cpu)
    return wall
}

/// The calling thread's CPU time, in milliseconds.
enum ServiceCPUTime {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1_000_000
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var samples: [Double] = []
    static func record(_ s: [Double]) { lock.lock(); samples = s; lock.unlock() }
    /// Notes with the CPU-time median and p99 of the last timed run.
    static func notes(_ base: [String: String] = [:]) -> [String: String] {
        lock.lock(); defer { lock.unlock() }
        let sorted = samples.sorted()
        var out = base
        out["cpu_median_ms"] = String(format: "%.3f", MeasurementSummary.percentile(sorted, 0.5))
        out["cpu_p99_ms"] = String(format: "%.3f", MeasurementSummary.percentile(sorted, 0.99))
        return out
    }
}

/// `bench search`: mixed search requests (text, filters, sorts, pages, misspellings, dead ends).
struct SearchBenchmark: Benchmark {
    let name = "search"
    let purpose = "SearchService.search over 1,000 varied requests on a 100k-product demo shop (p99 goal 10 ms)"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let store = try ServiceBenchShop.open(options, progress: progress)
        var search: SearchService!
        let build = try Stopwatch.milliseconds { search = try SearchService(store: store) }
        progress(String(format: "search index built in %.0f ms", build))
        let (titles, brands, categories, colors) = try store.database.read { db in
            (try String.fetchAll(db, sql: "SELECT title FROM products ORDER BY random() LIMIT 400"),
             try String.fetchAll(db, sql: "SELECT DISTINCT brand FROM products"),
             try String.fetchAll(db, sql: "SELECT DISTINCT category FROM products"),
             try String.fetchAll(db, sql: "SELECT DISTINCT color FROM product_variants WHERE color IS NOT NULL LIMIT 50"))
        }
        var rng = BenchRandom(seed: 7)
        var requests: [SearchRequest] = []
        for i in 0..<ServiceBenchShop.requests(options) {
            var r = SearchRequest()
            let words = rng.pick(titles).split(separator: " ").map(String.init)
            switch i % 6 {
            case 0: r.text = rng.pick(words)
            case 1: r.text = words.prefix(2).joined(separator: " "); r.filters.inStockOnly = true
            case 2: r.filters.category = rng.pick(categories); r.filters.price = PriceRange(maxCents: rng.int(20...400) * 100); r.sort = .priceAscending
            case 3: r.filters.brands = [rng.pick(brands)]; r.filters.color = rng.pick(colors); r.sort = .rating
            case 4: // a misspelling
                var w = Array(rng.pick(words.filter { $0.count >= 5 } + ["headphones"]))
                let k = rng.int(1...(w.count - 2)); w.swapAt(k, k + 1)
                r.text = String(w)
            default: // a dead end that relaxation must rescue
                r.text = rng.pick(words)
                r.filters.category = rng.pick(categories); r.filters.color = "Chartreuse"; r.filters.price = PriceRange(maxCents: 100)
            }
            r.page = rng.chance(0.2) ? 1 : 0
            requests.append(r)
        }
        let samples = try timeRequests(requests) { _ = try search.search($0) }
        let kinds = ["text", "text+in-stock", "category+price", "brand+colour", "misspelling", "dead-end"]
        var out = [MeasurementSummary(name: "search", unit: "ms", samples: samples,
                                      notes: ServiceCPUTime.notes(["products": String(search.index.count), "index_build_ms": String(format: "%.0f", build)]))]
        for (k, kind) in kinds.enumerated() {
            out.append(MeasurementSummary(name: "search/\(kind)", unit: "ms", samples: samples.enumerated().filter { $0.offset % 6 == k }.map(\.element)))
        }
        return out
    }
}

/// `bench complete`: type-ahead prefixes of 1 to 12 characters, one or two words.
struct CompletionBenchmark: Benchmark {
    let name = "complete"
    let purpose = "SearchService.complete (type-ahead) over 1,000 prefixes on a 100k-product demo shop (p99 goal 2 ms)"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let store = try ServiceBenchShop.open(options, progress: progress)
        let search = try SearchService(store: store)
        let titles = try store.database.read { db in try String.fetchAll(db, sql: "SELECT title FROM products ORDER BY random() LIMIT 500") }
        var rng = BenchRandom(seed: 11)
        var prefixes: [String] = []
        for _ in 0..<ServiceBenchShop.requests(options) {
            let title = rng.pick(titles).lowercased()
            let cut = rng.int(1...min(16, title.count))
            prefixes.append(String(title.prefix(cut)))
        }
        let samples = timeRequests(prefixes) { _ = search.complete($0) }
        return [MeasurementSummary(name: "complete", unit: "ms", samples: samples, notes: ServiceCPUTime.notes(["products": String(search.index.count)]))]
    }
}

/// `bench compare`: 2–4 products of one category, a third with a stated need.
struct ComparisonBenchmark: Benchmark {
    let name = "compare"
    let purpose = "ComparisonService.compare of 2-4 products over 1,000 requests on a 100k-product demo shop (p99 goal 2 ms)"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let store = try ServiceBenchShop.open(options, progress: progress)
        let service = ComparisonService(store: store)
        let byCategory = try store.database.read { db in
            Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT id, category FROM products ORDER BY random() LIMIT 5000"), by: { $0["category"] as String })
                .mapValues { $0.map { $0["id"] as Int64 } }.filter { $0.value.count >= 4 }
        }
        let categories = byCategory.keys.sorted()
        let needs = ["for running in the rain", "for long flights", "on a budget", "for hiking", nil, nil]
        var rng = BenchRandom(seed: 13)
        var requests: [ComparisonRequest] = []
        for _ in 0..<ServiceBenchShop.requests(options) {
            let ids = byCategory[rng.pick(categories)] ?? []
            let start = rng.int(0...(ids.count - 4))
            requests.append(ComparisonRequest(productIDs: Array(ids[start..<(start + rng.int(2...4))]), need: rng.pick(needs)))
        }
        let samples = try timeRequests(requests) { _ = try service.compare($0) }
        return [MeasurementSummary(name: "compare", unit: "ms", samples: samples, notes: ServiceCPUTime.notes())]
    }
}

/// `bench order-status`: owners, guests by email or postcode, wrong emails, recent-order lists.
struct OrderStatusBenchmark: Benchmark {
    let name = "order-status"
    let purpose = "OrderService look-ups (owner, guest, wrong email, recent orders) over 1,000 requests (p99 goal 2 ms)"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let store = try ServiceBenchShop.open(options, progress: progress)
        let service = OrderService(store: store)
        let orders = try store.database.read { db in
            try Row.fetchAll(db, sql: "SELECT number, email, shipping_postcode, customer_id FROM orders ORDER BY random() LIMIT 2000")
        }
        enum Kind { case lookup(OrderLookup), recent(Int64) }
        var rng = BenchRandom(seed: 17)
        var requests: [Kind] = []
        for i in 0..<ServiceBenchShop.requests(options) {
            let row = rng.pick(orders)
            let number: String = row["number"], email: String = row["email"], postcode: String = row["shipping_postcode"]
            let customer: Int64? = row["customer_id"]
            let session = "bench-\(i)"
            switch i % 5 {
            case 0 where customer != nil: requests.append(.lookup(OrderLookup(number: number, requester: .customer(id: customer ?? 0), sessionID: session)))
            case 1: requests.append(.lookup(OrderLookup(number: number, requester: .guest(email: email, postcode: nil), sessionID: session)))
            case 2: requests.append(.lookup(OrderLookup(number: number, requester: .guest(email: nil, postcode: postcode), sessionID: session)))
            case 3: requests.append(.lookup(OrderLookup(number: number, requester: .guest(email: "wrong-\(i)@example.com", postcode: nil), sessionID: session)))
            default: requests.append(.recent(customer ?? 1))
            }
        }
        let samples = timeRequests(requests) { request in
            switch request {
            case let .lookup(lookup): _ = try? service.order(lookup)
            case let .recent(id): _ = try? service.recentOrders(customerID: id)
            }
        }
        return [MeasurementSummary(name: "order-status", unit: "ms", samples: samples, notes: ServiceCPUTime.notes(["mix": "owner, guest email, guest postcode, wrong email (recorded failure), recent orders"]))]
    }
}

/// `bench checkout`: carts of 1–3 in-stock items checked out (cart filling is not timed).
/// It writes real orders and takes stock in the bench store.
struct CheckoutBenchmark: Benchmark {
    let name = "checkout"
    let purpose = "CartService.checkout of 1-3 line carts over 1,000 orders (writes to the bench store; p99 goal 20 ms)"

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let store = try ServiceBenchShop.open(options, progress: progress)
        let cart = CartService(store: store)
        let stocked = try store.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id AS product, (SELECT v.id FROM product_variants v WHERE v.product_id = p.id AND v.stock >= 20 LIMIT 1) AS variant,
                       EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id) AS has_variants
                FROM products p WHERE p.stock >= 50 ORDER BY random() LIMIT 3000
                """).compactMap { row -> (Int64, Int64?)? in
                let variant: Int64? = row["variant"]
                if (row["has_variants"] as Bool) && variant == nil { return nil }
                return (row["product"], variant)
            }
        }
        guard stocked.count >= 3 else { throw BenchError("the bench store has too few products in stock to check out; build a fresh one (delete \(store.path ?? "it"))") }
        var rng = BenchRandom(seed: 19)
        let run = UInt64(Date().timeIntervalSince1970)
        var owners: [CartOwner] = []
        let total = ServiceBenchShop.requests(options) + 50
        progress("filling \(total) carts…")
        for i in 0..<total {
            let owner = CartOwner.session(id: "bench-checkout-\(run)-\(i)")
            for _ in 0..<rng.int(1...3) {
                let (product, variant) = rng.pick(stocked)
                _ = try? cart.add(owner, productID: product, variantID: variant, quantity: 1)
            }
            owners.append(owner)
        }
        var failures = 0
        func checkout(_ owner: CartOwner) {
            do { _ = try cart.checkout(owner, details: CheckoutDetails(email: "bench@example.com", postcode: "10001")) } catch { failures += 1 }
        }
        // Each cart can be checked out once: warm up on 50 carts of their own, time the rest.
        for owner in owners.prefix(50) { checkout(owner) }
        failures = 0
        let samples = timeRequests(Array(owners.dropFirst(50)), warmUp: 0) { checkout($0) }
        return [MeasurementSummary(name: "checkout", unit: "ms", samples: samples, notes: ServiceCPUTime.notes(["refused": String(failures)]))]
    }
}
