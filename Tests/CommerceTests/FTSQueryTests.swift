import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("FTS query path")
struct FTSQueryTests {
    @Test("user text becomes a quoted, operator-free FTS5 expression", arguments: [
        ("wireless headphones", "\"wireless\" AND \"headphones\""),
        ("Show me some RED running shoes!", "\"red\" AND \"running\" AND \"shoes\""),
        ("\"quoted\" NEAR(a b) -minus *star", "\"quoted\" AND \"near\" AND \"minus\" AND \"star\""),
        ("title:laptop OR brand:x", "\"title\" AND \"laptop\" AND \"brand\""),
        ("Café crème", "\"café\" AND \"crème\""),
        ("16GB 15.6 inch", "\"16gb\" AND \"15\" AND \"6\" AND \"inch\""),
        ("the", "\"the\""),
    ])
    func expressions(text: String, expected: String) {
        #expect(FTSQuery(text).matchExpression() == expected)
    }

    @Test("text with no letters or digits gives no expression", arguments: ["", "   ", "\"\"", "*", "-", "()", "💥🔥", "&&||"])
    func empty(text: String) {
        #expect(FTSQuery(text).matchExpression() == nil)
    }

    @Test("any-mode joins with OR and prefix-mode stars the last term")
    func modes() {
        let query = FTSQuery("trail shoe")
        #expect(query.matchExpression(.any) == "\"trail\" OR \"shoe\"")
        #expect(query.matchExpression(prefixLast: true) == "\"trail\" AND \"shoe\"*")
    }

    @Test("very long text is cut to a bounded number of terms")
    func bounded() {
        let text = (0..<500).map { "word\($0)" }.joined(separator: " ")
        #expect(FTSQuery(text).terms.count == FTSQuery.maxTerms)
    }

    static let hostile: [String] = [
        "\"", "\"\"\"", "'", "''; DROP TABLE products; --", "NEAR", "NEAR(", "AND", "OR OR OR", "NOT", "a AND",
        "(((", ")))", "*", "**", "-", "--", "^", "title:", ":", "{col}", "[x]", "laptop\"", "\u{0}", "\u{FEFF}",
        "e\u{301}", "ﬁ", "Zalgo z̸̡͚a̵l̶g̷o", "日本語のヘッドホン", "наушники", "سماعات", "👩‍👩‍👧‍👦 headphones",
        String(repeating: "(", count: 5_000), String(repeating: "a ", count: 5_000), "%_%", "\\", "\t\n\r",
    ]

    @Test("hostile query text never raises an FTS error", arguments: hostile)
    func hostileText(text: String) throws {
        let store = try DemoFixture.shop()
        _ = try store.database.read { db in try ProductTextSearch.search(db, text: text) }
    }

    @Test("a brand name finds that brand's products")
    func brand() throws {
        let store = try DemoFixture.shop()
        let (brand, result) = try store.database.read { db in
            let brand = try #require(try String.fetchOne(db, sql: "SELECT brand FROM products GROUP BY brand ORDER BY COUNT(*) DESC LIMIT 1"))
            return (brand, try ProductTextSearch.search(db, text: brand.lowercased(), limit: 10))
        }
        #expect(result.matches.count == 10)
        #expect(result.matches.allSatisfy { $0.product.brand == brand })
    }

    @Test("a category word, singular or plural, finds that category first", arguments: [
        ("headphones", "Headphones"), ("laptop", "Laptops"), ("running shoes", "Running Shoes"),
        ("tent", "Tents"), ("smartwatch", "Smartwatches"), ("blenders", "Blenders"),
    ])
    func category(text: String, category: String) throws {
        let store = try DemoFixture.shop()
        let result = try store.database.read { db in try ProductTextSearch.search(db, text: text, limit: 5) }
        #expect(result.matches.count == 5)
        #expect(result.matches.allSatisfy { $0.product.category == category }, "\(result.matches.map(\.product.title))")
    }

    @Test("matches come best score first")
    func ranked() throws {
        let store = try DemoFixture.shop()
        let result = try store.database.read { db in try ProductTextSearch.search(db, text: "waterproof jacket", limit: 30) }
        #expect(!result.matches.isEmpty)
        #expect(result.matches.map(\.score) == result.matches.map(\.score).sorted())
    }

    @Test("a misspelt word is repaired against the catalog's words", arguments: [
        ("headphnes", "Headphones"), ("laptpos", "Laptops"), ("smartwach", "Smartwatches"), ("backpak", "Backpacks"),
    ])
    func spelling(text: String, category: String) throws {
        let store = try DemoFixture.shop()
        let result = try store.database.read { db in try ProductTextSearch.search(db, text: text, limit: 5) }
        #expect(result.corrections[text] != nil)
        #expect(!result.matches.isEmpty)
        #expect(result.matches.allSatisfy { $0.product.category == category }, "\(result.matches.map(\.product.title))")
    }

    @Test("when no product has every word, products with some words still come back")
    func fallsBackToAny() throws {
        let store = try DemoFixture.shop()
        let result = try store.database.read { db in try ProductTextSearch.search(db, text: "laptop zzyzzyq", limit: 5) }
        #expect(result.mode == .any)
        #expect(result.matches.allSatisfy { $0.product.category.contains("Laptop") || $0.product.title.contains("Laptop") })
    }

    @Test("a word nowhere in the catalog finds nothing instead of something random")
    func nothing() throws {
        let store = try DemoFixture.shop()
        let result = try store.database.read { db in try ProductTextSearch.search(db, text: "qwxzv", limit: 5) }
        #expect(result.matches.isEmpty)
    }

    @Test("matchingIDs agrees with the ranked search")
    func ids() throws {
        let store = try DemoFixture.shop()
        try store.database.read { db in
            let ids = try ProductTextSearch.matchingIDs(db, FTSQuery("coffee"))
            let ranked = try ProductTextSearch.run(db, FTSQuery("coffee"), .all, limit: 10_000)
            #expect(Set(ids) == Set(ranked.compactMap(\.product.id)))
            #expect(!ids.isEmpty)
        }
    }

    @Test("edit distance counts insertions, deletions, substitutions and transpositions", arguments: [
        ("laptop", "laptop", 0), ("laptpo", "laptop", 1), ("lapto", "laptop", 1), ("laptopx", "laptop", 1), ("kaptop", "laptop", 1), ("abcdef", "zzzzzz", 3),
    ])
    func distance(a: String, b: String, expected: Int) {
        #expect(ProductTextSearch.damerauLevenshtein(Array(a), Array(b), limit: 2) == min(expected, 3))
    }
}
