import Foundation
import GRDB
import Testing
@testable import Commerce

/// Search on the shared demo shop (seed 7, 300 products): the same behaviours as on the
/// hand-made shop, on generated data whose exact contents the test reads from the store.
@Suite("Search: on the demo shop")
struct SearchDemoShopTests {
    static func service() throws -> SearchService { try SearchService(store: try DemoFixture.shop()) }

    @Test("a category filter with a price limit: every hit obeys both, and facets add up to the total")
    func filtersAndFacets() throws {
        let search = try Self.service()
        let category = try #require(try search.store.database.read { db in try String.fetchOne(db, sql: "SELECT category FROM products GROUP BY category ORDER BY COUNT(*) DESC LIMIT 1") })
        let result = try search.search(SearchRequest(filters: SearchFilters(category: category, price: PriceRange(maxCents: 200_00)), pageSize: 100))
        let expected = try search.store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products WHERE category = ? AND price_cents <= 20000", arguments: [category]) ?? 0 }
        #expect(result.total == expected && expected > 0)
        #expect(result.hits.allSatisfy { $0.category == category && $0.priceCents <= 200_00 })
        // Every product has one brand: the brand counts add up to the total (all brands fit in the top 12 here).
        #expect(result.facets.brands.count < 12)
        #expect(result.facets.brands.reduce(0) { $0 + $1.count } == result.total)
        #expect(result.facets.priceBands.reduce(0) { $0 + $1.count } == result.total)
    }

    @Test("excluded brands and colours leave out every product of the brand or offered in the colour, whatever the sort", arguments: SearchSort.allCases)
    func exclusions(sort: SearchSort) throws {
        let search = try Self.service()
        let (category, brand, color) = try #require(try search.store.database.read { db -> (String, String, String)? in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT p.category, p.brand, v.color FROM products p JOIN product_variants v ON v.product_id = p.id
                WHERE v.color IS NOT NULL GROUP BY p.category ORDER BY COUNT(*) DESC LIMIT 1
                """) else { return nil }
            return (row[0], row[1], row[2])
        })
        var filters = SearchFilters(category: category)
        filters.excludedBrands = [brand]
        filters.excludedColors = [color]
        let result = try search.search(SearchRequest(filters: filters, sort: sort, pageSize: 100))
        // Counted from the store: a colour matches when its name holds the colour's words.
        let want = Set(CatalogText.words(color))
        let expected = try search.store.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.brand, group_concat(COALESCE(v.color, ''), '|') FROM products p LEFT JOIN product_variants v ON v.product_id = p.id
                WHERE p.category = ? GROUP BY p.id
                """, arguments: [category]).filter { row in
                let colors = (row[1] as String? ?? "").split(separator: "|").map { Set(CatalogText.words(String($0))) }
                return (row[0] as String) != brand && !colors.contains { want.isSubset(of: $0) }
            }.count
        }
        #expect(result.total == expected && expected > 0, "\(category) without \(brand) and \(color)")
        #expect(result.hits.count == min(result.total, 100))
        #expect(result.hits.allSatisfy { $0.brand != brand && !$0.colors.contains { want.isSubset(of: Set(CatalogText.words($0))) } })
    }

    @Test("a colour nobody sells in that category is relaxed, and the result says so")
    func relaxation() throws {
        let search = try Self.service()
        let result = try search.search(SearchRequest(filters: SearchFilters(category: "Headphones", color: "Chartreuse")))
        #expect(result.relaxed.map(\.constraint) == [.color])
        #expect(result.total > 0)
        #expect(result.notices.contains("Nothing in Chartreuse matched, so this shows other colours."))
    }

    @Test("a misspelled brand in the text is corrected to a demo brand")
    func misspelledBrand() throws {
        let search = try Self.service()
        let brand = try #require(try search.store.database.read { db in try String.fetchOne(db, sql: "SELECT brand FROM products WHERE length(brand) >= 6 AND brand NOT LIKE '% %' ORDER BY id LIMIT 1") })
        var letters = Array(brand.lowercased())
        letters.swapAt(2, 3)
        let typo = String(letters)
        let result = try search.search(SearchRequest(text: typo))
        #expect(result.total > 0)
        #expect(result.corrections.first?.corrected == brand.lowercased())
        #expect(result.hits.allSatisfy { $0.brand == brand || $0.title.contains(brand) })
    }

    @Test("type-ahead: the first word and part of the second find that product")
    func completion() throws {
        let search = try Self.service()
        let title = try #require(try search.store.database.read { db in try String.fetchOne(db, sql: "SELECT title FROM products ORDER BY popularity DESC LIMIT 1") })
        let words = title.split(separator: " ")
        let typed = "\(words[0]) \(words[1].prefix(3))"
        let completion = search.complete(typed, products: 50)
        #expect(completion.products.contains { $0.title == title })
        #expect(completion.products.allSatisfy { $0.title.lowercased().contains(words[0].lowercased()) })
    }
}

@Suite("Search: in-memory BM25 against FTS5")
struct SearchTextEngineTests {
    @Test("the in-memory text index finds the same products as FTS5 and ranks the same one first", arguments: [
        "headphones", "waterproof", "running shoes", "black", "wireless", "trail", "coffee", "camera",
    ])
    func agreesWithFTS5(text: String) throws {
        let store = try DemoFixture.shop()
        let memory = try SearchService(store: store, textEngine: .memory)
        let fts = try SearchService(store: store, textEngine: .fts5)
        let request = SearchRequest(text: text, pageSize: 5, relaxWhenEmpty: false)
        let a = try memory.search(request), b = try fts.search(request)
        #expect(a.total == b.total)
        #expect(a.total > 0)
        #expect(a.hits.first?.productID == b.hits.first?.productID)
        let scoreA = try #require(a.hits.first?.textScore), scoreB = try #require(b.hits.first?.textScore)
        #expect(abs(scoreA - scoreB) < 0.05 * abs(scoreB), "bm25 \(scoreA) vs FTS5 \(scoreB)")
    }

    @Test("without text, walking the catalog's order gives the same page as ranking every match", arguments: SearchSort.allCases)
    func catalogOrderWalk(sort: SearchSort) throws {
        let search = try SearchDemoShopTests.service()
        let category = try #require(try search.store.database.read { db in try String.fetchOne(db, sql: "SELECT category FROM products GROUP BY category ORDER BY COUNT(*) DESC LIMIT 1") })
        let result = try search.search(SearchRequest(filters: SearchFilters(category: category), sort: sort, page: 1, pageSize: 3, relaxWhenEmpty: false))
        // The reference: every match ranked by its key, the second page of three.
        let matched = try search.store.database.read { db in var cache: [String: SearchService.TextMatch] = [:]
            return try search.evaluate(SearchRequest(filters: SearchFilters(category: category)), db, cache: &cache) }
        let ranked = matched.positions.map { search.key($0, sort: sort, score: nil) }.sorted().map { search.index.ids[Int($0.p)] }
        #expect(matched.positions.count > 20)
        #expect(result.hits.map(\.productID) == Array(ranked[3..<6]))
        // The walk itself: members taken in the given order, after a skip.
        #expect([5, 3, 9, 1, 7].map(Int32.init).firstMembers(of: [1, 3, 7], skipping: 1, taking: 5, universe: 10) == [Int32(1), 7])
    }
}
