import Foundation
import GRDB
import Testing
@testable import Commerce

/// Ranking on the shared demo shop (seed 7, 300 products): the category a shopper names
/// comes first, and the first result can be bought.
@Suite("Search: ranking on the demo shop")
struct SearchRankingTests {
    static let requests: [(String, SearchFilters)] = [
        ("headphones", SearchFilters()),
        ("headphones", SearchFilters(price: PriceRange(maxCents: 100_00))),
        ("hedphones", SearchFilters()),
        ("wireless headphones", SearchFilters()),
    ]

    @Test("a word naming a category's head noun puts that category first: headphones, not headphone cases", arguments: [
        SearchService.TextEngine.memory, .fts5,
    ])
    func headNounFirst(engine: SearchService.TextEngine) throws {
        let search = try SearchService(store: try DemoFixture.shop(), textEngine: engine)
        // The demo shop sells both, and "headphone" is in every case's text.
        let cases = try search.search(SearchRequest(text: "headphone case", pageSize: 5))
        #expect(cases.hits.count == 5 && cases.hits.allSatisfy { $0.category == "Headphone Cases" })
        for (text, filters) in Self.requests {
            let result = try search.search(SearchRequest(text: text, filters: filters, pageSize: 5))
            #expect(result.hits.count == 5, "\(text)")
            #expect(result.hits.allSatisfy { $0.category == "Headphones" }, "\(text) \(filters.price?.description ?? ""): \(result.hits.map(\.category))")
            if let max = filters.price?.maxCents { #expect(result.hits.allSatisfy { $0.priceCents <= max }) }
        }
    }

    @Test("the named category leads every sort, not only relevance", arguments: [SearchSort.priceAscending, .rating, .newest])
    func headNounFirstInSorts(sort: SearchSort) throws {
        let search = try SearchService(store: try DemoFixture.shop())
        let result = try search.search(SearchRequest(text: "headphones", sort: sort, pageSize: 5))
        #expect(result.hits.allSatisfy { $0.category == "Headphones" }, "\(result.hits.map(\.category))")
    }

    @Test("an explicit category filter is that category exactly, not every category containing its words", arguments: [
        "Headphones", "headphone", "Laptops", "Phone Cases",
    ])
    func exactCategoryFilter(category: String) throws {
        let search = try SearchService(store: try DemoFixture.shop())
        let result = try search.search(SearchRequest(filters: SearchFilters(category: category), pageSize: 100, relaxWhenEmpty: false))
        let name = try #require(result.hits.first?.category)
        #expect(SearchService.singular(CatalogText.words(name)) == SearchService.singular(CatalogText.words(category)))
        let expected = try search.store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products WHERE category = ?", arguments: [name]) ?? 0 }
        #expect(result.total == expected && expected > 0)
        #expect(result.hits.allSatisfy { $0.category == name })
    }

    @Test("a category filter with no exact match still finds categories containing its words")
    func looseCategoryFilter() throws {
        let search = try SearchService(store: try DemoFixture.shop())
        let result = try search.search(SearchRequest(filters: SearchFilters(category: "case"), pageSize: 100, relaxWhenEmpty: false))
        #expect(Set(result.hits.map(\.category)) == ["Headphone Cases", "Phone Cases"])
    }

    @Test("the first result of a common search is in stock; out-of-stock matches are still found, lower down", arguments: [
        "headphones", "running shoes", "laptop", "backpack", "smartwatch", "tent", "blender", "monitor", "coffee", "waterproof",
    ])
    func inStockFirst(text: String) throws {
        let search = try SearchService(store: try DemoFixture.shop())
        let result = try search.search(SearchRequest(text: text, pageSize: 100))
        let first = try #require(result.hits.first)
        #expect(first.inStock, "\(text): \(first.title) has \(first.stock)")
        // Within the categories the text names (then the rest), in stock before out of stock.
        let words = Set(SearchService.singular(CatalogText.words(text)))
        let order = result.hits.map { hit -> [Int] in
            // How many of the category's words the text names, when it names the head noun.
            let leaf = SearchService.singular(CatalogText.words(hit.category))
            let tier = leaf.last.map(words.contains) == true ? leaf.filter(words.contains).count : 0
            return [-tier, hit.inStock ? 0 : 1]
        }
        #expect(order == order.sorted { $0.lexicographicallyPrecedes($1) }, "\(text)")
        // Out-of-stock products are not dropped: without the filter the total counts them.
        let inStockOnly = try search.search(SearchRequest(text: text, filters: SearchFilters(inStockOnly: true), pageSize: 5))
        #expect(inStockOnly.total <= result.total)
    }

    @Test("at least one common search has out-of-stock matches, so the in-stock test means something")
    func outOfStockExists() throws {
        let search = try SearchService(store: try DemoFixture.shop())
        var hidden = 0
        for text in ["headphones", "running shoes", "laptop", "backpack", "smartwatch"] {
            let all = try search.search(SearchRequest(text: text, pageSize: 5))
            let inStock = try search.search(SearchRequest(text: text, filters: SearchFilters(inStockOnly: true), pageSize: 5))
            hidden += all.total - inStock.total
        }
        #expect(hidden > 0)
    }
}
