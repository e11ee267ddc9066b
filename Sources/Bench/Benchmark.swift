import Foundation

/// What a benchmark run may be told from the command line.
public struct BenchOptions: Sendable {
    /// The store to measure against; benchmarks that need a shop build a demo
    /// shop here when the file does not exist.
    public var storePath: String?
    /// Products in the demo shop a benchmark builds when it needs one.
    public var products: Int?
    /// How many requests (samples) to time.
    public var requests: Int?

    public init(storePath: String? = nil, products: Int? = nil, requests: Int? = nil) {
        self.storePath = storePath
        self.products = products
        self.requests = requests
    }
}

/// A named measurement: `shopassist bench NAME`.
public protocol Benchmark: Sendable {
    /// The name on the command line, e.g. `fts`.
    var name: String { get }
    /// One line on what is measured and on which data.
    var purpose: String { get }
    /// Runs the measurement; may report several summaries (e.g. cold and warm).
    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary]
}

/// An error a benchmark run reports to the user.
public struct BenchError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Every benchmark the harness knows, by name. Add new ones here.
public enum BenchRegistry {
    public static let all: [any Benchmark] = [
        NLUTokenizeBenchmark(),
        NLUBuiltinsBenchmark(),
        NLULoadDataBenchmark(),
        ImportBenchmark(),
        StoreOpenBenchmark(),
        FTSBenchmark(),
        RecommendBenchmark(),
        SearchBenchmark(),
        CompletionBenchmark(),
        ComparisonBenchmark(),
        OrderStatusBenchmark(),
        CheckoutBenchmark(),
        NLUTrainBenchmark(),
        NLUParseBenchmark(),
        NLULoadBenchmark(),
        ReportBenchmark(),
        TurnBenchmark(),
        PersonalBenchmark(),
        StartupBenchmark(),
    ]

    public static func named(_ name: String) -> (any Benchmark)? {
        all.first { $0.name == name }
    }
}
