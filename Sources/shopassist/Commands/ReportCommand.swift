import ArgumentParser
import Commerce
import Foundation
import Insights

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "KPIs of the assistant: click-through, conversion, A/B tests.",
        discussion: """
            Aggregates the store's events: click-through of search results and recommendations, recommendation \
            acceptance, conversion (sessions with a purchase), average order value, revenue per session, fallback \
            and handoff rates, the intents most often misunderstood — overall, per variant and per day. With \
            --experiments FILE, each experiment's metric per variant with a 95% interval, p-value and verdict.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "First day, YYYY-MM-DD (inclusive).") var since: String?
    @Option(help: "Last day, YYYY-MM-DD (inclusive).") var until: String?
    @Option(help: "An experiments YAML file to judge.") var experiments: String?
    @Option(help: "Write a self-contained HTML page with SVG charts to FILE.") var html: String?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, !Self.isDay(value) { throw ValidationError("\(flag) must look like 2026-01-31 (got '\(value)').") }
        }
    }

    static func isDay(_ s: String) -> Bool {
        s.count == 10 && s.enumerated().allSatisfy { ($0.offset == 4 || $0.offset == 7) ? $0.element == "-" : $0.element.isASCII && $0.element.isNumber }
    }

    func run() throws {
        let path = StoreLocation.resolve(explicit: storeOptions.store)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no store at \(path). Build one with `shopassist demo` or pass --store PATH.")
        }
        let defined: [Experiment]
        do { defined = try experiments.map { try ExperimentFile.load(path: $0) } ?? [] } catch let error as ExperimentFileError {
            throw ValidationError(error.description)
        }
        let started = Date()
        let report = try KPIReport.build(store: try ShopStore.open(at: path), since: since, until: until, experiments: defined)
        printError(String(format: "report: %d sessions in %.2f s", report.overall.sessions, Date().timeIntervalSince(started)))
        if let html {
            do { try report.html().write(toFile: html, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("cannot write \(html): \(error.localizedDescription)")
            }
            printError("report: wrote \(html)")
        }
        print(json ? try report.json() : report.text(), terminator: json ? "\n" : "")
    }
}
