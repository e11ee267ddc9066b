import ArgumentParser
import Channels
import Foundation

struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat with the assistant in the terminal (the default command).",
        discussion: "Reads lines from a terminal (with editing and history) or from a pipe: printf 'hi\\nshow me headphones\\n' | shopassist"
    )
    @OptionGroup var options: AssistantOptions
    @Option(help: "Sign in as this demo customer id (see `shopassist demo --show`).") var customer: Int?
    @OptionGroup var experiment: ExperimentOption

    func run() throws {
        let assistant = try options.openAssistant(channel: "repl", experimentFile: experiment.experiment)
        let style = TerminalStyle.detect(environment: ProcessInfo.processInfo.environment)
        let repl = REPL(assistant: assistant, style: style, customer: customer.map(String.init))
        let status = repl.run()
        if status != 0 { throw ExitCode(status) }
    }
}
