import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("Comparison: service on the shop's data")
struct ComparisonServiceTests {
    @Test("two headphones from the store: table with units, winners, a missing value and a summary")
    func fixtureHeadphones() throws {
        let store = try ShopStore.inMemory()
        let ids = try ServiceFixture.populate(store)
        let quiet = try #require(ids["HP-1"]), lite = try #require(ids["HP-2"]), wired = try #require(ids["HP-4"])
        let table = try ComparisonService(store: store).compare(ComparisonRequest(productIDs: [quiet, lite]))
        #expect(table.products.map(\.shortName) == ["Quiet 700 Noise-Cancelling", "Lite Wireless"])
        #expect(try #require(table.row("battery_life")).display == ["30 h", "20 h"])
        #expect(try #require(table.row("battery_life")).better == [0])
        #expect(try #require(table.row("weight")).better == [1]) // lighter wins
        #expect(try #require(table.row("price")).better == [1])
        #expect(try #require(table.row("waterproof")).display == ["No", "—"]) // missing, not "No"
        #expect(table.summary == "The Quiet 700 Noise-Cancelling is better rated (4.7 vs 4.1) and has 10 more hours of battery and noise cancelling; the Lite Wireless is $150 cheaper and 70 g lighter.")
        // The wired pair has no battery at all: shown as missing, never as zero, and no winner.
        let other = try ComparisonService(store: store).compare(ComparisonRequest(productIDs: [quiet, wired]))
        #expect(try #require(other.row("battery_life")).display == ["30 h", "—"])
        #expect(try #require(other.row("battery_life")).better.isEmpty)
    }

    @Test("one product's specifications read as its comparison column, without price and rating")
    func specifications() throws {
        let store = try ShopStore.inMemory()
        let ids = try ServiceFixture.populate(store)
        let quiet = try #require(ids["HP-1"])
        let specs = try ComparisonService(store: store).specifications(productID: quiet)
        let table = try ComparisonService(store: store).compare(ComparisonRequest(productIDs: [quiet, try #require(ids["HP-2"])]))
        let column = table.rows.filter { $0.key != "price" && $0.key != "rating" && $0.values[0] != nil }.map { "\($0.label): \($0.display[0])" }
        #expect(specs.map { "\($0.label): \($0.value)" } == column)
        #expect(specs.contains { $0.label == "Battery life" && $0.value == "30 h" })
        #expect(!specs.contains { $0.label == "Price" || $0.label == "Rating" || $0.value == ComparisonRow.missing })
    }

    @Test("on the demo shop, every category's specifications read as the comparison column")
    func specificationsOnDemoShop() throws {
        let store = try DemoFixture.shop()
        let ids = try store.database.read { db in try Int64.fetchAll(db, sql: "SELECT MIN(id) FROM products GROUP BY category UNION SELECT MAX(id) FROM products GROUP BY category") }
        let service = ComparisonService(store: store)
        for (a, b) in zip(ids, ids.dropFirst()) {
            let table = try service.compare(ComparisonRequest(productIDs: [a, b]))
            let column = table.rows.filter { $0.key != "price" && $0.key != "rating" && $0.values[0] != nil }.map { "\($0.label): \($0.display[0])" }
            #expect(try service.specifications(productID: a).map { "\($0.label): \($0.value)" } == column, "product \(a)")
        }
    }

    @Test("a need picks the product that fits: rain → waterproof")
    func need() throws {
        let store = try ShopStore.inMemory()
        let ids = try ServiceFixture.populate(store)
        let table = try ComparisonService(store: store).compare(ComparisonRequest(productIDs: [try #require(ids["SH-2"]), try #require(ids["SH-1"])], need: "for running in the rain"))
        let fit = try #require(table.needFit)
        #expect(fit.best == 1)
        #expect(fit.sentence.hasPrefix("For running in the rain, the Trailblaze 3 Trail fits best: it is waterproof"))
    }

    @Test("bad requests get a reason", arguments: [
        ([Int64(1)], ComparisonError.tooFew(1)),
        ([1, 2, 3, 4, 5], ComparisonError.tooMany(5)),
        ([1, 1], ComparisonError.duplicate(1)),
        ([1, 999_999], ComparisonError.unknownProducts([999_999])),
    ])
    func errors(ids: [Int64], error: ComparisonError) throws {
        let store = try ShopStore.inMemory()
        try ServiceFixture.populate(store)
        #expect(throws: error) { try ComparisonService(store: store).compare(ComparisonRequest(productIDs: ids)) }
        #expect(!error.description.isEmpty)
    }

    @Test("on the demo shop: rows are aligned and every winner really has the best value")
    func demoShop() throws {
        let store = try DemoFixture.shop()
        let ids = try store.database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM products WHERE category = 'Headphones' ORDER BY id LIMIT 3") }
        let table = try ComparisonService(store: store).compare(ComparisonRequest(productIDs: ids, need: "for long flights"))
        #expect(table.products.count == 3)
        for row in table.rows {
            #expect(row.values.count == 3 && row.display.count == 3)
            for (i, v) in row.values.enumerated() where v == nil { #expect(row.display[i] == ComparisonRow.missing) }
            if row.direction == .higherIsBetter || row.direction == .lowerIsBetter, let w = row.better.first, let best = row.values[w]?.number {
                for v in row.values.compactMap({ $0?.number }) {
                    #expect(row.direction == .higherIsBetter ? v <= best : v >= best, "row \(row.key)")
                }
            }
        }
        #expect(!table.summary.isEmpty)
        #expect(table.needFit?.understoodAs.contains("noise cancelling") == true)
    }
}
