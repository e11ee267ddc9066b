import ArgumentParser

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve JSON-RPC 2.0 over stdin/stdout for web chat widgets.")
    @OptionGroup var storeOptions: StoreOptions
    func run() throws { try notBuiltYet("serve", issue: "the JSON-RPC channel") }
}
