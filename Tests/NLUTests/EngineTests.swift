import Foundation
import Testing
@testable import NLU

@Suite("NLU engine")
struct EngineTests {
    @Test("train then parse: held-out intents and entity values come out right")
    func roundTrip() throws {
        let engine = try EngineFixtures.engine()
        let right = EngineFixtures.heldOut.filter { engine.parse($0.0).intent.name == $0.1 }
        #expect(right.count >= 7)
        let parse = engine.parse("show me white puma boots")
        #expect(parse.intent.name == "search_product")
        #expect(parse.entities.map(\.entity) == ["color", "brand"])
        #expect(parse.entities.first?.text == "white")
        #expect(parse.entities.first?.start == 8 && parse.entities.first?.end == 13)
        #expect(parse.ranking.count <= 5)
    }

    @Test("synonyms map a tagged value to its canonical value")
    func synonym() throws {
        let engine = try EngineFixtures.engine()
        let color = engine.parse("find navy socks").entities.first { $0.entity == "color" }
        #expect(color?.text == "navy")
        #expect(color?.value == .string("blue"))
    }

    @Test("lookups extended at run time are found, also with a typo")
    func extendLookup() throws {
        var engine = try EngineFixtures.engine()
        #expect(!engine.parse("i want reebok shoes").entities.contains { $0.value == .string("Reebok") })
        engine.extendLookup(entity: "brand", values: ["Reebok", "Under Armour"])
        let exact = engine.parse("i want reebok shoes").entities.first { $0.entity == "brand" }
        #expect(exact?.value == .string("Reebok"))
        let typo = engine.parse("i want rebok shoes").entities.first { $0.entity == "brand" }
        #expect(typo?.value == .string("Reebok"))
        #expect(typo?.text == "rebok")
        let adidas = engine.parse("show me adiddas sneakers").entities.first { $0.entity == "brand" }
        #expect(adidas?.value == .string("adidas"))
    }

    @Test("a lookup value made of training words is the tagger's call; one it never saw is reported")
    func lookupFallback() throws {
        var engine = try EngineFixtures.engine()
        // "package" occurs in training lines, never as an entity: the tagger has judged it.
        engine.extendLookup(entity: "category", values: ["package", "zorblats"])
        #expect(!engine.parse("track my package").entities.contains { $0.entity == "category" })
        engine.extendLookup(entity: "size", values: ["40"])
        #expect(!engine.parse("red shoes under 40").entities.contains { $0.entity == "size" })
        let unseen = engine.parse("show me zorblats").entities.first { $0.entity == "category" }
        #expect(unseen?.text == "zorblats" && unseen?.extractor == "lookup")
    }

    @Test("a typo is checked against the table word it matched, not the reported value")
    func typoJudgedByTableWord() throws {
        let engine = try EngineFixtures.engine()
        let tokens = engine.tokenizer.tokenize("track my pakage")
        // "pakage" repairs to the training word "package". Matched to the table word
        // "package" it is that value, whatever its canonical name (a synonym's target).
        let synonym = LookupTables.Match(entry: .init(entity: "category", value: "parcels", words: ["package"]), first: 2, last: 2, distance: 1)
        #expect(engine.taggerCannotJudge(synonym, tokens: tokens))
        // Matched to another table word that merely shares letters with the value, it is a
        // typo of "package", not of that word.
        let other = LookupTables.Match(entry: .init(entity: "category", value: "package deals", words: ["parkade"]), first: 2, last: 2, distance: 2)
        #expect(!engine.taggerCannotJudge(other, tokens: tokens))
    }

    @Test("a catalog value alone is not gibberish; a line of unknown words is, typos and elongations are not")
    func knownWords() throws {
        var engine = try EngineFixtures.engine()
        #expect(engine.parse("zorblat").intent.name == "out_of_scope")
        engine.extendLookup(entity: "brand", values: ["Zorblat"])
        #expect(engine.parse("zorblat").intent.name != "out_of_scope")
        #expect(engine.parse("zorblot").intent.name == "out_of_scope")   // a typo match alone is not a known word
        #expect(engine.parse("gronk wuzzle").intent.name == "out_of_scope")
        #expect(engine.parse("hellooooo").intent.name == "greet")
        #expect(engine.parse("wher is my parcle").intent.name == "order_status")
    }

    @Test("a rejected line ranks out_of_scope first; the intents below it share what is left")
    func rejectedRanking() throws {
        let engine = try EngineFixtures.engine()
        let gibberish = engine.parse("gronk wuzzle")
        #expect(gibberish.intent == IntentScore(name: "out_of_scope", confidence: 1))
        #expect(gibberish.ranking.first == gibberish.intent)
        #expect(gibberish.ranking.dropFirst().allSatisfy { $0.confidence == 0 })
        for line in ["gronk wuzzle", "is the weather nice in paris", "blorp my order"] {
            let ranking = engine.parse(line).ranking
            #expect(ranking.map(\.confidence).reduce(0, +) <= 1 + 1e-6, "\(line)")
            #expect(zip(ranking, ranking.dropFirst()).allSatisfy { $0.confidence >= $1.confidence }, "\(line)")
        }
    }

