import Testing
@testable import NLU

/// Wednesday 25 November 2026: the day relative dates in these tables count from.
private let reference = CalendarDate(year: 2026, month: 11, day: 25)!
private let extractor = BuiltinEntityExtractor()

/// `entity value "text"` for each entity found, in order.
private func found(_ text: String) -> [String] {
    extractor.extract(text, referenceDate: reference).map { "\($0.entity) \($0.value) \"\($0.text)\"" }
}

@Suite("Builtin entities")
struct BuiltinEntityTests {
    @Test("money", arguments: [
        ("red shoes for $50", "money {amount: 50, currency: USD} \"$50\""),
        ("it costs 50 bucks", "money {amount: 50, currency: USD} \"50 bucks\""),
        ("fifty dollars is fine", "money {amount: 50, currency: USD} \"fifty dollars\""),
        ("€30 tops", "price_range {currency: EUR, max: 30} \"€30 tops\""),
        ("it was €30", "money {amount: 30, currency: EUR} \"€30\""),
        ("pay 49.99 now", "money {amount: 49.99, currency: USD} \"49.99\""),
        ("30 euros", "money {amount: 30, currency: EUR} \"30 euros\""),
        ("just £5", "money {amount: 5, currency: GBP} \"£5\""),
        ("twenty five dollars", "money {amount: 25, currency: USD} \"twenty five dollars\""),
        ("a hundred and fifty dollars", "money {amount: 150, currency: USD} \"a hundred and fifty dollars\""),
        ("99 cents", "money {amount: 0.99, currency: USD} \"99 cents\""),
        ("$1,299.50", "money {amount: 1299.5, currency: USD} \"$1,299.50\""),
        ("usd 20", "money {amount: 20, currency: USD} \"usd 20\""),
        ("$ 20", "money {amount: 20, currency: USD} \"$ 20\""),
        ("30€", "money {amount: 30, currency: EUR} \"30€\""),
        ("$4k", "money {amount: 4000, currency: USD} \"$4k\""),
        ("$50 dollars", "money {amount: 50, currency: USD} \"$50 dollars\""),
    ])
    func money(text: String, expected: String) {
        #expect(found(text) == [expected])
    }

    @Test("price ranges", arguments: [
        ("shoes under $50", "price_range {currency: USD, max: 50} \"under $50\""),
        ("below 80 dollars", "price_range {currency: USD, max: 80} \"below 80 dollars\""),
        ("less than 100", "price_range {currency: USD, max: 100} \"less than 100\""),
        ("at most €40", "price_range {currency: EUR, max: 40} \"at most €40\""),
        ("up to $200", "price_range {currency: USD, max: 200} \"up to $200\""),
        ("no more than 60 bucks", "price_range {currency: USD, max: 60} \"no more than 60 bucks\""),
        ("over $100", "price_range {currency: USD, min: 100} \"over $100\""),
        ("above 50", "price_range {currency: USD, min: 50} \"above 50\""),
        ("at least £20", "price_range {currency: GBP, min: 20} \"at least £20\""),
        ("more than 30 euros", "price_range {currency: EUR, min: 30} \"more than 30 euros\""),
        ("from $40", "price_range {currency: USD, min: 40} \"from $40\""),
        ("between 50 and 100", "price_range {currency: USD, max: 100, min: 50} \"between 50 and 100\""),
        ("between $50 and $100", "price_range {currency: USD, max: 100, min: 50} \"between $50 and $100\""),
        ("$50-$80", "price_range {currency: USD, max: 80, min: 50} \"$50-$80\""),
        ("$50 - 80", "price_range {currency: USD, max: 80, min: 50} \"$50 - 80\""),
        ("from 10 to 20 euros", "price_range {currency: EUR, max: 20, min: 10} \"from 10 to 20 euros\""),
        ("50 to 80 dollars", "price_range {currency: USD, max: 80, min: 50} \"50 to 80 dollars\""),
        ("price 50-80", "price_range {currency: USD, max: 80, min: 50} \"50-80\""),
        ("around $100", "price_range {approx: true, currency: USD, max: 115, min: 85} \"around $100\""),
        ("about 60 dollars", "price_range {approx: true, currency: USD, max: 69, min: 51} \"about 60 dollars\""),
        ("under fifty dollars", "price_range {currency: USD, max: 50} \"under fifty dollars\""),
        ("$30 or less", "price_range {currency: USD, max: 30} \"$30 or less\""),
        ("$30 and up", "price_range {currency: USD, min: 30} \"$30 and up\""),
        ("under $1.5k", "price_range {currency: USD, max: 1500} \"under $1.5k\""),
    ])
    func priceRanges(text: String, expected: String) {
        #expect(found(text) == [expected])
    }

