import Foundation
import Testing
@testable import NLU

@Suite("Features and lookup tables")
struct FeaturesTests {
    @Test("the feature index maps keys to dense rows, survives growth and filters")
    func featureIndex() {
        var index = FeatureIndex(capacity: 2)
        var keys: [UInt64] = []
        for i in 0..<1000 { keys.append(FeatureHash.key(1, "f\(i)")) }
        for (i, k) in keys.enumerated() { #expect(index.insert(k) == Int32(i)) }
        #expect(index.insert(keys[5]) == 5)
        #expect(index.count == 1000)
        #expect(index.row(FeatureHash.key(1, "unknown")) == -1)
        #expect(keys.enumerated().allSatisfy { index.row($0.element) == Int32($0.offset) })
        let (even, map) = index.filtered { $0 % 2 == 0 }
        #expect(even.count == 500)
        #expect(even.row(keys[4]) == 2 && map[4] == 2 && map[3] == -1)
        #expect(even.row(keys[3]) == -1)
    }

    @Test("namespaces separate equal strings")
    func namespaces() {
        #expect(FeatureHash.key(1, "ab") != FeatureHash.key(3, "ab"))
        #expect(FeatureHash.key(1, "ab") == FeatureHash.key(1, "ab"))
    }

    @Test("token shapes", arguments: [("Nike", "Xx"), ("A10234", "Xd"), ("4k", "dx"), ("t-shirt", "x-x"), ("$49.99", "$d.d")])
    func shapes(text: String, shape: String) {
        #expect(TokenFeaturizer.shape(text) == shape)
    }

    @Test("intent vectors are L2-normalized per block and ignore unknown features")
    func intentVectors() {
        let tokenizer = Tokenizer()
        let lines = ["red shoes", "blue shoes", "red hats"].map { (tokens: tokenizer.tokenize($0), extras: [String]()) }
        var config = IntentFeatureConfig()
        config.minCharCount = 1
        config.wordVectors = false
        let f = IntentFeaturizer(fitting: lines, config: config)
        var scratch = IntentFeaturizer.Scratch()
        let (v, known) = f.vectorize(tokenizer.tokenize("red shoes"), extras: [], scratch: &scratch)
        #expect(known == 2)
        var norms: [UInt8: Float] = [:]
        for (r, x) in zip(v.rows, v.values) { norms[f.blocks[Int(r)], default: 0] += x * x }
        #expect(abs((norms[0] ?? 0) - 1) < 1e-4)
        #expect(abs((norms[1] ?? 0) - 1) < 1e-4)
        let (empty, none) = f.vectorize(tokenizer.tokenize("zzz"), extras: [], scratch: &scratch)
        #expect(none == 0 && empty.rows.allSatisfy { f.blocks[Int($0)] == 1 })
    }

    @Test("the word-vector block follows the n-gram rows with unit length")
    func vectorBlock() throws {
        let tokenizer = Tokenizer()
        let lines = ["red shoes", "blue shoes", "red hats"].map { (tokens: tokenizer.tokenize($0), extras: [String]()) }
        let f = IntentFeaturizer(fitting: lines, config: IntentFeatureConfig())
        let vectors = try #require(f.vectors)
        #expect(f.dimension == f.index.count + vectors.dimensions)
        var scratch = IntentFeaturizer.Scratch()
        let v = f.vectorize(tokenizer.tokenize("crimson sneakers"), extras: [], scratch: &scratch).vector
        let dense = zip(v.rows, v.values).filter { Int($0.0) >= f.index.count }
        #expect(dense.count == vectors.dimensions)
        #expect(abs(dense.reduce(0) { $0 + $1.1 * $1.1 } - 1) < 1e-3)
    }

    @Test("edit distance (with transpositions)", arguments: [
        ("adidas", "adiddas", 1), ("headphones", "hedphones", 1), ("nike", "nkie", 1), ("kitten", "sitting", 3), ("", "abc", 3), ("same", "same", 0),
    ])
    func editDistance(a: String, b: String, d: Int) {
        #expect(LookupTables.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: 5) == d)
    }

    func tables() -> LookupTables {
        var t = LookupTables()
        t.add(entity: "brand", values: ["Adidas", "Nike", "New Balance"])
        t.add(entity: "category", values: ["headphones", "running shoes", "shorts"])
        t.protect(["like", "shoes"])
        return t
    }

    func found(_ t: LookupTables, _ text: String) -> [String] {
        let tokens = Tokenizer().tokenize(text)
        return t.matches(tokens).map { "\($0.entity)=\($0.value)@\($0.distance)" }
    }

    @Test("lookup values match exactly and with bounded typos", arguments: [
        ("cheap adidas", ["brand=Adidas@0"]),
        ("cheap adiddas", ["brand=Adidas@1"]),
        ("wireless hedphones", ["category=headphones@1"]),
        ("new balanse sneakers", ["brand=New Balance@1"]),
        ("nike running shoes", ["brand=Nike@0", "category=running shoes@0"]),
        ("i like it", []),
        ("nkie", []),
        ("denim shortz", ["category=shorts@1"]),
        ("what sorts of questions", []),   // an English word, not a typo
    ])
    func lookups(text: String, expected: [String]) {
        #expect(found(tables(), text) == expected)
    }

    @Test("synonyms give the canonical value of a lookup entry")
    func synonyms() {
        var t = LookupTables()
        t.add(entity: "color", values: ["navy", "blue"], synonyms: ["navy": "blue"])
        #expect(found(t, "a navy coat") == ["color=blue@0"])
    }
}
