import Commerce
import Foundation

/// `bench import`: parsing and importing the largest real Shopify export.
///
/// Why: merchants re-import whole catalogs; the importer must run at MB/s. The file is
/// `catalogs/shopify/lifemademagic--catalog--products_export_1.csv` (1.48 MB, 4,088 rows,
/// 338 products, 3,675 variants), found under `$SHOPASSIST_DATASETS`, `./../shared/datasets`
/// or the datasets folder beside the source tree.
public struct ImportBenchmark: Benchmark {
    public let name = "import"
    public let purpose = "parse, and parse + write (one transaction, fresh store), the largest Shopify CSV (1.5 MB)"
    static let file = "catalogs/shopify/lifemademagic--catalog--products_export_1.csv"

    public init() {}

    static func datasetFile() -> String? {
        var roots: [String] = []
        if let env = ProcessInfo.processInfo.environment["SHOPASSIST_DATASETS"] { roots.append(env) }
        roots.append(FileManager.default.currentDirectoryPath + "/../shared/datasets")
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        roots.append(sourceRoot.appendingPathComponent("../shared/datasets").standardizedFileURL.path)
        return roots.map { "\($0)/\(file)" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    public func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        guard let path = Self.datasetFile() else {
            throw BenchError("cannot find \(Self.file); run from the package root with ../shared/datasets beside it, or set SHOPASSIST_DATASETS.")
        }
        let runs = options.requests ?? 10
        let bytes = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        var parse: [Double] = [], full: [Double] = []
        var products = 0, variants = 0
        for i in 0..<runs {
            progress("import run \(i + 1)/\(runs)")
            parse.append(try Stopwatch.milliseconds {
                let parsed = try CatalogParser.parse(path: path)
                products = parsed.products.count
                variants = parsed.variantCount
            })
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-import-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try ShopStore.open(at: folder.appendingPathComponent("shop.sqlite").path)
            full.append(try Stopwatch.milliseconds {
                let summary = try CatalogImporter(store: store).importFile(at: path)
                if let rejected = summary.rejected { throw BenchError(rejected) }
            })
        }
        func mbps(_ samples: [Double]) -> String {
            let median = MeasurementSummary.percentile(samples.sorted(), 0.5)
            return String(format: "%.1f MB/s", bytes / 1_000_000 / (median / 1000))
        }
        let notes = ["file": (Self.file as NSString).lastPathComponent, "bytes": String(Int(bytes)), "products": String(products), "variants": String(variants)]
        return [
            MeasurementSummary(name: "import-parse", unit: "ms", samples: parse, notes: notes.merging(["throughput": mbps(parse)]) { $1 }),
            MeasurementSummary(name: "import-write", unit: "ms", samples: full, notes: ["throughput": mbps(full), "what": "parse + upsert + FTS triggers + attributes, one transaction, fresh store"]),
        ]
    }
}
