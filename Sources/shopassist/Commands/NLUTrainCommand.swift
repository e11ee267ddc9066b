import ArgumentParser
import Foundation
import NLU

/// Loads a training-data file or folder (Rasa NLU YAML).
func loadTrainingData(_ path: String) throws -> TrainingData {
    try TrainingData.load(path)
}

/// `shopassist nlu train [DIR]`: train (or reuse the cached model) and say where it is.
struct NLUTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the NLU model on a folder of Rasa NLU YAML (default Intents) and cache it.",
        discussion: "The model is cached under $SHOPASSIST_MODEL_CACHE or ~/.cache/shopassist/models, keyed by a hash of the data, model version and settings; unchanged data is not retrained (use --force)."
    )

    @Argument(help: "Training data folder or file.") var directory: String = "Intents"
    @Option(help: "Model cache folder.") var cache: String?
    @Flag(help: "Retrain even when a cached model exists.") var force = false

    func run() throws {
        let data = try loadTrainingData(directory)
        let cache = ModelCache(directory: cache.map { URL(fileURLWithPath: $0) })
        let key = ModelCache.key(for: data)
        if !force, cache.load(key: key) != nil {
            printError("up to date: \(cache.url(forKey: key).path)")
            print(cache.url(forKey: key).path)
            return
        }
        let start = Date()
        let engine = try NLUEngine.train(data)
        let seconds = Date().timeIntervalSince(start)
        try cache.store(engine, key: key)
        printError(String(format: "trained on %d examples (%d intents, %d entity types) in %.2f s", data.examples.count, engine.intents.count, engine.entityTypes.count, seconds))
        print(cache.url(forKey: key).path)
    }
}
