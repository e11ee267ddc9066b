import ArgumentParser

struct NLUCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nlu", abstract: "Validate, train, parse and evaluate the language model.")
    func run() throws { try notBuiltYet("nlu", issue: "the NLU engine") }
}
