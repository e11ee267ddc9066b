import ArgumentParser

/// `shopassist nlu …`: the language-understanding tools. Each subcommand lives in its own file.
struct NLUCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nlu",
        abstract: "Validate, train, parse and evaluate the language model.",
        subcommands: [
            NLUValidateCommand.self,
            NLUParseCommand.self,
            NLUTrainCommand.self,
            NLUEvalCommand.self,
        ]
    )
}
