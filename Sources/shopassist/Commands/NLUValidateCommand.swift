import ArgumentParser
import Foundation
import NLU

/// `shopassist nlu validate [DIR]`: loads Rasa NLU YAML and reports what is in it and what is wrong.
struct NLUValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check Rasa NLU YAML training data and summarize it.",
        discussion: """
        Reads every *.yml/*.yaml under DIR (or one file): intents, entities, synonyms, lookups, regexes. \
        Prints a summary, then warnings and errors as `file:line: severity: message`. Exits 1 when there are errors. \
        A Rasa project's data/ folder works as is.
        """
    )

    @Argument(help: "A folder of Rasa NLU YAML files or one file.") var path: String = "Intents"
    @Flag(help: "Print one JSON object (summary, errors, warnings) instead of text.") var json = false
    @Option(help: "Show at most this many warnings (all errors are always shown).") var maxWarnings: Int = 50

    func run() throws {
        let report = TrainingDataLoader().read(path)
        let summary = TrainingDataSummary(report)
        if json {
            struct Output: Encodable { var summary: TrainingDataSummary; var errors: [TrainingDataIssue]; var warnings: [TrainingDataIssue] }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(Output(summary: summary, errors: report.errors, warnings: report.warnings)), as: UTF8.self))
        } else {
            print(summary.render())
            for warning in report.warnings.prefix(maxWarnings) { print(warning) }
            if report.warnings.count > maxWarnings {
                print("… \(report.warnings.count - maxWarnings) more warnings (use --max-warnings)")
            }
            for error in report.errors { print(error) }
        }
        if !report.errors.isEmpty { throw ExitCode(1) }
    }
}
