import ArgumentParser

/// `shopassist`: argument parsing only; every subcommand calls into a library target.
@main
struct ShopAssist: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shopassist",
        abstract: "A conversational shopping assistant: chat, serve web widgets, run dialogue tests, manage the shop.",
        version: "0.1.0",
        subcommands: [
            ChatCommand.self,
            ServeCommand.self,
            TestCommand.self,
            NLUCommand.self,
            CatalogCommand.self,
            DemoCommand.self,
            BenchCommand.self,
            EvalCommand.self,
            ReportCommand.self,
            CustomerCommand.self,
            RemindersCommand.self,
            SimulateCommand.self,
            InsightsCommand.self,
        ],
        defaultSubcommand: ChatCommand.self
    )
}

/// Options shared by every command that opens the shop's store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the SQLite store (default: $SHOPASSIST_STORE, else ~/.local/share/shopassist/shop.sqlite).")
    var store: String?
}