    @Test("no price where there is no number or a unit follows", arguments: [
        "cheap shoes", "something cheaper", "under 2 kg", "over 3 days", "more than 2 pairs", "sizes 8-10", "from 3 stores",
        "shoes for under the bed", "a 4k tv",
    ])
    func noPrice(text: String) {
        #expect(!extractor.extract(text, referenceDate: reference).contains { $0.entity == "price_range" || $0.entity == "money" })
    }

    @Test("numbers", arguments: [
        ("show me 3", ["number 3 \"3\""]),
        ("twenty five", ["number 25 \"twenty five\""]),
        ("two thousand", ["number 2000 \"two thousand\""]),
        ("1,200 reviews", ["number 1200 \"1,200\""]),
        ("size 10.5", ["number 10.5 \"10.5\""]),
        ("buy one", ["number 1 \"one\""]),
        ("one red shirt", ["number 1 \"one\""]),
        ("the blue one", []),
        ("which one is better", []),
        ("50% off", ["percent 50 \"50%\""]),
    ])
    func numbers(text: String, expected: [String]) {
        #expect(found(text) == expected)
    }

    @Test("ordinals and references", arguments: [
        ("the first one", "ordinal {position: 1} \"first one\""),
        ("show the 2nd", "ordinal {position: 2} \"2nd\""),
        ("the second one", "ordinal {position: 2} \"second one\""),
        ("the third", "ordinal {position: 3} \"third\""),
        ("number 3", "ordinal {position: 3} \"number 3\""),
        ("#2 please", "ordinal {position: 2} \"#2\""),
        ("option 4", "ordinal {position: 4} \"option 4\""),
        ("the last one", "ordinal {position: -1} \"last one\""),
        ("the second to last", "ordinal {position: -2} \"second to last\""),
        ("the second last one", "ordinal {position: -2} \"second last one\""),
        ("the penultimate", "ordinal {position: -2} \"penultimate\""),
        ("the last two", "ordinal {count: 2, position: -2} \"last two\""),
        ("the first three", "ordinal {count: 3, position: 1} \"first three\""),
        ("top 5", "ordinal {count: 5, position: 1} \"top 5\""),
        ("the twenty-first", "ordinal {position: 21} \"twenty-first\""),
        ("the other one", "ordinal {reference: other} \"other one\""),
        ("what about the other", "ordinal {reference: other} \"other\""),
        ("both", "ordinal {reference: both} \"both\""),
        ("both of them", "ordinal {reference: both} \"both of them\""),
        ("this one", "ordinal {reference: this} \"this one\""),
        ("either one", "ordinal {reference: either} \"either one\""),
        ("all of them", "ordinal {reference: all} \"all of them\""),
        ("the previous one", "ordinal {reference: previous} \"previous one\""),
    ])
    func ordinals(text: String, expected: String) {
        #expect(found(text) == [expected])
    }

