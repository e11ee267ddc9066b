import ArgumentParser

struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reminders", abstract: "Abandoned-cart reminders that are due to be sent.")
    func run() throws { try notBuiltYet("reminders", issue: "personal touches") }
}
