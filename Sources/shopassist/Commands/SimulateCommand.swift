import ArgumentParser

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "simulate", abstract: "Simulated shoppers talking to the real engine.")
    func run() throws { try notBuiltYet("simulate", issue: "measured effectiveness") }
}