    @Test("ordinal words in other senses are not positions", arguments: [
        "at first i wanted shoes", "first of all hello", "first class tickets", "my first name", "wait a second", "30 seconds", "other colors", "at last", "my first time here",
        "cheapest first", "lowest price first please", "newest first", "most expensive last",
    ])
    func notOrdinals(text: String) {
        #expect(!extractor.extract(text, referenceDate: reference).contains { $0.entity == "ordinal" })
    }

    @Test("quantities", arguments: [
        ("2 of them", "quantity {count: 2} \"2\""),
        ("three pairs", "quantity {count: 3, unit: pair} \"three\""),
        ("x2", "quantity {count: 2} \"x2\""),
        ("2x", "quantity {count: 2} \"2x\""),
        ("qty 3", "quantity {count: 3} \"qty 3\""),
        ("quantity: 4", "quantity {count: 4} \"quantity: 4\""),
        ("a pair of socks", "quantity {count: 1, unit: pair} \"a pair\""),
        ("a couple of shirts", "quantity {count: 2} \"a couple\""),
        ("10 items", "quantity {count: 10, unit: item} \"10\""),
        ("one of them", "quantity {count: 1} \"one\""),
        ("2 packs of batteries", "quantity {count: 2, unit: pack} \"2\""),
        ("one pack", "quantity {count: 1, unit: pack} \"one\""),
    ])
    func quantities(text: String, expected: String) {
        #expect(found(text) == [expected])
    }

    @Test("numbers that are not how many to buy", arguments: [
        "remove the size 10 pair", "a 4 pack of batteries", "3 pack please", "deliver to d02 x285",
        "buy the two of them then", "compare the three of those",
    ])
    func notQuantities(text: String) {
        #expect(!extractor.extract(text, referenceDate: reference).contains { $0.entity == "quantity" })
    }

    @Test("order ids and emails", arguments: [
        ("where is #A10234", ["order_id A10234 \"#A10234\""]),
        ("order a1234567 status", ["order_id A1234567 \"a1234567\""]),
        ("A1234 is not one", []),
        ("A12345678 is too long", []),
        ("mail Jane.Doe@Example.com", ["email jane.doe@example.com \"Jane.Doe@Example.com\""]),
        ("orders #A10234 and #a20000 to joe@x.io", ["order_id A10234 \"#A10234\"", "order_id A20000 \"#a20000\"", "email joe@x.io \"joe@x.io\""]),
    ])
    func ids(text: String, expected: [String]) {
        #expect(found(text).filter { !$0.hasPrefix("number") } == expected)
    }

    @Test("dates relative to the reference day (Wednesday 2026-11-25)", arguments: [
        ("today", "2026-11-25", "today"),
        ("tomorrow", "2026-11-26", "tomorrow"),
        ("yesterday", "2026-11-24", "yesterday"),
        ("the day after tomorrow", "2026-11-27", "day after tomorrow"),
        ("by friday", "2026-11-27", "friday"),
        ("this friday", "2026-11-27", "this friday"),
        ("next friday", "2026-11-27", "next friday"),
        ("next wednesday", "2026-12-02", "next wednesday"),
        ("on wednesday", "2026-11-25", "wednesday"),
        ("last monday", "2026-11-23", "last monday"),
        ("on sat", "2026-11-28", "sat"),
        ("in 3 days", "2026-11-28", "in 3 days"),
        ("in three days", "2026-11-28", "in three days"),
        ("in a week", "2026-12-02", "in a week"),
        ("2 weeks ago", "2026-11-11", "2 weeks ago"),
        ("a month from now", "2026-12-25", "a month from now"),
        ("25 December", "2026-12-25", "25 December"),
        ("december 25th", "2026-12-25", "december 25th"),
        ("on may 5th", "2027-05-05", "may 5th"),
        ("march 3", "2027-03-03", "march 3"),
        ("the 3rd of january", "2027-01-03", "3rd of january"),
        ("jan 3, 2026", "2026-01-03", "jan 3, 2026"),
        ("12/24", "2026-12-24", "12/24"),
        ("24/12", "2026-12-24", "24/12"),
        ("12/24/2027", "2027-12-24", "12/24/2027"),
        ("2026-12-24", "2026-12-24", "2026-12-24"),
        ("24.12.2026", "2026-12-24", "24.12.2026"),
    ])
    func dates(text: String, date: String, span: String) {
        let entities = extractor.extract(text, referenceDate: reference).filter { $0.entity == "date" }
        #expect(entities.count == 1)
        #expect(entities.first?.value["date"] == .string(date))
        #expect(entities.first?.text == span)
    }

