import ArgumentParser

struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "customer", abstract: "A customer's data: export it, or forget it.")
    func run() throws { try notBuiltYet("customer", issue: "data rights") }
}
