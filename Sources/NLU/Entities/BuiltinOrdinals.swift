extension BuiltinScan {
    /// The position an ordinal word or `2nd` names, with the tokens it used.
    func ordinalNumber(_ i: Int) -> (value: Int, end: Int)? {
        let w = word(i)
        if let v = Lexicon.ordinals[w] {
            // twenty first
            return (v, i + 1)
        }
        if let t = NumberWords.tens[w], let u = Lexicon.ordinals[word(i + 1)], u < 10 { return (Int(t) + u, i + 2) }
        if let dash = w.firstIndex(of: "-"), let t = NumberWords.tens[String(w[..<dash])],
           let u = Lexicon.ordinals[String(w[w.index(after: dash)...])], u < 10 { return (Int(t) + u, i + 1) }
        // 1st 2nd 3rd 4th 21st
        if kind(i) == .word, w.count >= 3, ["st", "nd", "rd", "th"].contains(String(w.suffix(2))),
           let v = Int(w.dropLast(2)), v > 0, v < 1000 { return (v, i + 1) }
        return nil
    }

    /// Includes a trailing `one`/`ones` in the span.
    private func withOne(_ end: Int) -> Int { word(end) == "one" || word(end) == "ones" ? end + 1 : end }

    private func candidate(_ value: [String: EntityValue], _ i: Int, _ end: Int) -> BuiltinCandidate {
        BuiltinCandidate(entity: "ordinal", value: .object(value), start: i, end: end)
    }

    private static let timeWords: Set<String> = [
        "week", "weeks", "month", "months", "year", "years", "night", "time", "times", "weekend", "minute", "second", "hour",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "few", "summer", "winter", "spring", "fall",
        "season", "christmas", "order", "purchase",
    ]

    /// Words after which "first" / "last" says an order of results, not a position:
    /// "cheapest first", "lowest price first", "newest first".
    private static let orderWords: Set<String> = [
        "cheapest", "cheaper", "priciest", "pricier", "expensive", "price", "prices", "newest", "oldest", "latest", "rated",
        "reviewed", "rating", "ratings", "popular", "highest", "lowest", "arrivals",
    ]

    func ordinal(_ i: Int) -> BuiltinCandidate? {
        let w = word(i)
        let before = word(i - 1)
        if (w == "first" || w == "last") && Self.orderWords.contains(before) && withOne(i + 1) == i + 1 { return nil }
        // references
        switch w {
        case "other" where word(i + 1) == "one" || word(i + 1) == "ones" || before == "the" && (i + 1 >= n || kind(i + 1) != .word):
            return candidate(["reference": .string("other")], i, withOne(i + 1))
        case "both", "either", "neither":
            var end = i + 1
            if word(end) == "of", ["them", "those", "these"].contains(word(end + 1)) { end += 2 } else { end = withOne(end) }
            return candidate(["reference": .string(w)], i, end)
        case "this", "that", "previous", "next":
            guard word(i + 1) == "one" || word(i + 1) == "ones" else { return nil }
            return candidate(["reference": .string(w)], i, i + 2)
        case "all":
            guard word(i + 1) == "of", ["them", "those", "these"].contains(word(i + 2)) else { return nil }
            return candidate(["reference": .string("all")], i, i + 3)
        case "penultimate":
            return candidate(["position": .number(-2)], i, withOne(i + 1))
        case "last", "latest":
            if before == "at" || Self.timeWords.contains(word(i + 1)) { return nil }
            if word(i + 1) == "but", word(i + 2) == "one" { return candidate(["position": .number(-2)], i, withOne(i + 3)) }
            if let r = NumberWords.read(tokens, at: i + 1), r.value >= 1, r.value < 100, r.value == r.value.rounded(), !(r.range.count == 1 && word(i + 1) == "one") {
                let count = Int(r.value)
                return candidate(["position": .number(Double(-count)), "count": .number(Double(count))], i, withOne(r.range.upperBound))
            }
            if w == "latest" && word(i + 1) != "one" { return nil }
            return candidate(["position": .number(-1)], i, withOne(i + 1))
        case "top":
            guard let r = NumberWords.read(tokens, at: i + 1), r.value >= 1, r.value < 100, r.value == r.value.rounded() else { return nil }
            return candidate(["position": .number(1), "count": .number(r.value)], i, withOne(r.range.upperBound))
        case "number", "#", "option", "item", "choice", "no":
            var k = i + 1
            if w == "no" { guard word(k) == ".", adjacent(i) else { return nil }; k += 1 }
            if w == "#" { guard adjacent(i) else { return nil } }
            guard kind(k) == .number, let v = tokens[k].numericValue, v >= 1, v < 100, v == v.rounded() else { return nil }
            return candidate(["position": .number(v)], i, k + 1)
        default:
            break
        }
        guard let (value, end) = ordinalNumber(i) else { return nil }
        let after = word(end)
        // second to last, third from last, second last, next to last
        if (after == "to" || after == "from") && word(end + 1) == "last" {
            return candidate(["position": .number(Double(-value))], i, withOne(end + 2))
        }
        if after == "last" { return candidate(["position": .number(Double(-value))], i, withOne(end + 1)) }
        // junk: "at first", "first of all", "first time", "a second", "30 seconds"
        if w == "first" && (before == "at" || (after == "of" && word(end + 1) == "all") || after == "time" || after == "thing") { return nil }
        if ["class", "aid", "name", "hand", "half", "names"].contains(after) { return nil }
        if w == "second" && (before == "a" || before == "one" || before == "just" || kind(i - 1) == .number || after == "hand") { return nil }
        // the first two, first 3
        if w == "first", let r = NumberWords.read(tokens, at: end), r.value >= 1, r.value < 100, r.value == r.value.rounded(),
           !(r.range.count == 1 && word(end) == "one") {
            return candidate(["position": .number(1), "count": .number(r.value)], i, withOne(r.range.upperBound))
        }
        return candidate(["position": .number(Double(value))], i, withOne(end))
    }

    /// `2 of them`, `three pairs`, `x2`, `qty 3`, `a pair of`, `a couple of`. The span is the
    /// count as the training data annotates it ("[2] of them", "[three] pairs", "[a couple]
    /// of"); the unit goes into the value. Not counts: a size ("size 10 pair"), a pack size
    /// ("a 4 pack", "3 pack please"), a reference ("the two of them") and letter-digit codes
    /// ("d02 x285": `x2` and `2x` are counts up to 99).
    func quantity(_ i: Int) -> BuiltinCandidate? {
        let w = word(i)
        func make(_ count: Double, _ unit: String?, _ end: Int) -> BuiltinCandidate? {
            guard count >= 1, count == count.rounded(), count < 100_000 else { return nil }
            var o: [String: EntityValue] = ["count": .number(count)]
            if let unit { o["unit"] = .string(unit) }
            return BuiltinCandidate(entity: "quantity", value: .object(o), start: i, end: end)
        }
        // A multiplier: `x2`, `2x`, `x 2` written together; beyond 99 it is a code, not a count.
        func multiplier(_ v: Double, _ end: Int) -> BuiltinCandidate? { v < 100 ? make(v, nil, end) : nil }
        if kind(i) == .word, w.count >= 2 {
            if w.hasPrefix("x") || w.hasPrefix("×"), let v = Double(w.dropFirst()) { return multiplier(v, i + 1) }
            if w.hasSuffix("x"), let v = Double(w.dropLast()) { return multiplier(v, i + 1) }
        }
        if (w == "x" || w == "×"), adjacent(i), kind(i + 1) == .number, let v = tokens[i + 1].numericValue { return multiplier(v, i + 2) }
        if w == "qty" || w == "quantity" {
            var k = i + 1
            if word(k) == ":" || word(k) == "of" { k += 1 }
            if let r = NumberWords.read(tokens, at: k) { return make(r.value, nil, r.range.upperBound) }
            return nil
        }
        if w == "a" || w == "an" {
            if word(i + 1) == "pair", word(i + 2) == "of" { return make(1, "pair", i + 2) }
            if word(i + 1) == "couple" { return make(2, nil, i + 2) }
            if word(i + 1) == "few" { return nil }
        }
        guard kind(i) != .money, word(i - 1) != "size", let r = NumberWords.read(tokens, at: i) else { return nil }
        let after = word(r.range.upperBound)
        if after == "pack", r.value > 1 { return nil }
        if let unit = Lexicon.quantityUnits[after] {
            if r.value == 1 && !["pair", "piece", "item", "unit", "pack", "box", "set", "bottle", "bag", "copy", "package"].contains(unit) { return nil }
            return make(r.value, unit, r.range.upperBound)
        }
        // "the two of them" names products already shown (a reference), it is not how many.
        if after == "of", word(i - 1) != "the", Lexicon.ofWhat.contains(word(r.range.upperBound + 1)) { return make(r.value, nil, r.range.upperBound) }
        return nil
    }
}
