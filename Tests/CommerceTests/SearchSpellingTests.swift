import Testing
@testable import Commerce

@Suite("Search: did you mean")
struct SearchSpellingTests {
    static let index = SpellingIndex(frequencies: [
        "samsung": 120, "sony": 300, "headphones": 900, "headset": 40, "trailblaze": 60,
        "running": 500, "shoes": 700, "shoe": 20, "jacket": 200, "red": 80, "tv": 50,
    ])

    @Test("a misspelled word is corrected to the nearest catalog word", arguments: [
        ("samsnug", "samsung"),   // swapped neighbours
        ("hedphones", "headphones"), // one deletion
        ("trailblaz", "trailblaze"),
        ("runnning", "running"),  // one insertion
        ("jackit", "jacket"),     // substitution
        ("shoez", "shoes"),
    ])
    func corrects(typo: String, expected: String) {
        #expect(Self.index.correction(for: typo)?.word == expected)
    }

    @Test("known words, short words and far-off words are left alone", arguments: ["sony", "tv", "xq", "zzzzzzzz", "blender"])
    func leavesAlone(word: String) {
        #expect(Self.index.correction(for: word) == nil)
    }

    @Test("ties in distance go to the more frequent word")
    func tieBreaksOnFrequency() {
        // "shoe" and "shoes" are both one edit from "shoea"; "shoes" is far more common.
        #expect(Self.index.correction(for: "shoea")?.word == "shoes")
    }

    @Test("edit distance counts a swap of neighbours as one edit", arguments: [
        ("abc", "abc", 0), ("abc", "acb", 1), ("kitten", "sitting", 3), ("", "abc", 3), ("flaw", "lawn", 2),
    ])
    func editDistance(a: String, b: String, d: Int) {
        #expect(SpellingIndex.editDistance(a, b) == d)
    }
}
