import Foundation
import Testing
@testable import NLU

@Suite("Slot tagger")
struct TaggerTests {
    let tokenizer = Tokenizer()

    func tagger() throws -> SlotTagger? {
        let data = try EngineFixtures.data()
        let examples = data.examples.map { SlotTagger.Example(tokens: tokenizer.tokenize($0.text), intent: $0.intent, marks: [], entities: $0.entities) }
        return SlotTagger.train(examples, config: EngineFixtures.config.tagger)
    }

    func spans(_ tagger: SlotTagger, _ text: String, intent: String = "search_product") -> [String] {
        var scratch = SlotTagger.Scratch()
        let tokens = tokenizer.tokenize(text)
        return tagger.tag(tokens, intent: intent, marks: [], scratch: &scratch).map { s in
            "\(s.entity):" + tokens[s.first...s.last].map(\.text).joined(separator: " ")
        }
    }

    @Test("the tagger learns color and brand spans in lines it never saw")
    func learnsSpans() throws {
        let tagger = try #require(try tagger())
        #expect(spans(tagger, "show me white boots") == ["color:white"])
        #expect(spans(tagger, "do you have puma sneakers in green") == ["brand:puma", "color:green"])
        #expect(spans(tagger, "where is my order", intent: "order_status") == [])
    }

    @Test("no annotated entity means no tagger")
    func noEntities() {
        let ex = SlotTagger.Example(tokens: tokenizer.tokenize("hello"), intent: "greet", marks: [], entities: [])
        #expect(SlotTagger.train([ex], config: SlotTaggerConfig()) == nil)
    }

    @Test("gold BIO labels follow the annotated character spans")
    func goldLabels() {
        let tokens = tokenizer.tokenize("find new balance shoes in dark blue")
        let labels = BIOLabels(entityTypes: ["brand", "color"])
        let gold = SlotTagger.goldLabels(tokens, entities: [
            EntityAnnotation(entity: "brand", value: "new balance", start: 5, end: 16),
            EntityAnnotation(entity: "color", value: "dark blue", start: 26, end: 35),
        ], labels: labels, typeIndex: ["brand": 0, "color": 1])
        #expect(gold.map(labels.name) == ["O", "B-brand", "I-brand", "O", "O", "B-color", "I-color"])
    }

    @Test("BIO constraints: I-x only after B-x or I-x", arguments: [
        (-1, 2, false), (-1, 1, true), (0, 2, false), (1, 2, true), (2, 2, true), (3, 2, false), (1, 4, false), (2, 0, true),
    ])
    func constraints(prev: Int, cur: Int, allowed: Bool) {
        #expect(BIOLabels.allowed(prev, cur) == allowed)
    }

    @Test("Viterbi prefers a valid path over the best per-token labels")
    func viterbi() {
        // Labels O, B-x, I-x. Token 0 prefers I-x (not allowed at the start), token 1 prefers I-x.
        let L = 3, W = L + 1
        var transitions = [Float](repeating: 0, count: L * W)
        for cur in 0..<L { for p in -1..<L where !BIOLabels.allowed(p, cur) { transitions[cur * W + p + 1] = -1e9 } }
        let e: [Float] = [0, 1, 2, 0, 0, 3]
        var delta: [Float] = [], back: [Int32] = []
        let path = SequenceModel.viterbi(e, n: 2, labelCount: L, transitions: transitions, delta: &delta, back: &back)
        #expect(path == [1, 2])
    }

    @Test("the best predecessor is the plain scan's: its score and first index, ties and any length", arguments: [1, 3, 4, 7, 8, 79])
    func bestPredecessor(count: Int) {
        var rng = SplitMix64(seed: UInt64(count))
        for _ in 0..<200 {
            // Few distinct values, so that ties are common; some transitions forbidden.
            let scores = (0..<count).map { _ in Float(Int(rng.next() % 5)) - 2 }
            let transitions = (0..<count).map { _ in rng.next() % 7 == 0 ? -1e9 : Float(Int(rng.next() % 3)) }
            var best = -Float.infinity, arg = 0
            for p in 0..<count { let s = scores[p] + transitions[p]; if s > best { best = s; arg = p } }
            let fast = SequenceModel.bestPredecessor(scores, transitions, count: count)
            #expect(fast.0 == best)
            #expect(fast.1 == arg)
        }
    }
}
