import Foundation

/// Precision, recall and F1 with the counts behind them.
public struct PRF: Sendable, Hashable, Codable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var tp: Int
    public var fp: Int
    public var fn: Int

    public init(tp: Int, fp: Int, fn: Int) {
        self.tp = tp; self.fp = fp; self.fn = fn
        precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
        recall = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
        f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }
}

/// A pair of intents the model mixed up, and how often.
public struct Confusion: Sendable, Hashable, Codable {
    public var gold: String
    public var predicted: String
    public var count: Int
}

/// A test line whose intent the model got wrong: what it said, what it should have said.
public struct Misclassified: Sendable, Hashable, Codable {
    public var text: String
    public var gold: String
    public var predicted: String
}

/// A test line whose entities differ from the gold ones: the spans the model missed and
/// the ones it found that the data does not have, each as `type "text"`.
public struct EntityMismatch: Sendable, Hashable, Codable {
    public var text: String
    public var missed: [String]
    public var spurious: [String]
}

/// An entity span for scoring: it counts only when type and exact span match.
public struct ScoredSpan: Sendable, Hashable {
    public var entity: String
    public var start: Int
    public var end: Int
    public init(entity: String, start: Int, end: Int) { self.entity = entity; self.start = start; self.end = end }
}

/// The metrics of one evaluation; encodes to the JSON of `shopassist nlu eval --json`.
public struct EvaluationReport: Sendable, Hashable, Codable {
    public var intentAccuracy: Double
    public var intentMacroF1: Double
    /// Accuracy over test lines whose true intent is not `out_of_scope`.
    public var inScopeAccuracy: Double
    /// Share of `out_of_scope` test lines predicted out of scope; nil when there are none.
    public var oosRecall: Double?
    public var entityPrecision: Double
    public var entityRecall: Double
    public var entityF1: Double
    public var perIntent: [String: PRF]
    public var perEntity: [String: PRF]
    /// The most frequent (gold, predicted) mix-ups, most frequent first.
    public var confusions: [Confusion]
    public var trainSeconds: Double
    public var testExamples: Int
    /// Every test line with a wrong intent, in test order (empty when the texts were not given).
    public var misclassified: [Misclassified] = []
    /// Every test line whose entities differ from the gold ones, in test order (empty when
    /// the texts were not given).
    public var entityMismatches: [EntityMismatch] = []

    enum CodingKeys: String, CodingKey {
        case intentAccuracy = "intent_accuracy", intentMacroF1 = "intent_macro_f1", inScopeAccuracy = "in_scope_accuracy"
        case oosRecall = "oos_recall", entityPrecision = "entity_precision", entityRecall = "entity_recall", entityF1 = "entity_f1"
        case perIntent = "per_intent", perEntity = "per_entity", confusions, trainSeconds = "train_seconds", testExamples = "test_examples"
        case misclassified, entityMismatches = "entity_mismatches"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(intentAccuracy, forKey: .intentAccuracy)
        try c.encode(intentMacroF1, forKey: .intentMacroF1)
        try c.encode(inScopeAccuracy, forKey: .inScopeAccuracy)
        if let oosRecall { try c.encode(oosRecall, forKey: .oosRecall) } else { try c.encodeNil(forKey: .oosRecall) }
        try c.encode(entityPrecision, forKey: .entityPrecision)
        try c.encode(entityRecall, forKey: .entityRecall)
        try c.encode(entityF1, forKey: .entityF1)
        try c.encode(perIntent, forKey: .perIntent)
        try c.encode(perEntity, forKey: .perEntity)
        try c.encode(confusions, forKey: .confusions)
        try c.encode(trainSeconds, forKey: .trainSeconds)
        try c.encode(testExamples, forKey: .testExamples)
        try c.encode(misclassified, forKey: .misclassified)
        try c.encode(entityMismatches, forKey: .entityMismatches)
    }

