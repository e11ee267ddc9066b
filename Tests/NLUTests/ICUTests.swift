import Testing
@testable import NLU

@Suite("ICU shim")
struct ICUTests {
    @Test("folding removes case and diacritics", arguments: [("Crème", "creme"), ("Straße", "strasse"), ("ÆRØ", "aero"), ("", "")])
    func folding(input: String, expected: String) {
        #expect(ICU.fold(input) == expected)
    }

    @Test("word segments cover the text with offsets")
    func segments() {
        let text = Array("red shoes, size 10".utf16)
        let segments = ICU.wordSegments(text)
        #expect(segments.first?.start == 0)
        #expect(segments.last?.end == text.count)
        let words = segments.filter { $0.ruleStatus >= 100 }.map { String(decoding: text[$0.start..<$0.end], as: UTF16.self) }
        #expect(words == ["red", "shoes", "size", "10"])
    }

    @Test("the Swift fast paths fold exactly as the ICU transliterator does")
    func fastPathsMatchICU() {
        let latin = String(String.UnicodeScalarView((0x20...0x24F).compactMap(Unicode.Scalar.init)))
        let samples = [latin, "Crème Brûlée", "ÇA VA", "Œuvre Ærø Łódź Đakovo Þór", "İstanbul", "naïve café", "HELLO world 123", "Ǆemal"]
        for sample in samples {
            #expect(ICU.fold(sample) == ICU.transliterate(sample), "\(sample)")
        }
    }
}
