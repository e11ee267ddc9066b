extension BuiltinScan {
    static let weekdays: [String: Int] = [
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
        "mondays": 1, "tuesdays": 2, "wednesdays": 3, "thursdays": 4, "fridays": 5, "saturdays": 6, "sundays": 7,
    ]
    /// Short forms, only read after `on`, `this`, `next`, `last`, `by`, `until`.
    static let shortWeekdays: [String: Int] = [
        "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
    ]
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    ]
    static let datePrepositions: Set<String> = ["on", "by", "until", "till", "before", "after", "from", "since", "of", "the", "for", "in", "to", "and", "-", ","]
    static let weekdayPrefixes: Set<String> = ["on", "this", "next", "last", "by", "until", "till", "coming", "before", "after"]

    private func dateCandidate(_ date: CalendarDate, grain: String, _ i: Int, _ end: Int) -> BuiltinCandidate {
        BuiltinCandidate(entity: "date", value: .object(["date": .string(date.description), "grain": .string(grain)]), start: i, end: end)
    }

    /// An integer from a number token.
    private func integer(_ i: Int) -> Int? {
        guard kind(i) == .number, let v = tokens[i].numericValue, abs(v) < 1e9, v == v.rounded(), !tokens[i].text.contains(","), !tokens[i].text.contains(".") else { return nil }
        return Int(v)
    }

    /// A day of the month: `25`, `25th`, `first`, `twenty-fifth`.
    private func dayOfMonth(_ i: Int) -> (day: Int, end: Int)? {
        if let d = integer(i), (1...31).contains(d) { return (d, i + 1) }
        if let (d, end) = ordinalNumber(i), (1...31).contains(d) { return (d, end) }
        return nil
    }

    private func year(_ i: Int) -> Int? {
        guard let y = integer(i), tokens[i].text.count == 4, (1900...2199).contains(y) else { return nil }
        return y
    }

    /// The next `month`/`day` on or after the reference day.
    private mutating func upcoming(month: Int, day: Int) -> CalendarDate? {
        let ref = reference()
        for y in [ref.year, ref.year + 1] {
            if let d = CalendarDate(year: y, month: month, day: day), d >= ref { return d }
        }
        // Feb 29 with no leap year ahead within a year.
        return CalendarDate(year: ref.year + 4 - ref.year % 4, month: month, day: day)
    }

    mutating func date(_ i: Int) -> BuiltinCandidate? {
        let w = word(i)
        switch w {
        case "today", "tonight":
            return dateCandidate(reference(), grain: "day", i, i + 1)
        case "tomorrow", "tmrw", "tmr", "tomorow":
            return dateCandidate(reference().adding(days: 1), grain: "day", i, i + 1)
        case "yesterday":
            return dateCandidate(reference().adding(days: -1), grain: "day", i, i + 1)
        case "day":
            if matches(["day", "after", "tomorrow"], at: i) { return dateCandidate(reference().adding(days: 2), grain: "day", i, i + 3) }
            if matches(["day", "before", "yesterday"], at: i) { return dateCandidate(reference().adding(days: -2), grain: "day", i, i + 3) }
            return nil
        case "in", "within":
            // in 3 days, in a week, in two weeks
            var k = i + 1
            var count = 1.0
            if word(k) == "a" || word(k) == "an" || word(k) == "one" { k += 1 }
            else if let r = NumberWords.read(tokens, at: k), r.value >= 1, r.value == r.value.rounded(), r.value < 1000 { count = r.value; k = r.range.upperBound }
            else { return nil }
            guard let (date, grain) = shifted(by: Int(count), unit: word(k)) else { return nil }
            return dateCandidate(date, grain: grain, i, k + 1)
        case "next", "last", "this", "coming":
            let unit = word(i + 1)
            let step = w == "next" ? 1 : w == "last" ? -1 : 0
            if w != "coming", let c = period(unit, step: step, i, i + 2) { return c }
            if matches(["this", "coming"], at: i), let wd = Self.weekdays[word(i + 2)] ?? Self.shortWeekdays[word(i + 2)] {
                return dateCandidate(weekday(wd, mode: 0), grain: "day", i, i + 3)
            }
            if let wd = Self.weekdays[unit] ?? Self.shortWeekdays[unit] {
                return dateCandidate(weekday(wd, mode: step), grain: "day", i, i + 2)
            }
            return nil
        default:
            break
        }
        // N days ago, N weeks from now
        if let r = NumberWords.read(tokens, at: i) ?? (w == "a" ? NumberWords.Reading(value: 1, range: i..<(i + 1)) : nil),
           r.value >= 1, r.value == r.value.rounded(), r.value < 1000 {
            let unitIndex = r.range.upperBound
            if word(unitIndex + 1) == "ago", let (d, g) = shifted(by: -Int(r.value), unit: word(unitIndex)) {
                return dateCandidate(d, grain: g, i, unitIndex + 2)
            }
            if word(unitIndex + 1) == "from", ["now", "today"].contains(word(unitIndex + 2)), let (d, g) = shifted(by: Int(r.value), unit: word(unitIndex)) {
                return dateCandidate(d, grain: g, i, unitIndex + 3)
            }
        }
        // friday (full names anywhere; short ones after on/by/until…)
        if let wd = Self.weekdays[w] ?? (Self.weekdayPrefixes.contains(word(i - 1)) ? Self.shortWeekdays[w] : nil) {
            return dateCandidate(weekday(wd, mode: 0), grain: "day", i, i + 1)
        }
        return absoluteDate(i)
    }

    /// `next week` (that week's Monday), `last month` (its 1st), `this weekend`, `next year`.
    private mutating func period(_ unit: String, step: Int, _ i: Int, _ end: Int) -> BuiltinCandidate? {
        let ref = reference()
        switch unit {
        case "week":
            return dateCandidate(ref.adding(days: 1 - ref.weekday + 7 * step), grain: "week", i, end)
        case "weekend":
            let saturday = ref.weekday == 7 ? ref.adding(days: -1) : ref.adding(days: 6 - ref.weekday)
            return dateCandidate(saturday.adding(days: 7 * step), grain: "weekend", i, end)
        case "month":
            let first = CalendarDate(year: ref.year, month: ref.month, day: 1) ?? ref
            return dateCandidate(first.adding(months: step), grain: "month", i, end)
        case "year":
            return dateCandidate(CalendarDate(year: ref.year + step, month: 1, day: 1) ?? ref, grain: "year", i, end)
        default:
            return nil
        }
    }

    /// mode 0: next occurrence, today included; 1: strictly after today; -1: strictly before today.
    private mutating func weekday(_ wd: Int, mode: Int) -> CalendarDate {
        let ref = reference()
        var delta = (wd - ref.weekday + 7) % 7
        if mode == 1 && delta == 0 { delta = 7 }
        if mode == -1 { delta = -((ref.weekday - wd + 7) % 7); if delta == 0 { delta = -7 } }
        return ref.adding(days: delta)
    }

    private mutating func shifted(by count: Int, unit: String) -> (CalendarDate, String)? {
        let ref = reference()
        switch unit {
        case "day", "days": return (ref.adding(days: count), "day")
        case "week", "weeks": return (ref.adding(days: 7 * count), "day")
        case "month", "months": return (ref.adding(months: count), "day")
        case "year", "years": return (ref.adding(months: 12 * count), "day")
        default: return nil
        }
    }

    /// `25 december`, `25th of dec 2026`, `december 25th, 2026`, `12/24`, `12/24/2026`, `2026-12-24`, `24.12.2026`.
    private mutating func absoluteDate(_ i: Int) -> BuiltinCandidate? {
        // 2026-12-24
        if let y = year(i), adjacent(i), word(i + 1) == "-", adjacent(i + 1), let m = integer(i + 2), adjacent(i + 2),
           word(i + 3) == "-", adjacent(i + 3), let d = integer(i + 4), let date = CalendarDate(year: y, month: m, day: d) {
            return dateCandidate(date, grain: "day", i, i + 5)
        }
        // 12/24, 12/24/2026, 24/12/26
        if let a = integer(i), adjacent(i), word(i + 1) == "/", adjacent(i + 1), let b = integer(i + 2) {
            let (m, d) = a > 12 ? (b, a) : (a, b)
            if adjacent(i + 2), word(i + 3) == "/", adjacent(i + 3), let yy = integer(i + 4) {
                let y = tokens[i + 4].text.count == 2 ? 2000 + yy : yy
                if let date = CalendarDate(year: y, month: m, day: d) { return dateCandidate(date, grain: "day", i, i + 5) }
                return nil
            }
            if (1...12).contains(m), let date = upcoming(month: m, day: d) { return dateCandidate(date, grain: "day", i, i + 3) }
            return nil
        }
        // 24.12.2026 (one number-like token)
        if kind(i) == .number, tokens[i].numericValue == nil || tokens[i].text.filter({ $0 == "." }).count == 2 {
            let parts = tokens[i].text.split(separator: ".")
            if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), parts[2].count == 4,
               let date = CalendarDate(year: y, month: m, day: d) {
                return dateCandidate(date, grain: "day", i, i + 1)
            }
        }
        // december 25th (2026)
        if let m = Self.months[word(i)] {
            // "may" and "march" are verbs too: a date only at the start of the line or after a date word.
            if (word(i) == "may" || word(i) == "march") && i > 0 && !Self.datePrepositions.contains(word(i - 1)) { return nil }
            var k = i + 1
            if word(k) == "the" { k += 1 }
            guard let (d, end) = dayOfMonth(k) else { return nil }
            var last = end
            var y: Int?
            if word(last) == "," , let yy = year(last + 1) { y = yy; last += 2 } else if let yy = year(last) { y = yy; last += 1 }
            let date = y.flatMap { CalendarDate(year: $0, month: m, day: d) } ?? (y == nil ? upcoming(month: m, day: d) : nil)
            guard let date else { return nil }
            return dateCandidate(date, grain: "day", i, last)
        }
        // 25 december, 25th of december (2026); "may" and "march" only here or before a day
        if let (d, end) = dayOfMonth(i) {
            var k = end
            if word(k) == "of" { k += 1 }
            guard let m = Self.months[word(k)] else { return nil }
            var last = k + 1
            var y: Int?
            if word(last) == ",", let yy = year(last + 1) { y = yy; last += 2 } else if let yy = year(last) { y = yy; last += 1 }
            let date = y.flatMap { CalendarDate(year: $0, month: m, day: d) } ?? (y == nil ? upcoming(month: m, day: d) : nil)
            guard let date else { return nil }
            return dateCandidate(date, grain: "day", i, last)
        }
        return nil
    }
}
