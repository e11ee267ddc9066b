import ArgumentParser
import Bench
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a named measurement (use a release build: swift run -c release shopassist bench NAME).",
        discussion: "Prints count, median, p90, p99 and max per measurement; --json prints one JSON object per measurement. `shopassist bench list` names them all."
    )

    @Argument(help: "The measurement to run, or `list`.") var name: String
    @Option(help: "The store to measure against (a demo shop is built there if missing).") var store: String?
    @Option(help: "Products in the demo shop built for the run.") var products: Int?
    @Option(help: "How many requests to time.") var requests: Int?
    @Flag(help: "Print one JSON object per measurement.") var json = false

    func validate() throws {
        if let products, products < 1 { throw ValidationError("--products must be at least 1 (got \(products)).") }
        if let requests, requests < 1 { throw ValidationError("--requests must be at least 1 (got \(requests)).") }
    }

    func run() throws {
        if name == "list" {
            for benchmark in BenchRegistry.all { print("\(benchmark.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(benchmark.purpose)") }
            return
        }
        guard let benchmark = BenchRegistry.named(name) else {
            let known = BenchRegistry.all.map(\.name).joined(separator: ", ")
            throw ValidationError("no benchmark named '\(name)'. Known: \(known.isEmpty ? "none yet" : known).")
        }
        #if DEBUG
        printError("warning: this is a debug build; figures are 10-50x slower than release. Use `swift run -c release shopassist bench \(name)`.")
        #endif
        let options = BenchOptions(storePath: store, products: products, requests: requests)
        let summaries = try benchmark.run(options) { printError($0) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for summary in summaries {
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
            }
        } else {
            print(BenchTable.render(summaries))
        }
    }
}

/// A plain aligned table of measurement summaries.
enum BenchTable {
    static func render(_ summaries: [MeasurementSummary]) -> String {
        let header = ["name", "unit", "n", "median", "p90", "p99", "max"]
        let rows = summaries.map { s in
            [s.name, s.unit, String(s.n), format(s.median), format(s.p90), format(s.p99), format(s.max)]
        }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                i < 2 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                      : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ")
        }
        var out = [line(header)] + rows.map(line)
        for s in summaries { for (k, v) in (s.notes ?? [:]).sorted(by: { $0.key < $1.key }) { out.append("  \(s.name) \(k): \(v)") } }
        return out.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.1f", value) : String(format: "%.3f", value)
    }
}

/// Writes a line to standard error (stdout is kept for results and protocol).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
