import ArgumentParser

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Evaluate components offline (recommendation quality).")
    func run() throws { try notBuiltYet("eval", issue: "the shop's services") }
}
