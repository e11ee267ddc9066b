import Foundation
import Testing
@testable import Commerce

@Suite("Catalog field parsing")
struct CatalogFieldParsingTests {
    @Test("prices with and without currency parse exactly", arguments: [
        ("28.00 USD", "28.00", "USD"),
        ("59500 ARS", "59500.00", "ARS"),
        ("32.0 USD", "32.00", "USD"),
        ("69.99", "69.99", "EUR"),
        ("50", "50.00", "EUR"),
        ("79 CZK", "79.00", "CZK"),
        ("1,299.00 GBP", "1299.00", "GBP"),
        ("$12.50", "12.50", "USD"),
        ("0.00", "0.00", "EUR"),
    ])
    func pricesParse(raw: String, amount: String, currency: String) throws {
        let money = try FieldParsing.price(raw, defaultCurrency: "EUR").get()
        #expect(money.plainAmount == amount)
        #expect(money.currency == currency)
    }

    @Test("ambiguous or non-numeric prices are refused, not guessed", arguments: [
        ("60,00", FieldParsing.PriceProblem.ambiguousComma("60,00")),
        ("1,299", .ambiguousComma("1,299")),
        ("eighty", .notANumber("eighty")),
        ("", .empty),
        ("12.50.1", .notANumber("12.50.1")),
        ("-3.00", .negative("-3.00")),
    ])
    func badPrices(raw: String, problem: FieldParsing.PriceProblem) {
        #expect(throws: problem) { try FieldParsing.price(raw, defaultCurrency: "USD").get() }
    }

    @Test("option names map to size, color and material whatever the language or phrasing", arguments: [
        ("Size", OptionKind.size), ("Größe", .size), ("SIZE", .size), ("Sizes", .size), ("Mug size", .size),
        ("Choose Ring Size", .size), ("Choose Ring sSze", .size), ("Ring size", .size),
        ("Color", .color), ("Colour", .color), ("Farbe", .color), ("COLOR", .color), ("Zipper color", .color), ("Colors", .color),
        ("Material", .material), ("Choose Material", .material),
        ("Title", .other), ("Style", .other), ("Engraving", .other),
    ])
    func optionKinds(name: String, kind: OptionKind) {
        #expect(FieldParsing.optionKind(name) == kind)
    }

    @Test("HTML bodies become plain text with entities decoded", arguments: [
        ("<p>Soft &amp; warm</p><p>Second&nbsp;para</p>", "Soft & warm\nSecond para"),
        ("<div style=\"x\">Caf&eacute; &#8364;5 &#x2122;</div>", "Café €5 ™"),
        ("<style>p{color:red}</style><b>Bold</b> text", "Bold text"),
        ("Plain\u{00A0}text with  spaces ", "Plain text with spaces"),
        ("a<br>b<br/>c", "a\nb\nc"),
    ])
    func htmlToText(html: String, text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test("availability spellings of GMC feeds are recognised", arguments: [
        ("in stock", Availability.inStock), ("in_stock", .inStock), ("out of stock", .outOfStock), ("out_of_stock", .outOfStock), ("preorder", .preorder),
    ])
    func availability(raw: String, value: Availability) {
        #expect(Availability(feedValue: raw) == value)
    }

    @Test("text decoding: UTF-8 BOM stripped, UTF-16 transcoded, Latin-1 read with a warning, binary and empty refused")
    func decoding() throws {
        let bom = try CatalogTextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("a,b".utf8), file: "f")
        #expect(bom.utf8 == Array("a,b".utf8))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "Größe 😀".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try CatalogTextDecoder.decode(utf16, file: "f").utf8 == Array("Größe 😀".utf8))
        let latin = try CatalogTextDecoder.decode([0x43, 0x72, 0xE8, 0x6D, 0x65, 0x80], file: "f")
        #expect(String(decoding: latin.utf8, as: UTF8.self) == "Crème€")
        #expect(latin.warning != nil)
        #expect(throws: CatalogFileError(file: "f", reason: "empty file")) { try CatalogTextDecoder.decode([], file: "f") }
        #expect(throws: CatalogFileError.self) { try CatalogTextDecoder.decode([0x00, 0x41, 0xFF, 0x01], file: "f") }
    }
}