    @Test("periods resolve to their first day with a grain", arguments: [
        ("next week", "2026-11-30", "week"),
        ("last week", "2026-11-16", "week"),
        ("this week", "2026-11-23", "week"),
        ("next month", "2026-12-01", "month"),
        ("last month", "2026-10-01", "month"),
        ("this weekend", "2026-11-28", "weekend"),
        ("next year", "2027-01-01", "year"),
    ])
    func periods(text: String, date: String, grain: String) {
        let entity = extractor.extract(text, referenceDate: reference).first
        #expect(entity?.entity == "date")
        #expect(entity?.value == .object(["date": .string(date), "grain": .string(grain)]))
    }

    @Test("impossible dates are not dates", arguments: ["2026-02-30", "13/13", "february 30", "32 december", "it may 5 be", "they march 3 times"])
    func impossibleDates(text: String) {
        #expect(!extractor.extract(text, referenceDate: reference).contains { $0.entity == "date" })
    }

    @Test("spans are scalar offsets into the line and entities do not overlap")
    func spans() {
        let text = "Crème 👍 shoes under €50, 2 pairs, by friday"
        let entities = extractor.extract(text, referenceDate: reference)
        #expect(entities.map(\.entity) == ["price_range", "quantity", "date"])
        let scalars = Array(text.unicodeScalars)
        for e in entities {
            #expect(String(String.UnicodeScalarView(scalars[e.start..<e.end])) == e.text)
            #expect(e.extractor == "builtin" && e.confidence == 1)
        }
        #expect(entities[0].start == 14 && entities[0].end == 23)
    }

    @Test("a shopping line yields each entity once")
    func mixed() {
        #expect(found("I need 2 pairs of nike shoes between $50 and $80 by next friday, order #A10234") == [
            "quantity {count: 2, unit: pair} \"2\"",
            "price_range {currency: USD, max: 80, min: 50} \"between $50 and $80\"",
            "date {date: 2026-11-27, grain: day} \"next friday\"",
            "order_id A10234 \"#A10234\"",
        ])
    }

    @Test("the default currency is configurable")
    func defaultCurrency() {
        let euro = BuiltinEntityExtractor(defaultCurrency: "EUR")
        #expect(euro.extract("under 50", referenceDate: reference).first?.value == .object(["max": .number(50), "currency": .string("EUR")]))
    }
}

@Suite("Builtin calendar dates")
struct BuiltinCalendarDateTests {
    @Test("days since the epoch round-trip and weekdays are ISO", arguments: [
        ("1970-01-01", 0, 4), ("2000-02-29", 11016, 2), ("2026-11-25", 20782, 3), ("1969-12-31", -1, 3),
    ])
    func epoch(iso: String, days: Int, weekday: Int) throws {
        let date = try #require(CalendarDate(iso))
        #expect(date.days == days)
        #expect(CalendarDate(days: days) == date)
        #expect(date.weekday == weekday)
        #expect(date.description == iso)
    }

    @Test("adding months clamps to the month's length")
    func months() {
        #expect(CalendarDate(year: 2026, month: 1, day: 31)!.adding(months: 1).description == "2026-02-28")
        #expect(CalendarDate(year: 2026, month: 11, day: 25)!.adding(months: -12).description == "2025-11-25")
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
    }
}
