import ArgumentParser

struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "chat", abstract: "Chat with the assistant in the terminal (the default command).")
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Sign in as this demo customer id.") var customer: Int?
    func run() throws { try notBuiltYet("chat", issue: "the terminal REPL") }
}
