import Foundation

/// Trains and tests engines on labelled data: `shopassist nlu eval`.
public enum Evaluator {
    /// Parses every test line with `engine` and scores intents and entities.
    ///
    /// Entities count when their type is one the evaluation can judge: a type the engine
    /// learned or looks up, or a type annotated in the test data. Builtin entities of other
    /// types (numbers, dates found in a line) are not counted as false positives.
    public static func evaluate(_ engine: NLUEngine, on test: [TrainingExample], trainSeconds: Double = 0) -> EvaluationReport {
        let (gold, predicted) = predictions(engine, on: test)
        return EvaluationReport.score(gold: gold, predicted: predicted, texts: test.map(\.text), trainSeconds: trainSeconds)
    }

    typealias Labelled = [(intent: String, entities: [ScoredSpan])]

    /// Gold and predicted intents and judged entity spans of every test line.
    static func predictions(_ engine: NLUEngine, on test: [TrainingExample]) -> (gold: Labelled, predicted: Labelled) {
        var judged = Set(engine.entityTypes).union(engine.lookups.entries.map(\.entity))
        for ex in test { for e in ex.entities { judged.insert(e.entity) } }
        var scratch = NLUEngine.Scratch()
        var gold: Labelled = [], predicted: Labelled = []
        for ex in test {
            let p = engine.parse(ex.text, scratch: &scratch)
            gold.append((ex.intent, ex.entities.map { ScoredSpan(entity: $0.entity, start: $0.start, end: $0.end) }))
            predicted.append((p.intent.name, p.entities.filter { judged.contains($0.entity) }.map { ScoredSpan(entity: $0.entity, start: $0.start, end: $0.end) }))
        }
        return (gold, predicted)
    }

    /// Trains on `train` and tests on `test`, timing the training.
    public static func trainAndEvaluate(train: TrainingData, test: [TrainingExample], config: NLUConfig = NLUConfig()) throws -> EvaluationReport {
        let start = Date()
        let engine = try NLUEngine.train(train, config: config)
        return evaluate(engine, on: test, trainSeconds: Date().timeIntervalSince(start))
    }

    /// K-fold cross-validation, stratified by intent with a fixed seed; the predictions of
    /// all folds are pooled into one report, `train_seconds` is the total.
    public static func crossValidate(_ data: TrainingData, folds k: Int, config: NLUConfig = NLUConfig(), seed: UInt64 = 1) throws -> EvaluationReport {
        precondition(k >= 2, "cross-validation needs at least 2 folds")
        var fold = [Int](repeating: 0, count: data.examples.count)
        var byIntent: [String: [Int]] = [:]
        for (i, ex) in data.examples.enumerated() { byIntent[ex.intent, default: []].append(i) }
        var rng = SplitMix64(seed: seed)
        var next = 0
        for name in byIntent.keys.sorted() {
            var idx = byIntent[name] ?? []
            idx.shuffle(using: &rng)
            for i in idx { fold[i] = next % k; next += 1 }
        }
        var gold: [(intent: String, entities: [ScoredSpan])] = []
        var predicted: [(intent: String, entities: [ScoredSpan])] = []
        var texts: [String] = []
        var seconds = 0.0
        for f in 0..<k {
            var train = data
            train.examples = data.examples.indices.filter { fold[$0] != f }.map { data.examples[$0] }
            let test = data.examples.indices.filter { fold[$0] == f }.map { data.examples[$0] }
            guard !train.examples.isEmpty, !test.isEmpty else { continue }
            let r = try trainAndEvaluateRaw(train: train, test: test, config: config)
            gold += r.gold; predicted += r.predicted; seconds += r.seconds
            texts += test.map(\.text)
        }
        return EvaluationReport.score(gold: gold, predicted: predicted, texts: texts, trainSeconds: seconds)
    }

    static func trainAndEvaluateRaw(train: TrainingData, test: [TrainingExample], config: NLUConfig) throws -> (gold: Labelled, predicted: Labelled, seconds: Double) {
        let start = Date()
        let engine = try NLUEngine.train(train, config: config)
        let seconds = Date().timeIntervalSince(start)
        let (gold, predicted) = predictions(engine, on: test)
        return (gold, predicted, seconds)
    }
}
