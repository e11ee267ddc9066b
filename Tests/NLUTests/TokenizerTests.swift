import Testing
@testable import NLU

/// Compact view of a token for table rows: "text|kind" or "text|kind|value".
private func show(_ t: Token) -> String {
    var s = "\(t.text)|\(t.kind.rawValue)"
    if let v = t.numericValue { s += "|\(EntityValue.number(v))" }
    return s
}

@Suite("Tokenizer")
struct TokenizerTests {
    let tokenizer = Tokenizer()

    @Test("shopping text keeps money, percent, order ids, compounds and emails whole", arguments: [
        ("red shoes under $49.99", ["red|word", "shoes|word", "under|word", "$49.99|money|49.99"]),
        ("€30 or £5", ["€30|money|30", "or|word", "£5|money|5"]),
        ("30€ max", ["30€|money|30", "max|word"]),
        ("50% off", ["50%|percent|50", "off|word"]),
        ("where is #A10234?", ["where|word", "is|word", "#A10234|orderID", "?|punctuation"]),
        ("order a10234 and A1234567", ["order|word", "a10234|orderID", "and|word", "A1234567|orderID"]),
        ("A1234 is too short", ["A1234|word", "is|word", "too|word", "short|word"]),
        ("a 4k tv", ["a|word", "4k|word", "tv|word"]),
        ("a t-shirt and a usb-c cable", ["a|word", "t-shirt|word", "and|word", "a|word", "usb-c|word", "cable|word"]),
        ("o'neill jackets", ["o'neill|word", "jackets|word"]),
        ("don't", ["don't|word"]),
        ("mail john.doe+shop@example.co.uk now", ["mail|word", "john.doe+shop@example.co.uk|email", "now|word"]),
        ("size 10.5.", ["size|word", "10.5|number|10.5", ".|punctuation"]),
        ("1,299.50 dollars", ["1,299.50|number|1299.5", "dollars|word"]),
        ("10-20", ["10|number|10", "-|punctuation", "20|number|20"]),
        ("$10-$20", ["$10|money|10", "-|punctuation", "$20|money|20"]),
        ("$4k budget", ["$4k|money|4000", "budget|word"]),
        ("h&m or at&t", ["h&m|word", "or|word", "at&t|word"]),
        ("twenty-five items", ["twenty-five|word|25", "items|word"]),
        ("twenty five", ["twenty|word|20", "five|word|5"]),
        ("the 2nd one", ["the|word", "2nd|word", "one|word|1"]),
        ("30eur", ["30eur|money|30"]),
        ("state-of-the-art", ["state-of-the-art|word"]),
        ("A10234-A10235", ["A10234|orderID", "-|punctuation", "A10235|orderID"]),
        ("x2 please!", ["x2|word", "please|word", "!|punctuation"]),
        ("#1 seller", ["#|punctuation", "1|number|1", "seller|word"]),
    ])
    func shoppingTokens(text: String, expected: [String]) {
        #expect(tokenizer.tokenize(text).map(show) == expected)
    }

    @Test("normalized forms fold case and diacritics", arguments: [
        ("Crème BRÛLÉE", ["creme", "brulee"]),
        ("Straße", ["strasse"]),
        ("Levi’s JEANS", ["levi's", "jeans"]),
        ("CAFÉ", ["cafe"]),
        ("Cafe\u{301}", ["cafe"]),
        ("ΚΑΦΈΣ", ["καφες"]),
        ("#A10234", ["a10234"]),
        ("John@Example.COM", ["john@example.com"]),
    ])
    func normalized(text: String, expected: [String]) {
        #expect(tokenizer.tokenize(text).map(\.normalized) == expected)
    }

    @Test("offsets are Unicode scalar offsets into the original line", arguments: [
        "Crème brûlée under €30 👍🏽 ok",
        "I want 🏳️‍🌈 and 👨‍👩‍👧 for $5",
        "我想买一个手机 under $200",
        "שלום עולם, price 20%",
        "e\u{301}le\u{300}ve #a10234",
        "mail: ünïcödé@example.com or x@y.org.",
    ])
    func offsets(text: String) {
        let scalars = Array(text.unicodeScalars)
        let tokens = tokenizer.tokenize(text)
        #expect(!tokens.isEmpty)
        var previousEnd = 0
        for token in tokens {
            #expect(token.start >= previousEnd && token.start < token.end && token.end <= scalars.count)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[token.start..<token.end])
            #expect(String(view) == token.text)
            previousEnd = token.end
        }
    }

    @Test("empty, blank and control-only lines give no tokens", arguments: ["", " ", "   \t\n  ", "\u{0}\u{1}\u{7F}", "\u{200B}\u{FEFF}"])
    func noTokens(text: String) {
        #expect(tokenizer.tokenize(text).isEmpty)
    }

    @Test("emoji sequences are one token each")
    func emoji() {
        let tokens = tokenizer.tokenize("love it 👨‍👩‍👧‍👦🇫🇷 👍🏽❤️")
        #expect(tokens.map(\.text) == ["love", "it", "👨‍👩‍👧‍👦", "🇫🇷", "👍🏽", "❤️"])
        #expect(tokens.dropFirst(2).allSatisfy { $0.kind == .emoji })
    }

