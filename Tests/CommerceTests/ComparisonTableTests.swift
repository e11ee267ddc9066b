import Testing
@testable import Commerce

@Suite("Comparison: table, winners and summary")
struct ComparisonTableTests {
    static let aria = ComparedProduct(id: 1, title: "Aria 300 Headphones", shortName: "Aria 300", priceCents: 149_00, rating: 4.2, ratingCount: 80,
                                      attributes: ["battery_hours": .number(20, unit: "h"), "weight_g": .number(250, unit: "g"), "noise_cancelling": .flag(false)])
    static let bolt = ComparedProduct(id: 2, title: "Bolt X Headphones", shortName: "Bolt X", priceCents: 189_00, rating: 4.6, ratingCount: 120,
                                      attributes: ["battery_hours": .number(30, unit: "h"), "noise_cancelling": .flag(true), "waterproof": .flag(true)])

    @Test("rows are aligned, missing values show as missing and never win")
    func missingValue() throws {
        let table = ComparisonTable.build([Self.aria, Self.bolt])
        let weight = try #require(table.row("weight_g"))
        #expect(weight.values[1] == nil)
        #expect(weight.display == ["250 g", "—"])
        #expect(weight.better.isEmpty)
        #expect(table.rows.allSatisfy { $0.values.count == 2 && $0.display.count == 2 })
    }

    @Test("a difference of one is counted in the singular", arguments: [
        (1.0, "has 1 more hour of battery"), (2.0, "has 2 more hours of battery"), (0.5, "has 0.5 more hours of battery"),
    ])
    func singularDifference(difference: Double, phrase: String) {
        let longer = ComparedProduct(id: 3, title: "Cue 5 Headphones", shortName: "Cue 5", priceCents: 149_00, rating: 4.2, ratingCount: 80,
                                     attributes: ["battery_hours": .number(20 + difference, unit: "h")])
        let table = ComparisonTable.build([Self.aria, longer])
        #expect(table.summary.contains(phrase), "\(table.summary)")
    }

    @Test("the better value per row follows the attribute's direction")
    func winners() throws {
        let table = ComparisonTable.build([Self.aria, Self.bolt])
        #expect(try #require(table.row("price")).better == [0])
        #expect(try #require(table.row("rating")).better == [1])
        #expect(try #require(table.row("battery_hours")).better == [1])
        #expect(try #require(table.row("noise_cancelling")).better == [1])
        #expect(table.rows.first?.key == "price")
    }

    @Test("the summary states the real differences")
    func summary() {
        let table = ComparisonTable.build([Self.aria, Self.bolt])
        #expect(table.summary == "The Aria 300 is $40 cheaper; the Bolt X is better rated (4.6 vs 4.2) and has 10 more hours of battery, noise cancelling and waterproofing.")
    }

    @Test("equal values have no winner and are not mentioned")
    func equal() throws {
        var twin = Self.aria
        twin.id = 3
        twin.shortName = "Aria 300 (blue)"
        let table = ComparisonTable.build([Self.aria, twin])
        #expect(table.rows.allSatisfy { $0.better.isEmpty })
        #expect(table.summary.hasPrefix("They are alike"))
    }

    @Test("three products: each one's bests are named")
    func three() {
        let cheap = ComparedProduct(id: 4, title: "Cheapo", priceCents: 29_00, attributes: ["battery_hours": .number(8, unit: "h")])
        let table = ComparisonTable.build([Self.aria, Self.bolt, cheap])
        #expect(table.summary == "The Bolt X is the best rated (4.6), has the longest battery (30 h) and is the only one with noise cancelling and waterproofing; the Cheapo is the cheapest.")
    }

    @Test("a stated need picks the product that fits and says why")
    func need() throws {
        let table = ComparisonTable.build([Self.aria, Self.bolt], need: "for running in the rain")
        let fit = try #require(table.needFit)
        #expect(fit.best == 1)
        #expect(fit.understoodAs.contains("waterproof"))
        #expect(fit.sentence.contains("Bolt X fits best"))
        #expect(fit.sentence.contains("waterproof"))
        #expect(fit.sentence.contains("Aria 300 is not waterproof"))
    }

    @Test("a need on a budget favours the cheaper one; an unknown need gives no verdict")
    func budget() throws {
        #expect(try #require(ComparisonTable.build([Self.aria, Self.bolt], need: "on a student budget").needFit).best == 0)
        #expect(ComparisonTable.build([Self.aria, Self.bolt], need: "for my aunt Mildred").needFit == nil)
    }
}
