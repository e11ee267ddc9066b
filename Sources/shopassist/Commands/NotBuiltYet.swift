import ArgumentParser

/// Says plainly that a subcommand is not built yet, and exits non-zero.
func notBuiltYet(_ command: String, issue: String) throws -> Never {
    printError("shopassist \(command): not built yet (\(issue)).")
    throw ExitCode(2)
}

struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chat", abstract: "Chat with the assistant in the terminal (the default command).")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Sign in as this demo customer id.") var customer: Int?
    func run() throws { try notBuiltYet("chat", issue: "the terminal REPL") }
}

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve JSON-RPC 2.0 over stdin/stdout for web chat widgets.")
    @OptionGroup var storeOptions: StoreOptions
    func run() throws { try notBuiltYet("serve", issue: "the JSON-RPC channel") }
}

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Run dialogue tests written in Dialogues/.")
    @Argument var paths: [String] = []
    func run() throws { try notBuiltYet("test", issue: "the dialogue test runner") }
}

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Evaluate components offline (recommendation quality).")
    func run() throws { try notBuiltYet("eval", issue: "the shop's services") }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "KPIs of the assistant: click-through, conversion, A/B tests.")
    func run() throws { try notBuiltYet("report", issue: "measured effectiveness") }
}

struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "customer", abstract: "A customer's data: export it, or forget it.")
    func run() throws { try notBuiltYet("customer", issue: "data rights") }
}

struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reminders", abstract: "Abandoned-cart reminders that are due to be sent.")
    func run() throws { try notBuiltYet("reminders", issue: "personal touches") }
}

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "Simulated shoppers talking to the real engine.")
    func run() throws { try notBuiltYet("simulate", issue: "measured effectiveness") }
}

struct InsightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "insights", abstract: "Retention insights: churn risk per customer.")
    func run() throws { try notBuiltYet("insights", issue: "measured effectiveness") }
}

struct NLUCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nlu", abstract: "Validate, train, parse and evaluate the language model.")
    func run() throws { try notBuiltYet("nlu", issue: "the NLU engine") }
}

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "Import merchants' catalogs (Shopify CSV, Google Merchant feeds).")
    func run() throws { try notBuiltYet("catalog", issue: "catalog import") }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Build a deterministic demo shop, or show its customers and orders.")
    func run() throws { try notBuiltYet("demo", issue: "the demo shop") }
}
