import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("Abandoned-cart reminders")
struct ReminderTests {
    static let now = ConsentFixture.reference

    @Test("a cart idle past the limit is due once, with items, complementary products and the customer's usual hour; never repeated")
    func dueOnceOnly() throws {
        let shop = try ConsentFixture.shop(personalization: true, marketing: true)
        let service = AbandonedCartService(store: shop.store, idle: 24 * 3600, now: { Self.now })
        let due = try service.due().filter { $0.customerID == shop.customerID }
        let reminder = try #require(due.first)
        #expect(due.count == 1)
        #expect(reminder.channel == "email")
        #expect(reminder.items.map(\.productID) == [shop.productIDs[2]])
        #expect((1...2).contains(reminder.complementary.count))
        #expect(!reminder.complementary.contains { $0.productID == shop.productIDs[2] })
        #expect(reminder.bestHour == 20)
        #expect(try service.markSent(due) == 1)
        #expect(try service.due().filter { $0.customerID == shop.customerID }.isEmpty)
        #expect(try service.markSent(due) == 0)
    }

    @Test("no marketing consent: never due; a cart touched recently: not yet due")
    func consentAndIdle() throws {
        let shop = try ConsentFixture.shop(personalization: true, marketing: false)
        let service = AbandonedCartService(store: shop.store, idle: 24 * 3600, now: { Self.now })
        #expect(try service.due().filter { $0.customerID == shop.customerID }.isEmpty)
        try ConsentService(store: shop.store).set(.marketing, granted: true, customerID: shop.customerID)
        #expect(try service.due().contains { $0.customerID == shop.customerID })
        let patient = AbandonedCartService(store: shop.store, idle: 3 * 86_400, now: { Self.now })
        #expect(try patient.due().filter { $0.customerID == shop.customerID }.isEmpty)
    }

    @Test("the abandoned cart is mentioned exactly once in conversation")
    func mentionedOnce() throws {
        let shop = try ConsentFixture.shop(marketing: false)
        let service = AbandonedCartService(store: shop.store, now: { Self.now })
        #expect(try service.mentionOnce(customerID: shop.customerID)?.items.count == 1)
        #expect(try service.mentionOnce(customerID: shop.customerID) == nil)
    }

    @Test("without personalization consent the send hour is the default, not learned from activity")
    func hourNeedsConsent() throws {
        let shop = try ConsentFixture.shop(personalization: false, marketing: true)
        let reminder = try #require(try AbandonedCartService(store: shop.store, now: { Self.now }).due().first { $0.customerID == shop.customerID })
        #expect(reminder.bestHour == AbandonedCartService.defaultHour)
    }
}
