import Testing
@testable import NLU

/// Strings that break parsers (in the spirit of the "Big List of Naughty Strings"
/// that Snips NLU runs through its parser), each run through the tokenizer and the
/// builtin entity extractor, checking the invariants every caller relies on.
enum NaughtyStrings {
    static let all: [String] = [
        "", " ", "\t\n\r", "\u{0}", "\u{0}\u{0}\u{0}red", "\u{7F}\u{80}\u{9F}", "\u{FEFF}shoes", "\u{200B}\u{200C}\u{200D}",
        "\u{202E}reversed text\u{202C}", "\u{2028}line\u{2029}para", "\u{FFFD}\u{FFFD}\u{FFFD}", "\u{FFFF}\u{10FFFF}\u{E000}",
        String(decoding: [0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF5, 0x80, 0x80, 0x80, 0x24, 0x35], as: UTF8.self),
        "undefined", "null", "NULL", "nil", "NaN", "Infinity", "-Infinity", "0", "-0", "0.0", "-1", "1e308", "1e-308", "0x41",
        "999999999999999999999999999999", "$999999999999999999999999999999", "1/0", "0/0", "99/99/9999", "2026-13-45", "31/02",
        "1,000,000.00", "1,00", ",,,", "...", "..5..", "5%%", "%", "%d %s %n", "$$$$", "$", "$.", "$-5", "-$5", "€", "#", "##A10234",
        "#A", "A", "A0000000000", "@", "@@", "@@@.com", "a@b", "a@b.", "@example.com", "x@@y.com", "a@b.c.d.e.f.g.h.i.jk",
        "' OR '1'='1", "'; DROP TABLE users; --", "<script>alert(1)</script>", "${{7*7}}", "{{constructor.constructor('x')()}}",
        "[red](color)", "[", "]", "[]()", "{\"entity\": \"x\"}", "\\", "\\\\", "\"", "''", "``", "~", "~~~~",
        "Ω≈ç√∫˜µ≤≥÷", "åß∂ƒ©˙∆˚¬…æ", "œ∑´®†¥¨ˆøπ“‘", "¡™£¢∞§¶•ªº–≠", "¸˛Ç◊ı˜Â¯˘¿", "ÅÍÎÏ˝ÓÔÒÚÆ☃",
        "田中さんにあげて下さい", "パーティーへ行かないか", "和製漢語", "사회과학원 어학연구소", "찦차를 타고 온 펲시맨과 쑛다리 똠방각하",
        "社會科學院語學研究所", "울란바토르", "𠜎𠜱𠝹𠱓𠱸𠲖𠳏", "ด้้้้้็็็็็้้้้้็็็็็", "הָיְתָהtestالصفحات التّحول", "مرحبا بالعالم 123",
        "Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤ ̖t̝͕̳̣̻̪͞h̼͓̲̦̳̘̲e͇̣̰̦̬͎ ̢̼̻̱̘h͚͎͙̜̣̲ͅi̦̲̣̰̤v̻͍e̺̭̳̪̰-m̢iͅn̖̺̞̲̯̰d̵̼̟͙̩̼̘̳",
        "(｡◕ ∀ ◕｡)", "(╯°□°）╯︵ ┻━┻)", "👾 🙇 💁 🙅 🙆 🙋 🙎 🙍", "❤️ 💔 💌 💕", "✋🏿 💪🏿 👐🏿", "🇺🇸🇷🇺🇸 🇦🇫🇦🇲🇸", "🏳️‍🌈🏳️‍⚧️",
        "1️⃣ 2️⃣ 3️⃣ #️⃣ *️⃣", "０１２３４５６７８９", "٠١٢٣٤٥٦٧٨٩", "𝐓𝐡𝐞 𝐪𝐮𝐢𝐜𝐤", "ｔｈｅ ｑｕｉｃｋ", "Ⓣⓗⓔ ⓠⓤⓘⓒⓚ",
        "Roses are \u{1b}[0;31mred\u{1b}[0m", "t-", "-t", "--", "t--shirt", "o'", "'o", "a'b'c'd", "x2x2", "infk", "$infk", "under infk", "xinf", "nanx", "x1e999", "2nd2nd", "last last last",
        "between and", "between $5 and", "under under under", "from to", "the the the one one one", "in days", "ago", "in 999 days",
        "next next friday", "december december 25 25", "twenty twenty twenty", "a hundred and and fifty", "one thousand thousand",
        String(repeating: "a", count: 10_000), String(repeating: "$5 ", count: 2_000), String(repeating: "🏳️‍🌈", count: 500),
        String(repeating: "[", count: 1_000), String(repeating: "twenty ", count: 500),
    ]
}

@Suite("Naughty strings")
struct NaughtyStringsTests {
    @Test("tokens of naughty strings cover the text they claim, in order", arguments: NaughtyStrings.all)
    func tokens(text: String) {
        let scalars = Array(text.unicodeScalars)
        let tokens = Tokenizer().tokenize(text)
        var previousEnd = 0
        for token in tokens {
            #expect(token.start >= previousEnd && token.start < token.end && token.end <= scalars.count)
            guard token.start < token.end, token.end <= scalars.count else { return }
            #expect(String(String.UnicodeScalarView(scalars[token.start..<token.end])) == token.text)
            let blank = token.text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
            #expect(!blank)
            #expect(token.numericValue.map(\.isFinite) ?? true)
            previousEnd = token.end
        }
        // Every letter or digit of the line is in some token.
        let covered = tokens.reduce(0) { $0 + $1.text.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.count }
        #expect(covered == scalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.count)
    }

    @Test("builtin entities of naughty strings are well-formed and never overlap", arguments: NaughtyStrings.all)
    func builtins(text: String) {
        let scalars = Array(text.unicodeScalars)
        let entities = BuiltinEntityExtractor().extract(text, referenceDate: CalendarDate(year: 2026, month: 11, day: 25))
        var previousEnd = 0
        for e in entities {
            #expect(e.start >= previousEnd && e.start < e.end && e.end <= scalars.count)
            guard e.start < e.end, e.end <= scalars.count else { return }
            #expect(String(String.UnicodeScalarView(scalars[e.start..<e.end])) == e.text)
            #expect(BuiltinEntityExtractor.entityNames.contains(e.entity))
            switch e.entity {
            case "money":
                #expect(e.value["amount"]?.numberValue.map { $0.isFinite && $0 >= 0 } == true)
            case "date":
                #expect(e.value["date"]?.stringValue.flatMap(CalendarDate.init) != nil)
            case "order_id":
                #expect(e.value.stringValue?.wholeMatch(of: /A[0-9]{5,7}/) != nil)
            default:
                break
            }
            previousEnd = e.end
        }
    }
}
