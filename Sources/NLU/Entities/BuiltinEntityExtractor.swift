/// Deterministic entities every shop needs, found by rules and resolved to values.
///
/// | entity | examples | value |
/// |---|---|---|
/// | `money` | `$50`, `50 bucks`, `fifty dollars`, `€30`, `30 euros`, `£5`, `49.99`, `99 cents` | `{"amount": 49.99, "currency": "USD"}` |
/// | `price_range` | `under $50`, `less than 80`, `over 100`, `at least $20`, `between 50 and 100`, `$50-$80`, `from 10 to 20 euros`, `50 or less`, `around $60` | `{"max": 50, "currency": "USD"}`, `{"min": 20, …}`, `{"min": 51, "max": 69, "approx": true, …}` |
/// | `number` | `3`, `1,200`, `twenty five`, `a hundred and fifty` | `25` |
/// | `percent` | `50%` | `50` |
/// | `ordinal` | `first`, `2nd`, `the third one`, `number 3`, `#2`, `the last one`, `second to last` | `{"position": 2}`, last = `-1`, second to last = `-2` |
/// | `ordinal` (runs) | `the first two`, `top 3`, `the last two` | `{"position": 1, "count": 2}`, last two = `{"position": -2, "count": 2}` |
/// | `ordinal` (references) | `the other one`, `both`, `either`, `neither`, `this one`, `that one`, `all of them`, `the previous one`, `the next one` | `{"reference": "other"}` |
/// | `quantity` | `2 of them`, `three pairs`, `x2`, `2x`, `qty 3`, `a pair of`, `a couple of` | `{"count": 3, "unit": "pair"}` (`unit` when one is said; the span is the count: "three") |
/// | `order_id` | `#A10234`, `a10234` (`A` + 5–7 digits) | `"A10234"` |
/// | `email` | `Jane.Doe@Example.com` | `"jane.doe@example.com"` |
/// | `date` | `today`, `tomorrow`, `next friday`, `in 3 days`, `2 weeks ago`, `last week`, `next month`, `25 December`, `dec 25th 2026`, `12/24`, `2026-12-24`, `24.12.2026` | `{"date": "2026-12-24", "grain": "day"}` |
///
/// Conventions:
/// - A run of `count` positions starts at `position` and goes forward in list order,
///   so "the last two" is positions -2 and -1.
/// - `around X` is X ± 15 %, rounded to cents, with `"approx": true`. `cheap` is not a number.
/// - Amounts without a currency use `defaultCurrency`. A bare number is money only with
///   exactly two decimals (`49.99`); after a price cue (`under 50`) it is the range's bound.
/// - Bare numbers after a price cue are not prices when a unit follows (`under 2 kg`, `over 3 days`);
///   `X to Y` / `X-Y` without any currency is a range only when the line talks about price
///   (`price`, `budget`, `cost`, …); `from X` alone needs a currency.
/// - Dates: `friday` / `this friday` / `on friday` = the next such day, today included;
///   `next friday` = the first one strictly after today; `last friday` = the latest strictly before.
///   `next week` / `last week` = that week's Monday (`grain` week); `next month` = its 1st
///   (`grain` month); a day without a year = the next such day on or after the reference day;
///   `12/24` is month/day (day/month when the first number is over 12).
/// - A lone `one` is a number only where it cannot be a pronoun (`the blue one` has no number).
///
/// Overlaps: no two builtin entities share a token. The longest match wins (`under $50`
/// is one `price_range`, not a `money` inside one; `three pairs` is a `quantity`, not a
/// `number`); on equal length the more specific entity wins, in the order email,
/// order_id, date, price_range, money, quantity, ordinal, percent, number.
///
/// ```swift
/// let entities = BuiltinEntityExtractor().extract("red shoes under $50", referenceDate: CalendarDate("2026-11-25"))
/// // [price_range {"max": 50, "currency": "USD"} "under $50" 10..<19]
/// ```
public struct BuiltinEntityExtractor: Sendable {
    /// The `extractor` of every entity this returns.
    public static let extractorName = "builtin"
    /// Every entity name this extractor can return.
    public static let entityNames = ["money", "price_range", "number", "percent", "ordinal", "quantity", "order_id", "email", "date"]

    /// ISO code for amounts said without a currency (`49.99`, `under 50`).
    public var defaultCurrency: String
    let tokenizer = Tokenizer()

    public init(defaultCurrency: String = "USD") {
        self.defaultCurrency = defaultCurrency
    }

    /// Entities in `text`; relative dates count from `referenceDate` (today when nil).
    public func extract(_ text: String, referenceDate: CalendarDate? = nil) -> [ExtractedEntity] {
        extract(text, tokens: tokenizer.tokenize(text), referenceDate: referenceDate)
    }

    /// Entities in `text` already tokenized by `Tokenizer` (saves a second tokenization in the engine).
    public func extract(_ text: String, tokens: [Token], referenceDate: CalendarDate? = nil) -> [ExtractedEntity] {
        if tokens.isEmpty { return [] }
        var scan = BuiltinScan(tokens: tokens, defaultCurrency: defaultCurrency, referenceDate: referenceDate)
        let candidates = scan.candidates()
        if candidates.isEmpty { return [] }
        return Self.resolve(candidates, tokens: tokens, text: text)
    }

    static let priority: [String: Int] = [
        "email": 0, "order_id": 1, "date": 2, "price_range": 3, "money": 4, "quantity": 5, "ordinal": 6, "percent": 7, "number": 8,
    ]

    /// Longest first, then by priority; no two entities share a token.
    static func resolve(_ candidates: [BuiltinCandidate], tokens: [Token], text: String) -> [ExtractedEntity] {
        let ordered = candidates.sorted {
            let l0 = $0.end - $0.start, l1 = $1.end - $1.start
            if l0 != l1 { return l0 > l1 }
            let p0 = priority[$0.entity] ?? 99, p1 = priority[$1.entity] ?? 99
            if p0 != p1 { return p0 < p1 }
            return $0.start < $1.start
        }
        var taken = [Bool](repeating: false, count: tokens.count)
        var chosen: [BuiltinCandidate] = []
        for c in ordered where !taken[c.start..<c.end].contains(true) {
            for k in c.start..<c.end { taken[k] = true }
            chosen.append(c)
        }
        chosen.sort { $0.start < $1.start }
        let scalars = Array(text.unicodeScalars)
        return chosen.map { c in
            let start = tokens[c.start].start, end = tokens[c.end - 1].end
            var view = String.UnicodeScalarView()
            if end <= scalars.count { view.append(contentsOf: scalars[start..<end]) }
            return ExtractedEntity(entity: c.entity, value: c.value, text: String(view), start: start, end: end,
                                   extractor: extractorName, confidence: 1)
        }
    }
}

/// A possible entity over `tokens[start..<end]`, before overlaps are resolved.
struct BuiltinCandidate: Hashable {
    var entity: String
    var value: EntityValue
    var start: Int
    var end: Int
}
