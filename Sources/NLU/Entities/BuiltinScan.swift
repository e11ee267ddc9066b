/// One pass of the builtin rules over a tokenized line.
struct BuiltinScan {
    let tokens: [Token]
    let defaultCurrency: String
    private let givenReference: CalendarDate?
    private var cachedReference: CalendarDate?
    let n: Int
    /// The line mentions prices (`price`, `budget`, `$`…): bare `X to Y` is then a price range.
    let priceContext: Bool

    /// Tokens where some rule can start; the others are skipped (most words of a line).
    let interesting: [Bool]

    init(tokens: [Token], defaultCurrency: String, referenceDate: CalendarDate?) {
        self.tokens = tokens
        self.defaultCurrency = defaultCurrency
        self.givenReference = referenceDate
        self.n = tokens.count
        var price = false
        var interesting = [Bool](repeating: false, count: tokens.count)
        for (i, t) in tokens.enumerated() {
            switch t.kind {
            case .word:
                let flags = Lexicon.flags[t.normalized] ?? 0
                if flags & Lexicon.priceFlag != 0 { price = true }
                if flags & Lexicon.triggerFlag != 0 || t.numericValue != nil { interesting[i] = true; continue }
                // 2nd, 4k, 2x, x2, 30eur
                let first = t.normalized.utf8.first ?? 0
                // twenty-first
                if (first >= 0x30 && first <= 0x39) || ((first == 0x78) && t.normalized.utf8.count > 1) || t.normalized.utf8.contains(0x2D) {
                    interesting[i] = true
                }
            case .money:
                price = true
                interesting[i] = true
            case .number, .percent, .orderID, .email:
                interesting[i] = true
            case .symbol, .punctuation:
                if Lexicon.flags[t.normalized].map({ $0 & Lexicon.triggerFlag != 0 }) == true { interesting[i] = true }
                if t.text.unicodeScalars.first.map({ Scalars.currency($0.value) != nil }) == true { interesting[i] = true; price = true }
            default:
                break
            }
        }
        self.priceContext = price
        self.interesting = interesting
    }

    /// The reference day, computed from the clock only when a relative date needs it.
    mutating func reference() -> CalendarDate {
        if let r = givenReference ?? cachedReference { return r }
        let today = CalendarDate.today()
        cachedReference = today
        return today
    }

    @inline(__always) func word(_ i: Int) -> String { i >= 0 && i < n ? tokens[i].normalized : "" }
    @inline(__always) func kind(_ i: Int) -> Token.Kind? { i >= 0 && i < n ? tokens[i].kind : nil }
    /// `tokens[i]` touches `tokens[i + 1]` (no space between).
    @inline(__always) func adjacent(_ i: Int) -> Bool { i + 1 < n && tokens[i].end == tokens[i + 1].start }

    func matches(_ words: [String], at i: Int) -> Bool {
        guard i + words.count <= n else { return false }
        for (k, w) in words.enumerated() where tokens[i + k].normalized != w { return false }
        return true
    }

    mutating func candidates() -> [BuiltinCandidate] {
        var out: [BuiltinCandidate] = []
        for i in 0..<n where interesting[i] {
            let t = tokens[i]
            switch t.kind {
            case .email:
                out.append(BuiltinCandidate(entity: "email", value: .string(t.normalized), start: i, end: i + 1))
                continue
            case .orderID:
                out.append(BuiltinCandidate(entity: "order_id", value: .string(t.normalized.uppercased()), start: i, end: i + 1))
                continue
            case .percent:
                if let v = t.numericValue { out.append(BuiltinCandidate(entity: "percent", value: .number(v), start: i, end: i + 1)) }
                continue
            case .punctuation, .emoji, .other:
                if t.normalized != "#" && t.normalized != "~" { continue }
            default:
                break
            }
            if let m = money(i) {
                out.append(BuiltinCandidate(entity: "money", value: moneyValue(m), start: i, end: m.end))
            }
            out.append(contentsOf: priceRanges(i))
            if let c = number(i) { out.append(c) }
            if let c = ordinal(i) { out.append(c) }
            if let c = quantity(i) { out.append(c) }
            if let c = date(i) { out.append(c) }
        }
        return out
    }

    // MARK: numbers

    /// A number at `i`: digits, number words, or `4k`.
    func reading(_ i: Int) -> (value: Double, end: Int)? {
        guard i < n else { return nil }
        if let r = NumberWords.read(tokens, at: i) { return (r.value, r.range.upperBound) }
        let w = tokens[i].normalized
        if tokens[i].kind == .word, w.count >= 2, w.hasSuffix("k"), w.first?.isASCII == true, w.first?.isNumber == true, let v = Double(w.dropLast()), v.isFinite { return (v * 1000, i + 1) }
        return nil
    }

    func number(_ i: Int) -> BuiltinCandidate? {
        guard let r = NumberWords.read(tokens, at: i) else { return nil }
        if r.range.count == 1 && word(i) == "one" && !loneOneIsNumber(i) { return nil }
        return BuiltinCandidate(entity: "number", value: .number(r.value), start: i, end: r.range.upperBound)
    }

