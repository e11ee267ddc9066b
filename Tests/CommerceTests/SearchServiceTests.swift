import Foundation
import Testing
@testable import Commerce

@Suite("Search: service on a small shop")
struct SearchServiceTests {
    static func service() throws -> SearchService {
        let store = try ShopStore.inMemory()
        try ServiceFixture.populate(store)
        return try SearchService(store: store)
    }

    @Test("free text is ranked by BM25 (a title match beats a tag match), in-stock products first")
    func freeText() throws {
        let result = try Self.service().search(SearchRequest(text: "waterproof"))
        #expect(result.total == 3) // HP-1 says "waterproof: no" in an attribute, not in its text
        // The earbuds have the word in their title: the best BM25 score (lowest) ...
        let best = result.hits.min { ($0.textScore ?? 0) < ($1.textScore ?? 0) }
        #expect(best?.title == "Bolt Sport Waterproof Earbuds")
        // ... but they are out of stock, so the in-stock tag matches come first and they come last.
        #expect(result.hits.map(\.inStock) == [true, true, false])
        #expect(result.hits.last?.title == "Bolt Sport Waterproof Earbuds")
        #expect(result.relaxed.isEmpty && result.corrections.isEmpty)
    }

    @Test("filters combine: category, brand, colour, size, price, in stock", arguments: [
        (SearchFilters(category: "headphones"), ["HP-1", "HP-2", "HP-4"]),
        (SearchFilters(category: "running shoes", brands: ["northpeak"]), ["SH-1", "SH-2"]),
        (SearchFilters(category: "shoe", color: "red", size: "9"), ["SH-1"]),
        (SearchFilters(category: "Audio", price: PriceRange(maxCents: 100_00)), ["HP-2", "HP-3", "HP-4"]),
        (SearchFilters(category: "Audio", inStockOnly: true), ["HP-1", "HP-2", "HP-4"]),
        (SearchFilters(features: ["noise cancelling"]), ["HP-1"]),
        (SearchFilters(color: "blue"), ["HP-3", "SH-2", "JK-1"]), // "Navy Blue" is blue too
        (SearchFilters(attributes: ["battery_life": "20 h"]), ["HP-2"]),
    ])
    func filters(filters: SearchFilters, skus: [String]) throws {
        let result = try Self.service().search(SearchRequest(filters: filters, sort: .priceAscending, relaxWhenEmpty: false))
        let want = Set(skus.compactMap { sku in ServiceFixture.items.first { $0.sku == sku }?.title })
        #expect(Set(result.hits.map(\.title)) == want)
        #expect(result.total == skus.count)
    }

    @Test("sorts: price up and down, rating, newest")
    func sorts() throws {
        let search = try Self.service()
        let up = try search.search(SearchRequest(filters: SearchFilters(category: "headphones"), sort: .priceAscending)).hits.map(\.priceCents)
        #expect(up == [39_00, 99_00, 249_00])
        let down = try search.search(SearchRequest(filters: SearchFilters(category: "headphones"), sort: .priceDescending)).hits.map(\.priceCents)
        #expect(down == [249_00, 99_00, 39_00])
        let newest = try search.search(SearchRequest(filters: SearchFilters(category: "running shoes"), sort: .newest)).hits.map(\.title)
        #expect(newest.first == "Swiftfoot Racer Running Shoe")
        // Rating is pulled toward 4.0 by five imaginary reviews; the unrated lamp comes last.
        let rated = try search.search(SearchRequest(sort: .rating)).hits.map(\.title)
        #expect(rated.first == "Swiftfoot Racer Running Shoe")
        #expect(rated.last == "Last Unit Lamp")
    }

    @Test("pages split the result and say when there is more")
    func pages() throws {
        let search = try Self.service()
        let first = try search.search(SearchRequest(sort: .priceAscending, page: 0, pageSize: 4))
        let second = try search.search(SearchRequest(sort: .priceAscending, page: 1, pageSize: 4))
        let third = try search.search(SearchRequest(sort: .priceAscending, page: 2, pageSize: 4))
        #expect(first.total == 9 && first.pageCount == 3 && first.hasMore)
        #expect(Set(first.hits.map(\.productID)).isDisjoint(with: second.hits.map(\.productID)))
        #expect(third.hits.count == 1 && !third.hasMore)
        #expect((first.hits + second.hits + third.hits).map(\.priceCents) == (first.hits + second.hits + third.hits).map(\.priceCents).sorted())
        #expect(throws: SearchError.invalidPageSize(0)) { try search.search(SearchRequest(pageSize: 0)) }
    }

    @Test("facets count brands, colours and price bands over the whole result, not the page")
    func facets() throws {
        let result = try Self.service().search(SearchRequest(filters: SearchFilters(category: "shoes"), pageSize: 1))
        #expect(result.hits.count == 1)
        #expect(result.facets.brands == [FacetCount(value: "Northpeak", count: 2), FacetCount(value: "Swiftfoot", count: 1)])
        #expect(result.facets.colors.first(where: { $0.value == "Red" })?.count == 1)
        #expect(result.facets.colors.first(where: { $0.value == "Blue" })?.count == 1)
        #expect(result.facets.priceBands.map(\.count).reduce(0, +) == 3)
    }