    @Test("the delexical view replaces each entity span by one token naming its type")
    func delexicalView() throws {
        let tokens = Tokenizer().tokenize("i want to see fear chamber tonight")
        let spans = [SlotTagger.Span(entity: "movie_name", first: 4, last: 5, confidence: 1), SlotTagger.Span(entity: "time", first: 6, last: 6, confidence: 1)]
        let view = try #require(NLUEngine.delexicalized(tokens, spans: spans))
        #expect(view.map(\.normalized) == ["i", "want", "to", "see", "<movie_name>", "<time>"])
        #expect(view[4].start == tokens[4].start && view[4].end == tokens[5].end)
        #expect(NLUEngine.delexicalized(tokens, spans: []) == nil)
        let engine = try EngineFixtures.engine()
        #expect(engine.classifier.delexical != nil)
        var config = EngineFixtures.config
        config.intent.delexicalize = false
        #expect(try NLUEngine.train(EngineFixtures.data(), config: config).classifier.delexical == nil)
    }

    @Test("the delexical model reads the line's frame: its distinct entity types, sorted; none is a frame too")
    func delexicalFrame() throws {
        let tokens = Tokenizer().tokenize("put abba on my party playlist by abba")
        let spans = [SlotTagger.Span(entity: "artist", first: 1, last: 1, confidence: 1), SlotTagger.Span(entity: "playlist", first: 4, last: 5, confidence: 1), SlotTagger.Span(entity: "artist", first: 8, last: 8, confidence: 1)]
        let view = try #require(NLUEngine.delexicalized(tokens, spans: spans))
        #expect(IntentClassifier.withFrame(view, extras: ["lk:brand"]) == ["lk:brand", "frame:<artist>,<playlist>"])
        #expect(IntentClassifier.withFrame(tokens, extras: []) == ["frame:"])
        let engine = try EngineFixtures.engine()
        #expect(engine.classifier.delexicalFrame)
        #expect(IntentClassifier.delexicalExtras(view, extras: [], frame: engine.classifier.delexicalFrame) == ["frame:<artist>,<playlist>"])
        var config = EngineFixtures.config
        config.intent.delexicalFrame = false
        let plain = try NLUEngine.train(EngineFixtures.data(), config: config)
        #expect(!plain.classifier.delexicalFrame)
        #expect(IntentClassifier.delexicalExtras(view, extras: ["x"], frame: plain.classifier.delexicalFrame) == ["x"])
    }

    @Test("the runner-up intent's own reading takes the line only when it beats the first reading by the margin")
    func runnerUpReading() throws {
        var engine = try EngineFixtures.engine()
        var scratch = NLUEngine.Scratch()
        // The fixture's model is sure of these lines: its runner-ups get under 1%.
        for line in ["hi thanks", "hello thank you", "good morning thanks a lot", "thanks hello there", "hey where is my order", "thanks for the red shoes", "hello red", "cheers morning"] {
            let tokens = engine.tokenizer.tokenize(line)
            let (marks, extras, known, _) = engine.marks(tokens, text: line, builtin: engine.builtins.extract(line, tokens: tokens))
            let lexical = engine.classifier.lexicalScores(tokens, extras: extras, scratch: &scratch.intent)
            let candidates = engine.classifier.bestInScope(lexical, count: 2)
            let inScopeByScore = engine.classifier.intents.indices
                .filter { engine.classifier.intents[$0] != IntentClassifier.outOfScope }
                .sorted { lexical.logits[$0] > lexical.logits[$1] }
                .map { engine.classifier.intents[$0] }
            #expect(candidates == Array(inScopeByScore.prefix(2)))
            engine.config.runnerUpMinProbability = 0.01
            let first = engine.read(tokens, as: candidates[0], lexical: lexical, extras: extras, marks: marks, knownTokens: known, scratch: &scratch)
            let second = engine.read(tokens, as: candidates[1], lexical: lexical, extras: extras, marks: marks, knownTokens: known, scratch: &scratch)
            #expect(first.ranking == engine.parse(line).ranking, "under 1%, the runner-up is not read again: \(line)")
            engine.config.runnerUpMinProbability = 0
            engine.config.runnerUpMargin = second.score - first.score - 1e-6
            #expect(engine.parse(line).ranking == second.ranking, "\(line)")
            engine.config.runnerUpMargin = second.score - first.score + 1e-6
            #expect(engine.parse(line).ranking == first.ranking, "\(line)")
            engine.config.runnerUpMargin = nil
            #expect(engine.parse(line).ranking == first.ranking, "\(line)")
            engine.config.runnerUpMargin = 0.15
        }
    }

    @Test("builtin entities are merged into the parse with resolved values")
    func builtins() throws {
        let engine = try EngineFixtures.engine()
        let parse = engine.parse("red shoes under $50")
        let range = parse.entities.first { $0.entity == "price_range" }
        #expect(range?.extractor == "builtin")
        #expect(range?.value["max"] == .number(50))
        #expect(parse.entities.contains { $0.entity == "color" && $0.text == "red" })
    }

    @Test("empty and odd lines parse without entities and fall out of scope", arguments: ["", "   ", "🙂🙂", "??!!"])
    func oddLines(_ text: String) throws {
        let engine = try EngineFixtures.engine()
        let parse = engine.parse(text)
        #expect(parse.text == text)
        #expect(parse.entities.isEmpty)
    }

    @Test("no examples is an error that says what to add")
    func noExamples() {
        #expect(throws: NLUEngineError.noExamples) { try NLUEngine.train(TrainingData()) }
    }
}
