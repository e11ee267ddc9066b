import Testing
@testable import Commerce

@Suite("Search: request model, relaxation and price bands")
struct SearchModelTests {
    @Test("relaxation gives up colour before size before brand before price before text")
    func relaxationOrder() {
        #expect(SearchConstraint.defaultRelaxationOrder.prefix(2) == [.color, .size])
        let order = SearchConstraint.defaultRelaxationOrder
        let position = { (c: SearchConstraint) in order.firstIndex(of: c) ?? -1 }
        #expect(position(.color) < position(.size))
        #expect(position(.size) < position(.brand))
        #expect(position(.brand) < position(.price))
        #expect(position(.price) < position(.text))
        #expect(Set(order) == Set(SearchConstraint.allCases))
    }

    @Test("relaxing a constraint removes only it and says what was dropped")
    func relaxing() throws {
        var request = SearchRequest(text: "shoes", filters: SearchFilters(brands: ["Trailblaze"], color: "red", price: PriceRange(maxCents: 50_00)), page: 3)
        request.filters.size = "10"
        let (relaxed, what) = try #require(request.relaxing(.color))
        #expect(relaxed.filters.color == nil)
        #expect(relaxed.filters.size == "10")
        #expect(relaxed.filters.brands == ["Trailblaze"])
        #expect(relaxed.page == 0)
        #expect(what.message == "Nothing in red matched, so this shows other colours.")
        #expect(request.relaxing(.inStock) == nil)
        #expect(try #require(request.relaxing(.price)).relaxation.droppedValue == "under $50")
    }

    @Test("price ranges read like a shop's", arguments: [
        (PriceRange(maxCents: 100_00), "under $100"),
        (PriceRange(minCents: 50_00), "over $50"),
        (PriceRange(minCents: 25_00, maxCents: 49_99), "$25–$49.99"),
    ])
    func priceRangeText(range: PriceRange, text: String) {
        #expect(range.description == text)
    }

    @Test("price bands have round bounds, cover every price once and are never empty")
    func bands() {
        let prices = (1...200).map { $0 * 137 % 30_000 + 500 } // $5…$305
        let bands = PriceBands.bands(for: prices)
        #expect(bands.count >= 3 && bands.count <= 5)
        #expect(bands.map(\.count).reduce(0, +) == prices.count)
        #expect(bands.allSatisfy { $0.count > 0 })
        #expect(bands.first?.range.minCents == nil)
        #expect(bands.last?.range.maxCents == nil)
        for band in bands { #expect(prices.filter { band.range.contains($0) }.count == band.count) }
        for band in bands.dropFirst() {
            let lower = band.range.minCents ?? 0
            #expect(PriceBands.ladder.contains(lower), "bound \(lower) is not a round amount")
        }
        #expect(bands.first?.label.hasPrefix("under $") == true)
        #expect(bands.last?.label.hasSuffix("and over") == true)
    }

    @Test("one price gives one band; no prices give none")
    func degenerateBands() {
        #expect(PriceBands.bands(for: []).isEmpty)
        #expect(PriceBands.bands(for: [999, 999]).map(\.count) == [2])
    }

    @Test("facet tallies are ordered most first, then by name")
    func facetTop() {
        #expect(SearchFacets.top(["b": 2, "a": 2, "c": 5], limit: 2) == [FacetCount(value: "c", count: 5), FacetCount(value: "a", count: 2)])
    }

    @Test("money is shown exactly", arguments: [(4000, "$40"), (3999, "$39.99"), (5, "$0.05"), (123_456_700, "$1,234,567"), (-500, "-$5")])
    func money(cents: Int, text: String) {
        #expect(MoneyFormat.dollars(cents) == text)
    }
}
