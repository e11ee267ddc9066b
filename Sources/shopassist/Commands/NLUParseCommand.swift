import ArgumentParser
import Foundation
import NLU

/// `shopassist nlu parse "text"`: what the model understands of one line.
struct NLUParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse one line: intent, confidence, top-5 ranking and entities.",
        discussion: "Uses the cached model for --data (training it first if needed)."
    )

    @Argument(help: "The line to parse.") var text: String
    @Option(help: "Training data folder or file.") var data: String = "Intents"
    @Option(help: "Model cache folder.") var cache: String?
    @Flag(help: "Print the parse as JSON.") var json = false

    func run() throws {
        let trainingData = try loadTrainingData(data)
        let (engine, fromCache) = try ModelCache(directory: cache.map { URL(fileURLWithPath: $0) }).engine(for: trainingData)
        if !fromCache { printError("trained a new model on \(trainingData.examples.count) examples") }
        let parse = engine.parse(text)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(parse), as: UTF8.self))
            return
        }
        print("intent   \(parse.intent.name) (\(String(format: "%.3f", parse.intent.confidence)))")
        print("ranking  " + parse.ranking.map { "\($0.name) \(String(format: "%.3f", $0.confidence))" }.joined(separator: ", "))
        if parse.entities.isEmpty { print("entities none") }
        for e in parse.entities {
            print("entity   \(e.entity) = \(e.value)  \"\(e.text)\" [\(e.start)..<\(e.end)] by \(e.extractor) (\(String(format: "%.2f", e.confidence)))")
        }
    }
}