    /// "buy one", "one red shirt" are numbers; "the blue one", "which one" are not.
    func loneOneIsNumber(_ i: Int) -> Bool {
        let before = word(i - 1), after = word(i + 1)
        if Lexicon.oneAsPronounBefore.contains(before) { return false }
        if i + 1 >= n || kind(i + 1) != .word { return Lexicon.countingVerbs.contains(before) }
        if after == "of" || after == "more" { return true }
        return !Lexicon.oneAsPronounAfter.contains(after)
    }
}

/// Word lists of the builtin rules (folded forms).
enum Lexicon {
    static let triggerFlag: UInt8 = 1
    static let priceFlag: UInt8 = 2

    /// Words that can start a builtin entity (trigger) or show the line is about prices.
    static let flags: [String: UInt8] = {
        var f: [String: UInt8] = [:]
        var triggers: Set<String> = [
            "between", "from", "a", "an", "other", "both", "either", "neither", "this", "that", "previous", "next", "all",
            "penultimate", "last", "latest", "top", "number", "#", "option", "item", "choice", "no", "qty", "quantity", "x", "×",
            "today", "tonight", "tomorrow", "tmrw", "tmr", "tomorow", "yesterday", "day", "in", "within", "coming", "~", "<", ">",
        ]
        for cue in BuiltinScan.allPriceCues { triggers.insert(cue[0]) }
        triggers.formUnion(currencyPrefixes.keys)
        triggers.formUnion(ordinals.keys)
        triggers.formUnion(NumberWords.tens.keys)
        triggers.formUnion(BuiltinScan.weekdays.keys)
        triggers.formUnion(BuiltinScan.shortWeekdays.keys)
        triggers.formUnion(BuiltinScan.months.keys)
        for w in triggers { f[w, default: 0] |= triggerFlag }
        for w in priceWords { f[w, default: 0] |= priceFlag }
        for w in currencyWords.keys { f[w, default: 0] |= priceFlag }
        return f
    }()

    static let currencyWords: [String: String] = [
        "dollars": "USD", "dollar": "USD", "bucks": "USD", "buck": "USD", "usd": "USD", "cents": "USD", "cent": "USD",
        "euros": "EUR", "euro": "EUR", "eur": "EUR",
        "pounds": "GBP", "pound": "GBP", "quid": "GBP", "gbp": "GBP",
        "yen": "JPY", "jpy": "JPY", "rupees": "INR", "inr": "INR",
    ]
    /// Codes written before the amount: `usd 50`, `eur 30`.
    static let currencyPrefixes: [String: String] = ["usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "inr": "INR", "us$": "USD"]
    static let priceWords: Set<String> = [
        "price", "prices", "priced", "pricing", "budget", "cost", "costs", "costing", "spend", "pay", "paying",
        "cheap", "cheaper", "cheapest", "expensive", "affordable", "range",
    ]
    /// Units after a number that make it not a price (`under 2 kg`, `over 3 days`).
    static let nonPriceUnits: Set<String> = [
        "kg", "kgs", "g", "gram", "grams", "lb", "lbs", "oz", "ounce", "ounces", "inch", "inches", "in", "cm", "mm", "m", "meter", "meters",
        "ft", "foot", "feet", "gb", "tb", "mb", "mp", "hz", "w", "watt", "watts", "v", "mah", "ml", "l", "liter", "liters", "litre", "litres",
        "day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours", "minute", "minutes", "min", "mins", "second", "seconds",
        "star", "stars", "review", "reviews", "rating", "people", "person", "persons", "kids", "items", "item", "pairs", "pair", "pieces", "piece",
        "pcs", "units", "unit", "percent", "%", "size", "k", "x", "times", "of",
    ]
    static let oneAsPronounBefore: Set<String> = [
        "the", "this", "that", "which", "other", "another", "a", "an", "each", "every", "any", "no", "some", "last", "first", "next",
        "only", "same", "new", "right", "wrong", "cheaper", "cheapest", "bigger", "smaller", "better", "best", "blue", "red", "black",
        "white", "green", "big", "small", "little", "cheap", "nice", "good", "previous", "second", "third", "either", "neither", "no", "favorite",
    ]
    static let oneAsPronounAfter: Set<String> = ["please", "instead", "too", "then", "now", "thanks", "again", "here", "there", "is", "was", "does", "looks"]
    static let countingVerbs: Set<String> = ["buy", "add", "get", "need", "want", "order", "take", "just", "only", "purchase", "grab"]

    static let ordinals: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
        "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
        "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    ]

    static let quantityUnits: [String: String] = [
        "pairs": "pair", "pair": "pair", "pieces": "piece", "piece": "piece", "pcs": "piece", "items": "item", "item": "item",
        "units": "unit", "unit": "unit", "packs": "pack", "pack": "pack", "boxes": "box", "box": "box", "sets": "set", "set": "set",
        "bottles": "bottle", "bottle": "bottle", "bags": "bag", "bag": "bag", "copies": "copy", "copy": "copy", "cans": "can",
        "rolls": "roll", "roll": "roll", "packages": "package", "package": "package", "cases": "case", "jars": "jar", "tubes": "tube",
    ]
    static let ofWhat: Set<String> = ["them", "those", "these", "each", "it", "em", "the", "those", "this", "that"]
}
