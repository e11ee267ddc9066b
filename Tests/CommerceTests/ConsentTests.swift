import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("Consent")
struct ConsentTests {
    @Test("consent withdrawn: the next recommendation has no personal reason and the next event has no customer id")
    func withdrawnConsentIsNotPersonal() throws {
        let shop = try ConsentFixture.shop(personalization: true)
        try RecommendationStatistics.rebuild(shop.store)
        let consent = ConsentService(store: shop.store)
        let recommender = ConsentAwareRecommender(recommender: try RecommendationService.open(shop.store), consent: consent)
        let request = RecommendationRequest(customerID: shop.customerID, count: 5)

        let before = try recommender.recommend(request)
        #expect(before.strategy == .personal)
        #expect(before.items.contains { $0.reason.isPersonal })
        let eventBefore = try consent.record(ShopEvent(at: Date(), type: .productShown, customerId: shop.customerID))
        #expect(eventBefore.customerId == shop.customerID)

        try consent.set(.personalization, granted: false, customerID: shop.customerID)
        let after = try recommender.recommend(request)
        #expect(after.strategy != .personal)
        #expect(!after.items.isEmpty)
        #expect(after.items.allSatisfy { !$0.reason.isPersonal })
        let eventAfter = try consent.record(ShopEvent(at: Date(), type: .productShown, customerId: shop.customerID))
        let stored = try shop.store.database.read { db in try ShopEvent.fetchOne(db, key: eventAfter.id) }
        #expect(stored?.customerId == nil)
    }

    @Test("each change is kept in the history with its date, and the flags follow the latest")
    func historyRecordsChanges() throws {
        let shop = try ConsentFixture.shop(personalization: false, marketing: false)
        let clock = Clock()
        let consent = ConsentService(store: shop.store, now: clock.next)
        try consent.set(.personalization, granted: true, customerID: shop.customerID)
        try consent.set(.marketing, granted: true, customerID: shop.customerID)
        let state = try consent.set(.personalization, granted: false, customerID: shop.customerID)
        #expect(!state.personalization && state.marketing)
        #expect(state.personalizationAt == Date(timeIntervalSince1970: 3_000))
        let history = try consent.history(customerID: shop.customerID)
        #expect(history.map(\.kind) == [.personalization, .marketing, .personalization])
        #expect(history.map(\.granted) == [true, true, false])
        #expect(try consent.whatWeKnow(customerID: shop.customerID).contains("Personalization is off"))
    }

    final class Clock: @unchecked Sendable {
        private var t: Double = 0
        private let lock = NSLock()
        var next: @Sendable () -> Date { { [self] in lock.withLock { t += 1_000; return Date(timeIntervalSince1970: t) } } }
    }
}
