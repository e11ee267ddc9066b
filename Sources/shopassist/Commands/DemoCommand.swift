import ArgumentParser

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Build a deterministic demo shop, or show its customers and orders.")
    func run() throws { try notBuiltYet("demo", issue: "the demo shop") }
}