    @Test("Chinese, Japanese and Thai are segmented by ICU's dictionaries")
    func dictionaryScripts() {
        let chinese = tokenizer.tokenize("我想买一个手机")
        #expect(chinese.count >= 3 && chinese.count < 7)
        #expect(chinese.map(\.text).joined() == "我想买一个手机")
        let thai = tokenizer.tokenize("ฉันอยากซื้อรองเท้า")
        #expect(thai.count >= 3)
        let japanese = tokenizer.tokenize("赤い靴を買いたい")
        #expect(japanese.count >= 3)
    }

    @Test("right-to-left text keeps logical order and offsets")
    func rightToLeft() {
        let tokens = tokenizer.tokenize("أريد حذاء أحمر بسعر 50$")
        #expect(tokens.map(\.text) == ["أريد", "حذاء", "أحمر", "بسعر", "50$"])
        #expect(tokens.last?.kind == .money)
    }

    @Test("combining marks stay with their letter")
    func combining() {
        let tokens = tokenizer.tokenize("cre\u{300}me bru\u{302}le\u{301}e")
        #expect(tokens.map(\.normalized) == ["creme", "brulee"])
        #expect(tokens.map(\.end) == [6, 15])
    }

    @Test("a 10,000-character line is tokenized completely")
    func longLine() {
        let word = "shoes "
        let text = String(repeating: word, count: 10_000 / word.count) + "€5"
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.count == 10_000 / word.count + 1)
        #expect(tokens.last?.numericValue == 5)
        let noSpaces = String(repeating: "a", count: 10_000)
        #expect(tokenizer.tokenize(noSpaces).map(\.end) == [10_000])
    }

    @Test("invalid UTF-8 decoded with replacement characters does not break tokenizing")
    func invalidUTF8() {
        let text = String(decoding: [0x72, 0x65, 0x64, 0x20, 0xFF, 0xFE, 0x20, 0xC3, 0x28, 0x20, 0x24, 0x35], as: UTF8.self)
        let tokens = tokenizer.tokenize(text)
        #expect(tokens.first?.text == "red")
        #expect(tokens.last?.kind == .money)
        #expect(tokens.contains { $0.kind == .other && $0.text == "\u{FFFD}" })
    }

    @Test("control characters separate words and are dropped")
    func controls() {
        #expect(tokenizer.tokenize("red\u{0}shoes\u{7}\tnow").map(\.text) == ["red", "shoes", "now"])
        #expect(tokenizer.tokenize("rot\u{0}Schühe").map(\.text) == ["rot", "Schühe"])
    }

    @Test("the ASCII fast path splits exactly like ICU")
    func asciiMatchesICU() {
        var lines = [
            "Hello, world! It's 10.5 o'clock; 1,000 items at $49.99 (50% off)",
            "e.g. U.S.A. shoes.I want a:b 3:30 a_b __ _x 1_000 1;000 a1.b2",
            "john-doe@my-shop.co.uk, x@y.z, @foo a@b.c bad@ @@ mailto:joe@shop.com.",
            "#A10234 #a1023 a10234b 4k 2nd x2 2x t-shirt -- 10-20 $10-$20 ~50 <30 >20",
            "'quoted' \"double\" it''s 1..2 1.,2 ..a a.. ,5 .5 5.",
        ]
        // Deterministic pseudo-random ASCII lines with the characters the rules care about.
        let alphabet = Array("aZ09 .,;:'_-$%#@&+/ \t!?\u{0}xk")
        var seed: UInt64 = 42
        for _ in 0..<300 {
            var line = ""
            for _ in 0..<24 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                line.append(alphabet[Int((seed >> 33) % UInt64(alphabet.count))])
            }
            lines.append(line)
        }
        for line in lines {
            #expect(tokenizer.tokenize(line) == tokenizer.tokenize(line, forceICU: true), "\(line.debugDescription)")
        }
    }
}

@Suite("Number words")
struct TokenizerNumberWordsTests {
    @Test("sequences of number words read as one number", arguments: [
        ("twenty five", 25.0, 2),
        ("a hundred and fifty", 150, 4),
        ("two thousand", 2000, 2),
        ("two thousand three hundred and forty-two", 2342, 6),
        ("one hundred twenty", 120, 3),
        ("fifteen hundred", 1500, 2),
        ("a dozen", 12, 2),
        ("2 dozen", 24, 2),
        ("3 thousand dollars", 3000, 2),
        ("1.5 million", 1_500_000, 2),
        ("forty-two", 42, 1),
        ("49.99 dollars", 49.99, 1),
        ("five six", 5, 1),
        ("twenty and", 20, 1),
        ("zero", 0, 1),
    ])
    func sequences(text: String, value: Double, count: Int) throws {
        let tokens = Tokenizer().tokenize(text)
        let reading = try #require(NumberWords.read(tokens, at: 0))
        #expect(reading.value == value)
        #expect(reading.range == 0..<count)
    }

    @Test("words that are not numbers read as nothing", arguments: ["a shirt", "and", "cheap", "hundreds of", "an apple"])
    func notNumbers(text: String) {
        #expect(NumberWords.read(Tokenizer().tokenize(text), at: 0) == nil)
    }
}
