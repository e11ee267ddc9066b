import Foundation
import GRDB
import Testing
@testable import Commerce

/// A demo shop of its own, in memory (seed 7, 300 products, 2,000 orders), with recommendation statistics rebuilt.
enum RecommendFixture {
    private static let built: Result<RecommendationService, any Error> = Result {
        let store = try ShopStore.inMemory()  // no file left behind
        try DemoShop.fill(store, options: DemoFixture.options())
        try RecommendationStatistics.rebuild(store)
        return try RecommendationService.open(store)
    }

    static func service() throws -> RecommendationService { try built.get() }

    /// Customers with at least `minimum` orders, most orders first.
    static func customers(minimum: Int = 3) throws -> [Int64] {
        try service().store.database.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT customer_id FROM orders WHERE customer_id IS NOT NULL AND status != 'cancelled'
                GROUP BY customer_id HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC, customer_id LIMIT 40
                """, arguments: [minimum])
        }
    }

    static func owned(_ customer: Int64) throws -> Set<Int64> {
        Set(try service().store.database.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.customer_id = ? AND o.status != 'cancelled' AND l.product_id IS NOT NULL
                """, arguments: [customer])
        })
    }
}

@Suite("Recommendation service on a demo shop (seed 7)")
struct RecommendServiceTests {
    @Test("two customers with different histories get different recommendations, each with a reason")
    func differentCustomers() throws {
        let service = try RecommendFixture.service()
        let customers = try RecommendFixture.customers()
        try #require(customers.count >= 2)
        // The two customers whose purchases overlap least.
        var best: (Int64, Int64, Int) = (customers[0], customers[1], .max)
        for a in customers.prefix(10) {
            for b in customers.prefix(10) where a < b {
                let overlap = try RecommendFixture.owned(a).intersection(RecommendFixture.owned(b)).count
                if overlap < best.2 { best = (a, b, overlap) }
            }
        }
        let first = try service.recommend(RecommendationRequest(customerID: best.0, count: 5))
        let second = try service.recommend(RecommendationRequest(customerID: best.1, count: 5))
        #expect(first.strategy == .personal && second.strategy == .personal)
        #expect(first.items.count == 5 && second.items.count == 5)
        #expect(first.items.map(\.product.id) != second.items.map(\.product.id))
        for item in first.items + second.items {
            #expect(!item.reason.text.isEmpty)
        }
        // Personal reasons name something of the customer's own.
        let personal = first.items.filter {
            switch $0.reason { case .becauseYouBought, .similarToYours, .buyAgain, .popularWithSegment: return true; default: return false }
        }
        #expect(!personal.isEmpty)
    }

