import ArgumentParser

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "KPIs of the assistant: click-through, conversion, A/B tests.")
    func run() throws { try notBuiltYet("report", issue: "measured effectiveness") }
}