    @Test("nothing in the asked colour: the colour is relaxed and the result says so")
    func relaxColor() throws {
        let result = try Self.service().search(SearchRequest(filters: SearchFilters(category: "running shoes", brands: ["Swiftfoot"], color: "red")))
        #expect(result.relaxed.map(\.constraint) == [.color])
        #expect(result.hits.map(\.title) == ["Swiftfoot Racer Running Shoe"])
        #expect(result.applied.filters.brands == ["Swiftfoot"])
        #expect(result.notices == ["Nothing in red matched, so this shows other colours."])
    }

    @Test("relaxation goes colour, size, …, brand, price until something matches")
    func relaxSeveral() throws {
        // No Acme shoes at all, none red in size 12, none under $10.
        let request = SearchRequest(filters: SearchFilters(category: "running shoes", brands: ["Acme"], color: "red", size: "12", price: PriceRange(maxCents: 10_00)))
        let result = try Self.service().search(request)
        #expect(result.relaxed.map(\.constraint) == [.color, .size, .brand, .price])
        #expect(result.total == 3)
        #expect(result.applied.filters.category == "running shoes")
    }

    @Test("nonsense text still leads somewhere: the text is relaxed, never an empty answer")
    func relaxText() throws {
        let result = try Self.service().search(SearchRequest(text: "qqqzzzxx", filters: SearchFilters(category: "jackets")))
        #expect(result.relaxed.map(\.constraint) == [.text])
        #expect(result.hits.map(\.title) == ["Northpeak Storm Rain Jacket"])
    }

    @Test("a misspelled word is corrected from the catalog's vocabulary", arguments: [
        ("hedphones", "headphones"), ("sonnora", "sonora"), ("trialblaze", "trailblaze"), ("waterprof jaket", "waterproof jacket"),
    ])
    func misspelling(typed: String, corrected: String) throws {
        let result = try Self.service().search(SearchRequest(text: typed))
        #expect(result.total > 0)
        #expect(result.applied.text == corrected)
        #expect(result.relaxed.isEmpty)
        #expect(result.notices.first?.hasPrefix("Showing results for") == true)
    }

    @Test("a misspelled brand filter is corrected, not dropped")
    func brandFilterMisspelled() throws {
        let result = try Self.service().search(SearchRequest(filters: SearchFilters(brands: ["Nortpeak"])))
        #expect(result.corrections == [SpellingFix(field: .brand, typed: "Nortpeak", corrected: "Northpeak")])
        #expect(result.total == 3)
    }

    @Test("misspelled category and colour filters are corrected too")
    func filterMisspellings() throws {
        let search = try Self.service()
        let category = try search.search(SearchRequest(filters: SearchFilters(category: "Hedphones")))
        #expect(category.corrections == [SpellingFix(field: .category, typed: "Hedphones", corrected: "Headphones")])
        #expect(category.total == 3 && category.relaxed.isEmpty)
        let color = try search.search(SearchRequest(filters: SearchFilters(category: "running shoes", color: "Gery")))
        #expect(color.corrections == [SpellingFix(field: .color, typed: "Gery", corrected: "Grey")])
        #expect(color.hits.map(\.title) == ["Trailblaze 3 Trail Running Shoe"])
    }

    @Test("shopper text cannot break the FTS query", arguments: ["\"", "NEAR(a b)", "title:foo", "-", "*", "a OR", "'; DROP TABLE products; --"])
    func naughty(text: String) throws {
        let result = try Self.service().search(SearchRequest(text: text))
        #expect(result.total >= 0)
        #expect(SearchService.ftsQuery(text).map { !$0.contains("(") && !$0.contains(":") } ?? true)
    }

    @Test("type-ahead completes queries and products from the catalog")
    func completion() throws {
        let search = try Self.service()
        let c = search.complete("noise canc")
        #expect(c.products.map(\.title) == ["Sonora Quiet 700 Noise-Cancelling Headphones"])
        #expect(c.queries.first?.text == "noise cancelling headphones")
        #expect(search.complete("north").queries.first?.text == "northpeak")
        #expect(search.complete("run").products.count == 3)
    }

    @Test("stock on a page is read fresh from the store")
    func freshStock() throws {
        let search = try Self.service()
        try search.store.database.write { db in try db.execute(sql: "UPDATE products SET stock = 0 WHERE sku = 'LS-1'") }
        let hit = try #require(try search.search(SearchRequest(text: "lamp")).hits.first)
        #expect(hit.stock == 0 && !hit.inStock)
    }
}

@Suite("Search: did you mean, when results were found")
struct SearchDidYouMeanTests {
    @Test("a word only in descriptions is not 'corrected'; a typo next to real results is offered as did-you-mean")
    func didYouMean() throws {
        let search = try SearchServiceTests.service()
        // "by" is a stopword, "sonora" is known; "lamp" matches. None needs correcting.
        #expect(search.didYouMean("lamp") == nil)
        #expect(search.didYouMean("sonnora headphones") == "sonora headphones")
        let result = try search.search(SearchRequest(text: "headphones"))
        #expect(result.didYouMean == nil && result.total == 3)
    }
}
