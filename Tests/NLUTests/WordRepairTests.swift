import Testing
@testable import NLU

@Suite("Repair of words the intent model never saw")
struct WordRepairTests {
    let repair = WordRepair(counts: ["hi": 5, "hello": 4, "bye": 3, "yes": 6, "checkout": 3, "thanks": 7, "where": 4, "order": 9, "good": 4, "god": 1, "wardrobe": 1])

    @Test("elongated words read as the training word", arguments: [
        ("hiiii", "hi"), ("helloooo", "hello"), ("byeee", "bye"), ("yesss", "yes"), ("thaaanks", "thanks"),
    ])
    func elongation(typed: String, expected: String) {
        #expect(repair.repair(typed) == expected)
    }

    @Test("one edit from a training word seen at least twice", arguments: [
        ("chekout", "checkout"), ("thnks", "thanks"), ("wher", "where"), ("ordr", "order"), ("thnaks", "thanks"),
    ])
    func typos(typed: String, expected: String) {
        #expect(repair.repair(typed) == expected)
    }

    @Test("known, short, far, non-alphabetic and one-off targets are left alone")
    func leftAlone() {
        #expect(repair.repair("hello") == nil)          // known
        #expect(repair.repair("yas") == nil)            // 3 letters, no doubled letter
        #expect(repair.repair("flibber") == nil)        // nothing close
        #expect(repair.repair("a10234") == nil)         // not a word
        #expect(repair.repair("wardrobr") == nil)       // "wardrobe" occurs once: not a typo target
    }

    @Test("the intent featurizer counts a repaired word as known")
    func featurizerUsesRepair() {
        let tokenizer = Tokenizer()
        let lines = ["hello there", "hello friend", "where is my order", "where is my order please"].map { (tokens: tokenizer.tokenize($0), extras: [String]()) }
        let f = IntentFeaturizer(fitting: lines, config: IntentFeatureConfig())
        var scratch = IntentFeaturizer.Scratch()
        #expect(f.vectorize(tokenizer.tokenize("helloooo"), extras: [], scratch: &scratch).knownWords == 1)
        #expect(f.vectorize(tokenizer.tokenize("wher is my ordr"), extras: [], scratch: &scratch).knownWords == 4)
        #expect(f.vectorize(tokenizer.tokenize("gronk"), extras: [], scratch: &scratch).knownWords == 0)
    }
}