    /// Scores predictions against gold labels.
    ///
    /// - Parameters:
    ///   - gold / predicted: per test line, the intent and the entity spans.
    ///   - texts: per test line, its text, to list the misclassified lines (may be empty).
    ///   - outOfScope: the intent name that marks out-of-scope lines.
    public static func score(gold: [(intent: String, entities: [ScoredSpan])], predicted: [(intent: String, entities: [ScoredSpan])], texts: [String] = [], outOfScope: String = IntentClassifier.outOfScope, trainSeconds: Double = 0, maxConfusions: Int = 20) -> EvaluationReport {
        precondition(gold.count == predicted.count, "one prediction per gold line")
        var correct = 0, inScope = 0, inScopeCorrect = 0, oos = 0, oosCaught = 0
        var itp: [String: Int] = [:], ifp: [String: Int] = [:], ifn: [String: Int] = [:]
        var pairs: [String: [String: Int]] = [:]
        var etp: [String: Int] = [:], efp: [String: Int] = [:], efn: [String: Int] = [:]
        var types = Set<String>()
        var misclassified: [Misclassified] = []
        var mismatches: [EntityMismatch] = []
        for (i, (g, p)) in zip(gold, predicted).enumerated() {
            if g.intent == p.intent {
                correct += 1
                itp[g.intent, default: 0] += 1
            } else {
                if i < texts.count { misclassified.append(Misclassified(text: texts[i], gold: g.intent, predicted: p.intent)) }
                ifp[p.intent, default: 0] += 1
                ifn[g.intent, default: 0] += 1
                pairs[g.intent, default: [:]][p.intent, default: 0] += 1
            }
            if g.intent == outOfScope {
                oos += 1
                if p.intent == outOfScope { oosCaught += 1 }
            } else {
                inScope += 1
                if g.intent == p.intent { inScopeCorrect += 1 }
            }
            let gs = Set(g.entities), ps = Set(p.entities)
            for s in gs { types.insert(s.entity); if ps.contains(s) { etp[s.entity, default: 0] += 1 } else { efn[s.entity, default: 0] += 1 } }
            for s in ps where !gs.contains(s) { types.insert(s.entity); efp[s.entity, default: 0] += 1 }
            if gs != ps, i < texts.count {
                let scalars = Array(texts[i].unicodeScalars)
                func show(_ s: ScoredSpan) -> String {
                    let text = s.start >= 0 && s.start < s.end && s.end <= scalars.count ? String(String.UnicodeScalarView(scalars[s.start..<s.end])) : ""
                    return "\(s.entity) \"\(text)\""
                }
                func ordered(_ spans: Set<ScoredSpan>) -> [ScoredSpan] { spans.sorted { ($0.start, $0.end, $0.entity) < ($1.start, $1.end, $1.entity) } }
                mismatches.append(EntityMismatch(text: texts[i], missed: ordered(gs.subtracting(ps)).map(show), spurious: ordered(ps.subtracting(gs)).map(show)))
            }
        }
        var perIntent: [String: PRF] = [:]
        for name in Set(gold.map(\.intent)).union(predicted.map(\.intent)) {
            perIntent[name] = PRF(tp: itp[name] ?? 0, fp: ifp[name] ?? 0, fn: ifn[name] ?? 0)
        }
        var perEntity: [String: PRF] = [:]
        for t in types { perEntity[t] = PRF(tp: etp[t] ?? 0, fp: efp[t] ?? 0, fn: efn[t] ?? 0) }
        let micro = PRF(tp: etp.values.reduce(0, +), fp: efp.values.reduce(0, +), fn: efn.values.reduce(0, +))
        var confusions: [Confusion] = []
        for (g, row) in pairs { for (p, n) in row { confusions.append(Confusion(gold: g, predicted: p, count: n)) } }
        confusions.sort { $0.count != $1.count ? $0.count > $1.count : ($0.gold, $0.predicted) < ($1.gold, $1.predicted) }
        let n = Double(max(1, gold.count))
        return EvaluationReport(
            intentAccuracy: Double(correct) / n,
            // Summed in name order: a dictionary's order changes from run to run, and with it the last bit of the sum.
            intentMacroF1: perIntent.isEmpty ? 0 : perIntent.sorted { $0.key < $1.key }.map(\.value.f1).reduce(0, +) / Double(perIntent.count),
            inScopeAccuracy: inScope == 0 ? 0 : Double(inScopeCorrect) / Double(inScope),
            oosRecall: oos == 0 ? nil : Double(oosCaught) / Double(oos),
            entityPrecision: micro.precision, entityRecall: micro.recall, entityF1: micro.f1,
            perIntent: perIntent, perEntity: perEntity, confusions: Array(confusions.prefix(maxConfusions)),
            trainSeconds: trainSeconds, testExamples: gold.count, misclassified: misclassified, entityMismatches: mismatches)
    }
}
