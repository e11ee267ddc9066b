import Testing
@testable import Commerce

@Suite("Search: completion index")
struct CompletionIndexTests {
    static let index = CompletionIndex(
        phrases: [
            .init(text: "Headphones", weight: 50, kind: .category),
            .init(text: "noise cancelling headphones", weight: 30, kind: .query),
            .init(text: "noise cancelling earbuds", weight: 10, kind: .query),
            .init(text: "Nike", weight: 40, kind: .brand),
            .init(text: "running shoes", weight: 60, kind: .category),
        ],
        products: [
            .init(id: 1, title: "Sonora Quiet 700 Noise-Cancelling Headphones", weight: 9),
            .init(id: 2, title: "Sonora Buds Noise Cancelling Earbuds", weight: 5),
            .init(id: 3, title: "Nike Pegasus Running Shoe", weight: 7),
            .init(id: 4, title: "Budget Wired Headphones", weight: 1),
            .init(id: 5, title: "Noise Machine for Sleep", weight: 3),
        ]
    )

    @Test("a partly typed phrase completes to queries and products")
    func noiseCanc() {
        let c = Self.index.complete("noise canc")
        #expect(c.queries.map(\.text) == ["noise cancelling headphones", "noise cancelling earbuds"])
        #expect(c.products.map(\.productID) == [1, 2])
    }

    @Test("a word in the middle of a phrase also completes it")
    func middleOfPhrase() {
        #expect(Self.index.complete("canc").queries.map(\.text) == ["noise cancelling headphones", "noise cancelling earbuds"])
    }

    @Test("phrases that start with the typed text come before ones that contain it")
    func startsFirst() {
        let texts = Self.index.complete("head").queries.map(\.text)
        #expect(texts.first == "headphones")
        #expect(texts.contains("noise cancelling headphones"))
    }

    @Test("products come best-weighted first and must match every typed word")
    func productsRanked() {
        #expect(Self.index.complete("noise").products.map(\.productID) == [1, 2, 5])
        #expect(Self.index.complete("headphones").products.map(\.productID) == [1, 4])
        #expect(Self.index.complete("sonora ear").products.map(\.productID) == [2])
    }

    @Test("a trailing space makes the last word whole")
    func trailingSpace() {
        #expect(Self.index.complete("bud").products.map(\.productID) == [2, 4]) // "Buds", "Budget"
        #expect(Self.index.complete("buds ").products.map(\.productID) == [2])
    }

    @Test("nothing typed or nothing known proposes nothing", arguments: ["", "   ", "zzz", "noise zzz"])
    func nothing(input: String) {
        let c = Self.index.complete(input)
        #expect(c.products.isEmpty)
        #expect(c.queries.isEmpty)
    }

    @Test("case and accents do not matter")
    func folding() {
        #expect(Self.index.complete("NÏKE").queries.map(\.text) == ["nike"])
        #expect(Self.index.complete("NÏKE").products.map(\.productID) == [3])
    }
}
