import NLU
import Testing
@testable import Dialogue

@Suite("Reading slots from a parse")
struct EntityReaderTests {
    func parse(_ text: String, _ entities: [ExtractedEntity]) -> Parse {
        Parse(text: text, intent: IntentScore(name: "add_to_cart", confidence: 0.9), ranking: [], entities: entities)
    }

    @Test("a quantity reads from the tagger's text, a builtin's count, or a bare number that is not a size")
    func quantity() {
        let tagged = ExtractedEntity(entity: "quantity", value: .string("3"), text: "3", start: 4, end: 5, extractor: "tagger", confidence: 1)
        #expect(EntityReader(parse("add 3 of those", [tagged])).quantity == 3)
        // The tagger's span with the builtin's resolved value ("2 pairs" → count 2).
        let builtin = ExtractedEntity(entity: "quantity", value: .object(["count": .number(2), "unit": .string("pair")]), text: "2", start: 4, end: 5, extractor: "tagger", confidence: 1)
        #expect(EntityReader(parse("add 2 pairs of socks", [builtin])).quantity == 2)
        let number = ExtractedEntity(entity: "number", value: .number(4), text: "4", start: 4, end: 5, extractor: "builtin", confidence: 1)
        #expect(EntityReader(parse("add 4", [number])).quantity == 4)
        let size = ExtractedEntity(entity: "size", value: .string("10"), text: "10", start: 10, end: 12, extractor: "tagger", confidence: 1)
        let ten = ExtractedEntity(entity: "number", value: .number(10), text: "10", start: 10, end: 12, extractor: "builtin", confidence: 1)
        #expect(EntityReader(parse("add size 10", [size, ten])).quantity == nil)
    }

    @Test("a cue phrase counts only as whole words, wherever it sits in the line, whatever the case and punctuation")
    func cuePhrases() {
        func has(_ text: String, _ phrases: [String]) -> Bool { EntityReader(parse(text, [])).has(phrases) }
        #expect(has("Show MORE, please", ["show more"]))
        #expect(has("it", ["it"]) && has("where is it?", ["it"]) && has("it's fine", ["it's"]))
        #expect(!has("add the item", ["it"]), "inside a word")
        #expect(!has("showmore", ["show more"]) && !has("show  more", ["more please"]))
        #expect(has("show   more", ["show more"]), "runs of spaces are one space")
        #expect(has("Crème brûlée, the cheaper one", ["cheaper", "creme"]))
        #expect(has("la crème", ["creme"]), "diacritics are folded")
        #expect(!has("", ["it"]) && !has("it", []) && !has("it", [""]))
    }
}
