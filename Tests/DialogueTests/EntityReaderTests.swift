import Foundation
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

    @Test("folding ASCII byte by byte gives what the general path gives")
    func asciiFold() {
        func general(_ text: String) -> String {
            text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        }
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("aZ9 \t\n\r'!,.-?#$")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            #expect(EntityReader.fold(text) == general(text), "\(text.debugDescription)")
        }
        #expect(EntityReader.fold("  Crème\tBRÛLÉE  ") == "creme brulee")
    }

    @Test("edge punctuation goes as Foundation's trimming would take it")
    func edgePunctuation() {
        for text in ["cancel!", "¿cancel?", "...", "", "stop.", "«abort»", "cancel that!!", "a-b", "- cancel -"] {
            #expect(EntityReader(parse(text, [])).foldedWithoutEdgePunctuation == EntityReader.fold(text).trimmingCharacters(in: .punctuationCharacters), "\(text)")
        }
    }

    @Test("a negation counts in the three words before an entity, not before a correction cue")
    func negation() {
        func negated(_ text: String, _ word: String) -> Bool {
            let start = text.unicodeScalars.count - (text.unicodeScalars.split(separator: " ").last.map { $0.count } ?? 0)
            let e = ExtractedEntity(entity: "color", value: .string(word), text: word, start: start, end: text.unicodeScalars.count, extractor: "tagger", confidence: 1)
            return EntityReader(parse(text, [e])).isNegated(e)
        }
        #expect(negated("without red", "red"))
        #expect(negated("anything but not the red", "red"))
        #expect(!negated("no, I meant red", "red"), "the negation is before the correction")
        #expect(!negated("no. show me red", "red"))
        #expect(!negated("I actually want red", "red"))
        #expect(negated("Crème, not the red", "red"), "non-ASCII before the entity")
        #expect(!negated("red", "red"))
    }

    @Test("byte search finds the first and the last occurrence")
    func byteSearch() {
        let text = Array("a, b, c".utf8)
        #expect(UTF8Search.firstOffset(of: ",", in: text) == 1)
        #expect(UTF8Search.lastOffset(of: ",", in: text) == 4)
        #expect(UTF8Search.firstOffset(of: "c", in: text) == 6 && UTF8Search.lastOffset(of: "a", in: text) == 0)
        #expect(UTF8Search.firstOffset(of: "x", in: text) == nil && UTF8Search.firstOffset(of: "", in: text) == nil)
        #expect(UTF8Search.firstOffset(of: "a, b, c, d", in: text) == nil)
        #expect(UTF8Search.contains(" i meant ", in: "no i meant blue") && !UTF8Search.contains(" i meant ", in: "i meant blue"))
    }
}
