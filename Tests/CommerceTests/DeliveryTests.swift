import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("Delivery options")
struct DeliveryTests {
    /// Wednesday 2026-11-25 10:00 UTC.
    static let morning = ConsentFixture.reference.addingTimeInterval(10 * 3600)

    @Test("options for a postcode have prices and dates; remote postcodes lose next day and pay a surcharge")
    func options() throws {
        let store = try ShopStore.inMemory()
        let service = DeliveryService(store: store, now: { Self.morning })
        let city = try service.options(postcode: "SW1A 1AA")
        #expect(city.map(\.method) == DeliveryMethod.allCases)
        let nextDay = try #require(city.first { $0.method == .nextDay })
        #expect(nextDay.earliest == ConsentFixture.reference.addingTimeInterval(86_400))  // Thursday
        let standard = try #require(city.first { $0.method == .standard })
        #expect(standard.latest == ConsentFixture.reference.addingTimeInterval(7 * 86_400))  // Wed + 5 business days = next Wed
        let remote = try service.options(postcode: "HS1 2AB")
        #expect(!remote.contains { $0.method == .nextDay })
        #expect(remote.first { $0.method == .standard }?.priceCents == standard.priceCents + DeliveryService.remoteSurchargeCents)
    }

    @Test("a bad postcode is refused with the value", arguments: ["", "x", "!!!!", "ABCDEFGHIJKLMNOP"])
    func badPostcode(code: String) throws {
        #expect(throws: DeliveryError.invalidPostcode(code)) { try DeliveryService(store: try ShopStore.inMemory()).options(postcode: code) }
    }

    @Test("the customer's usual choice comes first, only with personalization consent")
    func usualFirst() throws {
        let shop = try ConsentFixture.shop(personalization: true)
        let service = DeliveryService(store: shop.store, now: { Self.morning })
        try service.choose(.express, orderNumber: "a7770001")
        #expect(try service.options(postcode: ConsentFixture.postcode, customerID: shop.customerID).first?.method == .express)
        #expect(try service.options(postcode: ConsentFixture.postcode, customerID: shop.customerID).first?.usual == true)
        try ConsentService(store: shop.store).set(.personalization, granted: false, customerID: shop.customerID)
        #expect(try service.options(postcode: ConsentFixture.postcode, customerID: shop.customerID).first?.method == .standard)
    }

    @Test("an open order still has options; a delivered one is refused with its status")
    func openOrder() throws {
        let shop = try ConsentFixture.shop()
        let service = DeliveryService(store: shop.store, now: { Self.morning })
        #expect(throws: DeliveryError.orderClosed(number: "A7770001", status: .delivered)) { try service.options(orderNumber: "#a7770001") }
        try shop.store.database.write { db in try db.execute(sql: "UPDATE orders SET status = 'processing' WHERE number = 'A7770001'") }
        #expect(try !service.options(orderNumber: "A7770001").isEmpty)
        #expect(throws: DeliveryError.unknownOrder("A0000000")) { try service.options(orderNumber: "A0000000") }
    }
}
