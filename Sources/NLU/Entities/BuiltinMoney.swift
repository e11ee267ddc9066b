/// An amount: a value, its currency when one was said, and the token after it.
struct Amount {
    var value: Double
    var currency: String?
    var end: Int
}

extension BuiltinScan {
    func moneyValue(_ m: Amount) -> EntityValue {
        .object(["amount": .number(m.value), "currency": .string(m.currency ?? defaultCurrency)])
    }

    /// Currency of a `money` token: its sign (`$49.99`, `30€`) or its code (`30eur`).
    func currency(of token: Token) -> String? {
        let scalars = token.text.unicodeScalars
        if let first = scalars.first, let c = Scalars.currency(first.value) { return c }
        if let last = scalars.last, let c = Scalars.currency(last.value) { return c }
        let letters = String(token.normalized.drop { $0.isNumber || $0 == "." || $0 == "," })
        return TokenBuilder.currencyCodes[letters]
    }

    /// Money at `i`: `$50`, `$ 50`, `usd 50`, `fifty dollars`, `50 bucks`, `99 cents`, `49.99`.
    func money(_ i: Int) -> Amount? {
        guard i < n else { return nil }
        let t = tokens[i]
        if t.kind == .money, let v = t.numericValue {
            let c = currency(of: t)
            var end = i + 1
            if let said = Lexicon.currencyWords[word(end)], said == c, word(end) != "cents", word(end) != "cent" { end += 1 }
            return Amount(value: v, currency: c ?? defaultCurrency, end: end)
        }
        if t.kind == .symbol, let s = t.text.unicodeScalars.first, let c = Scalars.currency(s.value),
           let r = NumberWords.read(tokens, at: i + 1) {
            return Amount(value: r.value, currency: c, end: r.range.upperBound)
        }
        if let c = Lexicon.currencyPrefixes[t.normalized], let r = NumberWords.read(tokens, at: i + 1) {
            return Amount(value: r.value, currency: c, end: r.range.upperBound)
        }
        if let r = reading(i), let c = Lexicon.currencyWords[word(r.end)] {
            let cents = word(r.end) == "cents" || word(r.end) == "cent"
            return Amount(value: cents ? r.value / 100 : r.value, currency: c, end: r.end + 1)
        }
        if t.kind == .number, let v = t.numericValue, Self.hasTwoDecimals(t.text), !Lexicon.nonPriceUnits.contains(word(i + 1)) {
            return Amount(value: v, currency: nil, end: i + 1)
        }
        return nil
    }

    static func hasTwoDecimals(_ text: String) -> Bool {
        guard let dot = text.lastIndex(of: ".") else { return false }
        return text[text.index(after: dot)...].count == 2
    }

    /// An amount for a price bound: money, or a bare number that no unit follows.
    func amount(_ i: Int) -> Amount? {
        if let m = money(i) { return m.currency == nil ? Amount(value: m.value, currency: nil, end: m.end) : m }
        guard let r = reading(i), !Lexicon.nonPriceUnits.contains(word(r.end)), r.value >= 0 else { return nil }
        if kind(r.end) == .percent || tokens[r.end - 1].kind == .percent { return nil }
        return Amount(value: r.value, currency: nil, end: r.end)
    }

    private func isTo(_ i: Int) -> Bool {
        let w = word(i)
        return w == "to" || w == "-" || w == "–" || w == "—" || w == "and"
    }

    private func range(_ min: Double?, _ max: Double?, _ currency: String?, approx: Bool = false) -> EntityValue {
        var o: [String: EntityValue] = ["currency": .string(currency ?? defaultCurrency)]
        if let min { o["min"] = .number(min) }
        if let max { o["max"] = .number(max) }
        if approx { o["approx"] = .bool(true) }
        return .object(o)
    }

