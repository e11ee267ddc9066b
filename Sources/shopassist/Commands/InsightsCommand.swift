import ArgumentParser

struct InsightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "insights", abstract: "Retention insights: churn risk per customer.")
    func run() throws { try notBuiltYet("insights", issue: "measured effectiveness") }
}