    @Test("owned products are never recommended again unless their category is consumable")
    func ownedExcluded() throws {
        let service = try RecommendFixture.service()
        var checked = 0
        for customer in try RecommendFixture.customers().prefix(15) {
            let owned = try RecommendFixture.owned(customer)
            for item in try service.recommend(RecommendationRequest(customerID: customer, count: 8)).items {
                let id = try #require(item.product.id)
                if owned.contains(id) {
                    let category = service.index.categoryByName[item.product.category.lowercased()]
                    #expect(category.map { service.index.consumable[Int($0)] } == true, "\(item.product.title) is owned and not consumable")
                    if case .buyAgain = item.reason {} else { Issue.record("an owned consumable should say 'buy again', got \(item.reason.text)") }
                }
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    @Test("results are diverse: one product per family, at most two per brand in a category")
    func diversity() throws {
        let service = try RecommendFixture.service()
        var requests = try RecommendFixture.customers().prefix(10).map { RecommendationRequest(customerID: $0, count: 8) }
        requests.append(RecommendationRequest(count: 10))
        requests.append(RecommendationRequest(category: "Running Shoes", count: 8))
        requests.append(RecommendationRequest(anchorProductID: 1, count: 8))
        for request in requests {
            let result = try service.recommend(request)
            let entries = result.items.compactMap { $0.product.id.flatMap { service.index.position[$0] } }.map { service.index.entries[Int($0)] }
            #expect(Set(entries.map(\.family)).count == entries.count, "repeated family in \(result.items.map(\.product.title))")
            var brandCategory: [String: Int] = [:]
            for item in result.items { brandCategory["\(item.product.brand)|\(item.product.category)", default: 0] += 1 }
            #expect(brandCategory.values.allSatisfy { $0 <= 2 }, "\(brandCategory)")
        }
    }

    @Test("something like this: the anchor is left out and the reasons name it")
    func anchor() throws {
        let service = try RecommendFixture.service()
        let anchor = try #require(try service.store.database.read { db in try Product.fetchOne(db, key: 5) })
        let result = try service.recommend(RecommendationRequest(anchorProductID: 5, count: 5))
        #expect(result.strategy == .similarToAnchor)
        #expect(result.items.count == 5)
        #expect(!result.items.contains { $0.product.id == 5 })
        #expect(result.items.allSatisfy { $0.reason.text.contains(anchor.title) || $0.reason.text.hasPrefix("Popular") || $0.reason.text.hasPrefix("Top rated") })
        #expect(result.items.contains { $0.product.category == anchor.category })
    }

    @Test("an unknown shopper with a category and price limit gets top rated items within them")
    func unknownWithFilters() throws {
        let service = try RecommendFixture.service()
        let result = try service.recommend(RecommendationRequest(category: "headphones", maxPriceCents: 10_000, count: 4))
        #expect(result.strategy == .popular)
        #expect(!result.items.isEmpty)
        for item in result.items {
            #expect(item.product.category == "Headphones")
            #expect(item.product.priceCents <= 10_000)
            #expect(item.product.stock > 0)
            #expect(item.reason.text == "Top rated in headphones under $100")
        }
        let ratings = result.items.map { $0.product.rating ?? 0 }
        #expect(ratings.max() ?? 0 >= 3.5)
    }

    @Test("a narrow price band is still answered from the whole category, every item inside the band")
    func narrowPriceBand() throws {
        let service = try RecommendFixture.service()
        let prices = try service.store.database.read { db in
            try Int.fetchAll(db, sql: "SELECT price_cents FROM products WHERE category = 'Headphones' AND stock > 0 ORDER BY price_cents")
        }
        try #require(prices.count >= 10)
        let lo = prices[prices.count / 2], hi = prices[prices.count / 2 + 3]
        let inBand = prices.filter { $0 >= lo && $0 <= hi }.count
        let result = try service.recommend(RecommendationRequest(category: "Headphones", minPriceCents: lo, maxPriceCents: hi, count: 3))
        #expect(result.items.count >= min(1, inBand))
        #expect(result.items.allSatisfy { $0.product.priceCents >= lo && $0.product.priceCents <= hi && $0.product.category == "Headphones" })
    }

    @Test("without consent (personalized: false) the customer's history is not used")
    func notPersonalized() throws {
        let service = try RecommendFixture.service()
        let customer = try #require(try RecommendFixture.customers().first)
        let anonymous = try service.recommend(RecommendationRequest(count: 5))
        let unconsented = try service.recommend(RecommendationRequest(customerID: customer, count: 5, personalized: false))
        #expect(unconsented.strategy == .popular)
        #expect(unconsented.items.map(\.product.id) == anonymous.items.map(\.product.id))
    }

    @Test("bad requests are refused with a message that says what to fix", arguments: [
        RecommendationRequest(count: 0), RecommendationRequest(count: 51),
        RecommendationRequest(minPriceCents: 5_000, maxPriceCents: 1_000), RecommendationRequest(anchorProductID: 999_999),
    ])
    func badRequests(_ request: RecommendationRequest) throws {
        let service = try RecommendFixture.service()
        #expect(throws: RecommendationError.self) { try service.recommend(request) }
    }

    @Test("rebuild stores its statistics in the service's own tables through a registered migration")
    func statisticsPersisted() throws {
        let service = try RecommendFixture.service()
        #expect(try service.store.appliedMigrations().contains("recsys_v1_statistics"))
        let counts = try service.store.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rec_neighbours") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rec_segment_popularity") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rec_builds") ?? 0)
        }
        #expect(counts.0 > 0 && counts.1 > 0 && counts.2 >= 1)
        #expect(try RecommendationStatistics.isBuilt(service.store))
    }

    @Test("the offline protocol runs on a store's orders: one basket per non-cancelled customer order")
    func storeBaskets() throws {
        let store = try RecommendFixture.service().store
        let baskets = try StoreBaskets.load(store)
        let orders = try store.database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT o.id) FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.customer_id IS NOT NULL AND l.product_id IS NOT NULL AND o.status != 'cancelled'
                """) ?? 0
        }
        #expect(baskets.count == orders)
        let split = HoldoutSplit(baskets)
        let results = RecommendEvaluation.run(split, models: [Popularity(), ItemKNN(neighbours: 20)])
        #expect(results.allSatisfy { $0.metrics.customers == split.targets.count && $0.metrics.customers > 0 })
    }

    @Test("reasons read as sentences", arguments: [
        (RecommendationReason.becauseYouBought(productID: 1, title: "Trailblaze 3"), "Because you bought the Trailblaze 3"),
        (.topRated(category: "Headphones", maxPriceCents: 10_000), "Top rated in headphones under $100"),
        (.topRated(category: "Headphones", maxPriceCents: 9_950), "Top rated in headphones under $99.50"),
        (.oftenBoughtWith(productID: 2, title: "Arc 3 Headphones"), "Often bought with the Arc 3 Headphones"),
        (.similarToYours(productID: 3, title: "Nomad Tent", viewed: true), "Similar to the Nomad Tent you looked at"),
        (.popularWithSegment(segment: "gold"), "Popular with gold members"),
    ])
    func reasonText(_ reason: RecommendationReason, _ text: String) {
        #expect(reason.text == text)
    }
}