    static let maxCues: [[String]] = [
        ["under"], ["below"], ["less", "than"], ["less", "then"], ["at", "most"], ["up", "to"], ["no", "more", "than"],
        ["not", "more", "than"], ["not", "over"], ["max"], ["maximum"], ["cheaper", "than"], ["lower", "than"], ["<"],
        ["budget", "of"], ["budget", "is"], ["within"], ["no", "higher", "than"], ["not", "above"],
    ]
    static let minCues: [[String]] = [
        ["over"], ["above"], ["at", "least"], ["more", "than"], ["more", "then"], ["starting", "at"], ["starting", "from"],
        ["min"], ["minimum"], [">"], ["higher", "than"], ["greater", "than"], ["pricier", "than"], ["no", "less", "than"],
        ["not", "less", "than"], ["from"],
    ]
    static let aroundCues: [[String]] = [
        ["around"], ["about"], ["approximately"], ["roughly"], ["approx"], ["~"], ["circa"], ["close", "to"], ["somewhere", "around"],
    ]
    private static let maxAfter: [[String]] = [["or", "less"], ["or", "under"], ["or", "below"], ["or", "cheaper"], ["max"], ["tops"], ["at", "most"], ["and", "under"], ["and", "below"], ["or", "lower"]]
    private static let minAfter: [[String]] = [["or", "more"], ["or", "above"], ["or", "over"], ["and", "up"], ["and", "above"], ["and", "over"], ["plus"], ["+"], ["or", "higher"]]

    static let allPriceCues: [[String]] = maxCues + minCues + aroundCues

    /// Price ranges starting at `i`.
    func priceRanges(_ i: Int) -> [BuiltinCandidate] {
        var out: [BuiltinCandidate] = []
        func add(_ end: Int, _ value: EntityValue) { out.append(BuiltinCandidate(entity: "price_range", value: value, start: i, end: end)) }

        // between A and B, from A to B
        if word(i) == "between" || word(i) == "from", let a = amount(i + 1), isTo(a.end), let b = amount(a.end + 1), a.value <= b.value,
           word(i) == "between" || word(a.end) != "and" {
            if word(i) == "between" || a.currency != nil || b.currency != nil || priceContext {
                add(b.end, range(a.value, b.value, a.currency ?? b.currency))
            }
        }
        // A to B, A-B: a currency on either side, or a line about prices
        if let a = amount(i), word(a.end) != "and", isTo(a.end), let b = amount(a.end + 1), a.value < b.value,
           a.currency != nil || b.currency != nil || priceContext {
            add(b.end, range(a.value, b.value, a.currency ?? b.currency))
        }
        // A or less / A and up
        if let a = money(i) ?? (priceContext ? amount(i) : nil) {
            for cue in Self.maxAfter where matches(cue, at: a.end) { add(a.end + cue.count, range(nil, a.value, a.currency)) }
            for cue in Self.minAfter where matches(cue, at: a.end) { add(a.end + cue.count, range(a.value, nil, a.currency)) }
        }
        // under A, over A, around A
        guard Lexicon.flags[word(i)].map({ $0 & Lexicon.triggerFlag != 0 }) == true else { return out }
        for cue in Self.maxCues where matches(cue, at: i) {
            if let a = amount(i + cue.count) { add(a.end, range(nil, a.value, a.currency)) }
        }
        for cue in Self.minCues where matches(cue, at: i) {
            if let a = amount(i + cue.count), cue != ["from"] || a.currency != nil, !isTo(a.end) || amount(a.end + 1) == nil {
                add(a.end, range(a.value, nil, a.currency))
            }
        }
        for cue in Self.aroundCues where matches(cue, at: i) {
            if let a = amount(i + cue.count), a.currency != nil || priceContext || cue.count == 1 && word(i) != "about" {
                let low = (a.value * 0.85 * 100).rounded() / 100, high = (a.value * 1.15 * 100).rounded() / 100
                add(a.end, range(low, high, a.currency, approx: true))
            }
        }
        return out
    }
}
