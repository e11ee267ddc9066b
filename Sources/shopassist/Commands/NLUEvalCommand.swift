import ArgumentParser
import Foundation
import NLU

/// `shopassist nlu eval`: train on one split and test on another, or cross-validate.
struct NLUEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure intent and entity accuracy (train on --train, test on --test, or --cross-validate K).",
        discussion: "Entities count only when type and exact span match. --json prints one JSON object with intent_accuracy, intent_macro_f1, in_scope_accuracy, oos_recall, entity_precision/recall/f1, per_intent, per_entity, confusions, train_seconds, test_examples. Tuning knobs (for experiments on a validation split; defaults are the shipped model): environment variables NLU_L2, NLU_LR, NLU_EPOCHS, NLU_MINUPDATES (0: always NLU_EPOCHS), NLU_BALANCE, NLU_OOSW, NLU_OOSCW, NLU_LOSS (logistic or hinge, over the data's own `intent_classifier:` setting), NLU_FALLBACK, NLU_CHARMAX, NLU_CHARMODE, NLU_CHARW, NLU_WORDN, NLU_MINCHAR, NLU_TEPOCHS, NLU_BAG, NLU_NOINTENTFEAT, NLU_NODELEX, NLU_NOFRAME, NLU_RUNNERUP (a margin, or `none`), NLU_NOVECTORS, NLU_VECW, NLU_NNPC, NLU_CALSPLITS, NLU_SEED (the seed of the intent model's shuffles and calibration splits; default 42)."
    )

    @Option(help: "Training data: a YAML file or a folder of them.") var train: String?
    @Option(help: "Test data: a YAML file or a folder of them.") var test: String?
    @Option(name: .customLong("cross-validate"), help: "Run K-fold cross-validation on DIR instead of --train/--test.") var folds: Int?
    @Option(help: "The seed that deals the examples into cross-validation folds; other seeds show how much a figure moves with the split (default 1).") var seed: UInt64?
    @Argument(help: "The data for --cross-validate (default: Intents).") var directory: String?
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        if let folds {
            if folds < 2 { throw ValidationError("--cross-validate needs K ≥ 2 (got \(folds)).") }
            if train != nil || test != nil { throw ValidationError("use either --cross-validate K [DIR] or --train PATH --test PATH, not both.") }
        } else if seed != nil {
            throw ValidationError("--seed deals the cross-validation folds: use it with --cross-validate K.")
        } else if train == nil || test == nil {
            throw ValidationError("give --train PATH and --test PATH, or --cross-validate K [DIR].")
        }
    }

    func run() throws {
        var trainData = try loadTrainingData(folds == nil ? train ?? "" : directory ?? "Intents")
        let testData = try folds == nil ? loadTrainingData(test ?? "") : nil
        // The data's own settings first, then the tuning knobs, which may override them; the
        // settings are then cleared, or training would apply them again over the knobs.
        var config = NLUConfig().applying(trainData.settings)
        trainData.settings = TrainingSettings()
        let env = ProcessInfo.processInfo.environment
        if let loss = env["NLU_LOSS"].flatMap(IntentLoss.init(rawValue:)) { config.intent = config.intent.training(with: loss) }
        if let v = env["NLU_L2"].flatMap(Float.init) { config.intent.model.l2 = v }
        if let v = env["NLU_EPOCHS"].flatMap(Int.init) { config.intent.model.epochs = v }
        if let v = env["NLU_MINUPDATES"].flatMap(Int.init) { config.intent.model.minimumUpdates = v }
        if let v = env["NLU_LR"].flatMap(Float.init) { config.intent.model.learningRate = v }
        if let v = env["NLU_OOSW"].flatMap(Double.init) { config.intent.outOfScopeRecallWeight = v }
        if let v = env["NLU_OOSCW"].flatMap(Float.init) { config.intent.outOfScopeClassWeight = v }
        if let v = env["NLU_FALLBACK"].flatMap(Double.init) { config.intent.fallbackRejectRate = v }
        if let v = env["NLU_TEPOCHS"].flatMap(Int.init) { config.tagger.epochs = v }
        if let v = env["NLU_CHARMAX"].flatMap(Int.init) { config.intent.features.maxCharNgram = v }
        if let v = env["NLU_CHARW"].flatMap(Float.init) { config.intent.features.charWeight = v }
        if let v = env["NLU_WORDN"].flatMap(Int.init) { config.intent.features.maxWordNgram = v }
        if let v = env["NLU_MINCHAR"].flatMap(Int.init) { config.intent.features.minCharCount = v }
        if let v = env["NLU_BALANCE"].flatMap(Float.init) { config.intent.classBalance = v }
        if let v = env["NLU_CHARMODE"].flatMap(Int.init) { config.intent.features.charMode = v }
        if let v = env["NLU_BAG"].flatMap(Int.init) { config.tagger.features.bagWindow = v }
        if env["NLU_NOINTENTFEAT"] != nil { config.tagger.features.intentFeatures = false }
        if env["NLU_NODELEX"] != nil { config.intent.delexicalize = false }
        if env["NLU_NOFRAME"] != nil { config.intent.delexicalFrame = false }
        if let v = env["NLU_RUNNERUP"] { config.runnerUpMargin = Double(v) }
        if env["NLU_NOVECTORS"] != nil { config.intent.features.wordVectors = false }
        if let v = env["NLU_VECW"].flatMap(Float.init) { config.intent.features.vectorWeight = v }
        if let v = env["NLU_NNPC"].flatMap(Int.init) { config.intent.nearestSharedComponents = v }
        if let v = env["NLU_SEED"].flatMap(UInt64.init) { config.intent.model.seed = v }
        if let v = env["NLU_CALSPLITS"].flatMap(Int.init) { config.intent.maxCalibrationSplits = v }
        printError("intent loss: \(config.intent.model.loss.rawValue)")
        let report: EvaluationReport
        if let folds {
            printError("cross-validating \(trainData.examples.count) examples in \(folds) folds…")
            report = try Evaluator.crossValidate(trainData, folds: folds, config: config, seed: seed ?? 1)
        } else {
            printError("training on \(trainData.examples.count) examples, testing on \(testData?.examples.count ?? 0)…")
            report = try Evaluator.trainAndEvaluate(train: trainData, test: testData?.examples ?? [], config: config)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(EvaluationText.render(report))
        }
    }
}
