import Foundation
import Testing
@testable import NLU

@Suite("Evaluation metrics")
struct EvalTests {
    func span(_ e: String, _ s: Int, _ t: Int) -> ScoredSpan { ScoredSpan(entity: e, start: s, end: t) }

    @Test("lines with wrong entities list what was missed and what was extra, with their text")
    func entityMismatches() {
        let texts = ["red nike shoes", "blue socks"]
        let gold: [(intent: String, entities: [ScoredSpan])] = [("s", [span("color", 0, 3), span("brand", 4, 8)]), ("s", [span("color", 0, 4)])]
        let predicted: [(intent: String, entities: [ScoredSpan])] = [("s", [span("color", 0, 3), span("brand", 4, 14)]), ("s", [span("color", 0, 4)])]
        let r = EvaluationReport.score(gold: gold, predicted: predicted, texts: texts)
        #expect(r.entityMismatches == [EntityMismatch(text: "red nike shoes", missed: ["brand \"nike\""], spurious: ["brand \"nike shoes\""])])
        #expect(EvaluationText.render(r).contains("red nike shoes  missed brand \"nike\"  spurious brand \"nike shoes\""))
    }

    @Test("metrics on a hand-made confusion")
    func arithmetic() {
        // gold:      a a a b b out_of_scope out_of_scope
        // predicted: a a b b a out_of_scope a
        let gold: [(intent: String, entities: [ScoredSpan])] = [
            ("a", [span("color", 0, 3)]), ("a", []), ("a", [span("brand", 4, 8)]), ("b", []), ("b", []),
            ("out_of_scope", []), ("out_of_scope", []),
        ]
        let predicted: [(intent: String, entities: [ScoredSpan])] = [
            ("a", [span("color", 0, 3)]), ("a", [span("color", 1, 2)]), ("b", [span("brand", 4, 7)]), ("b", []), ("a", []),
            ("out_of_scope", []), ("a", []),
        ]
        let texts = ["l0", "l1", "l2", "l3", "l4", "l5", "l6"]
        let r = EvaluationReport.score(gold: gold, predicted: predicted, texts: texts)
        #expect(abs(r.intentAccuracy - 4.0 / 7) < 1e-9)
        #expect(r.misclassified.map(\.text) == ["l2", "l4", "l6"])
        #expect(r.misclassified.first == Misclassified(text: "l2", gold: "a", predicted: "b"))
        #expect(abs(r.inScopeAccuracy - 3.0 / 5) < 1e-9)
        #expect(r.oosRecall == 0.5)
        // a: tp 2, fp 2 (b→a, oos→a), fn 1 → P .5 R 2/3
        let a = r.perIntent["a"]
        #expect(a?.tp == 2 && a?.fp == 2 && a?.fn == 1)
        #expect(abs((a?.f1 ?? 0) - (2 * 0.5 * (2.0 / 3)) / (0.5 + 2.0 / 3)) < 1e-9)
        // b: tp 1, fp 1, fn 1 → F1 .5; oos: tp 1, fp 0, fn 1 → F1 2/3
        #expect(r.perIntent["b"]?.f1 == 0.5)
        let macro = ((a?.f1 ?? 0) + 0.5 + 2.0 / 3) / 3
        #expect(abs(r.intentMacroF1 - macro) < 1e-9)
        // entities: color tp1 fp1; brand fp1 fn1 (span off by one does not count)
        #expect(r.perEntity["color"] == PRF(tp: 1, fp: 1, fn: 0))
        #expect(r.perEntity["brand"] == PRF(tp: 0, fp: 1, fn: 1))
        #expect(abs(r.entityPrecision - 1.0 / 3) < 1e-9 && abs(r.entityRecall - 0.5) < 1e-9)
        #expect(abs(r.entityF1 - 0.4) < 1e-9)
        #expect(r.confusions.count == 3 && r.confusions.allSatisfy { $0.count == 1 })
        #expect(r.testExamples == 7)
    }

    @Test("the JSON report has the documented keys and null oos_recall without out_of_scope")
    func json() throws {
        let r = EvaluationReport.score(gold: [("a", [])], predicted: [("a", [])])
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(r)) as? [String: Any]
        let keys = ["intent_accuracy", "intent_macro_f1", "in_scope_accuracy", "oos_recall", "entity_precision", "entity_recall",
                    "entity_f1", "per_intent", "per_entity", "confusions", "train_seconds", "test_examples"]
        for k in keys { #expect(object?[k] != nil, "missing \(k)") }
        #expect(object?["oos_recall"] is NSNull)
        #expect(r.intentAccuracy == 1)
    }

    @Test("train/test evaluation and cross-validation score a real engine")
    func evaluate() throws {
        let data = try EngineFixtures.data()
        let test = EngineFixtures.heldOut.map { TrainingExample(text: $0.0, intent: $0.1) }
        let r = try Evaluator.trainAndEvaluate(train: data, test: test, config: EngineFixtures.config)
        #expect(r.testExamples == test.count)
        #expect(r.intentAccuracy >= 0.85)
        #expect(r.trainSeconds > 0)
        let cv = try Evaluator.crossValidate(data, folds: 3, config: EngineFixtures.config)
        #expect(cv.testExamples == data.examples.count)
        #expect(cv.intentAccuracy > 0.6)
        #expect(cv.entityF1 > 0.5)
    }
}
