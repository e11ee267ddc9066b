import Commerce
import Foundation
import GRDB

/// Demo stores that benchmarks build once and reuse.
public enum BenchStores {
    /// The cached demo store for `products` products: `/tmp/shopassist-bench-<N>.sqlite`.
    public static func defaultPath(products: Int) -> String { "/tmp/shopassist-bench-\(products).sqlite" }

    /// Opens `options.storePath` (or the cached default), building a demo shop there first
    /// when no file exists. Returns the store and the path.
    public static func demoStore(_ options: BenchOptions, defaultProducts: Int, progress: @Sendable (String) -> Void) throws -> (ShopStore, String) {
        let products = options.products ?? defaultProducts
        let path = options.storePath ?? defaultPath(products: products)
        if !FileManager.default.fileExists(atPath: path) {
            progress("building a \(products)-product demo shop at \(path) (once; later runs reuse it)…")
            let summary = try DemoShop.build(at: path, options: DemoShopOptions(products: products))
            progress(String(format: "built in %.1f s", summary.seconds))
        }
        return (try ShopStore.open(at: path), path)
    }

    static func fileSizeMB(_ path: String) -> String {
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.doubleValue ?? 0
        return String(format: "%.1f MB", size / 1_048_576)
    }
}

/// `bench store-open`: open an existing store and run a trivial query, cold and warm.
public struct StoreOpenBenchmark: Benchmark {
    public let name = "store-open"
    public let purpose = "open an existing store (pool + migration check) and count products: cold = new pool each time (alone, and while another connection holds it open), warm = reused pool"
    public init() {}

    public func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let (_, path) = try BenchStores.demoStore(options, defaultProducts: DemoShopOptions.defaultProducts, progress: progress)
        let requests = options.requests ?? 200
        var cold: [Double] = []
        for _ in 0..<requests {
            cold.append(try Stopwatch.milliseconds {
                let store = try ShopStore.open(at: path)
                _ = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") }
            })
        }
        // The same with another connection holding the store open (as when the assistant
        // runs and a second command starts): no WAL creation and checkpoint per open/close.
        let keeper = try ShopStore.open(at: path)
        var shared: [Double] = []
        for _ in 0..<requests {
            shared.append(try Stopwatch.milliseconds {
                let store = try ShopStore.open(at: path)
                _ = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") }
            })
        }
        let store = keeper
        var warm: [Double] = []
        for i in 0..<(requests * 5) {
            warm.append(try Stopwatch.milliseconds {
                _ = try store.database.read { db in try Product.fetchOne(db, key: Int64(1 + i % 100)) }
            })
        }
        let notes = ["store": path, "size": BenchStores.fileSizeMB(path)]
        return [
            MeasurementSummary(name: "store-open cold", unit: "ms", samples: cold, notes: notes),
            MeasurementSummary(name: "store-open cold, store in use", unit: "ms", samples: shared),
            MeasurementSummary(name: "store-open warm (fetch by id)", unit: "ms", samples: warm),
        ]
    }
}

/// `bench fts`: 1,000 varied free-text searches on a 100,000-product demo shop.
public struct FTSBenchmark: Benchmark {
    public let name = "fts"
    public let purpose = "ProductTextSearch.search (limit 20) for brands, categories, product words, misspellings, multi-word and hostile text on a 100k-product demo shop"
    public init() {}

    public func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let (store, path) = try BenchStores.demoStore(options, defaultProducts: 100_000, progress: progress)
        let queries = try Self.queries(store, count: options.requests ?? 1_000)
        // One warm-up pass over a few queries so page-cache misses are not the story.
        for query in queries.prefix(50) { _ = try store.database.read { db in try ProductTextSearch.search(db, text: query.text) } }
        var all: [Double] = []
        var byKind: [String: [Double]] = [:]
        var empty = 0
        for query in queries {
            var found = 0
            let ms = try Stopwatch.milliseconds {
                found = try store.database.read { db in try ProductTextSearch.search(db, text: query.text, limit: 20).matches.count }
            }
            if found == 0 { empty += 1 }
            all.append(ms)
            byKind[query.kind, default: []].append(ms)
        }
        let products = try store.database.read { db in try Product.fetchCount(db) }
        var summaries = [MeasurementSummary(name: "fts", unit: "ms", samples: all, notes: [
            "store": path, "products": String(products), "size": BenchStores.fileSizeMB(path),
            "queries without results": "\(empty) of \(queries.count)",
        ])]
        for kind in byKind.keys.sorted() {
            summaries.append(MeasurementSummary(name: "fts \(kind)", unit: "ms", samples: byKind[kind] ?? []))
        }
        return summaries
    }

    struct Query { var kind: String; var text: String }

    /// Deterministic, varied queries drawn from the store's own brands, categories and titles.
    static func queries(_ store: ShopStore, count: Int) throws -> [Query] {
        let (brands, categories, titles) = try store.database.read { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT brand FROM products WHERE brand != '' LIMIT 200"),
             try String.fetchAll(db, sql: "SELECT DISTINCT category FROM products WHERE category != '' LIMIT 200"),
             try String.fetchAll(db, sql: "SELECT title FROM products WHERE id % 97 = 1 LIMIT 500"))
        }
        guard !brands.isEmpty, !categories.isEmpty, !titles.isEmpty else { throw BenchError("the store has no products to search") }
        let words = Array(Set(titles.flatMap { $0.split(separator: " ").map(String.init) }.filter { $0.count >= 3 })).sorted()
        let hostile = ["\"", "NEAR(", "-laptop", "*", "title:shoe", "(((", "a AND", "🎧 headphones", "café crème", "'; DROP TABLE products; --"]
        var rng = DemoRandom(seed: 2026)
        var out: [Query] = []
        for i in 0..<count {
            switch i % 6 {
            case 0: out.append(Query(kind: "brand", text: rng.pick(brands)))
            case 1: out.append(Query(kind: "category", text: rng.pick(categories).lowercased()))
            case 2: out.append(Query(kind: "word", text: rng.pick(words)))
            case 3: out.append(Query(kind: "misspelt", text: misspell(rng.pick(words + categories.map { $0.lowercased() }), &rng)))
            case 4:
                let title = rng.pick(titles).split(separator: " ").map(String.init)
                let k = min(title.count, rng.int(2...3))
                out.append(Query(kind: "multi-word", text: rng.sample(title, k).joined(separator: " ") + (rng.chance(0.3) ? " under 100" : "")))
            default: out.append(Query(kind: i % 30 == 5 ? "hostile" : "brand+category", text: i % 30 == 5 ? rng.pick(hostile) : "\(rng.pick(brands)) \(rng.pick(categories))"))
            }
        }
        return out
    }

    /// One typo: a dropped, doubled, swapped or replaced letter.
    static func misspell(_ word: String, _ rng: inout DemoRandom) -> String {
        var chars = Array(word.lowercased())
        guard chars.count >= 4 else { return word }
        let i = rng.int(1..<(chars.count - 1))
        switch rng.int(0...3) {
        case 0: chars.remove(at: i)
        case 1: chars.insert(chars[i], at: i)
        case 2: chars.swapAt(i, i + 1)
        default: chars[i] = rng.pick(Array("aeioulnrst"))
        }
        return String(chars)
    }
}
