import ArgumentParser

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Run dialogue tests written in Dialogues/.")
    @Argument var paths: [String] = []
    func run() throws { try notBuiltYet("test", issue: "the dialogue test runner") }
}
