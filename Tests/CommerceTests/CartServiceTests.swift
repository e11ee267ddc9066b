import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("Cart: add, remove, change, totals")
struct CartServiceTests {
    static func shop() throws -> (CartService, [String: Int64]) {
        let store = try ShopStore.inMemory()
        let ids = try ServiceFixture.populate(store)
        return (CartService(store: store, now: { ServiceFixture.now }), ids)
    }

    @Test("adding, changing and removing lines keeps exact totals, with shipping free from $50")
    func totals() throws {
        let (cart, ids) = try Self.shop()
        let me = CartOwner.session(id: "s1")
        var view = try cart.add(me, productID: try #require(ids["LS-1"]))
        #expect(view.subtotalCents == 45_50 && view.shippingCents == 5_99 && view.totalCents == 51_49)
        #expect(view.freeShippingRemainingCents == 4_50)
        view = try cart.add(me, productID: try #require(ids["HP-4"]), quantity: 2)
        #expect(view.itemCount == 3 && view.subtotalCents == 123_50 && view.shippingCents == 0 && view.totalCents == 123_50)
        let wired = try #require(view.lines.first { $0.productID == ids["HP-4"] })
        view = try cart.setQuantity(me, lineID: wired.lineID, quantity: 1)
        #expect(view.subtotalCents == 84_50)
        view = try cart.add(me, productID: try #require(ids["HP-4"]))   // same product again: one line, quantity 2
        #expect(view.lines.count == 2 && view.lines.first { $0.productID == ids["HP-4"] }?.quantity == 2)
        view = try cart.remove(me, lineID: wired.lineID)
        #expect(view.lines.map(\.productID) == [ids["LS-1"]])
        view = try cart.setQuantity(me, lineID: try #require(view.lines.first).lineID, quantity: 0)
        #expect(view.isEmpty && view.totalCents == 0 && view.shippingCents == 0)
        #expect(try cart.view(.session(id: "someone-else")).isEmpty)
    }

    @Test("a product with options needs one; a variant's line says which")
    func variants() throws {
        let (cart, ids) = try Self.shop()
        let shoe = try #require(ids["SH-1"])
        #expect(throws: CartError.variantRequired(productTitle: "Trailblaze 3 Trail Running Shoe", options: ["Red / 9", "Red / 10", "Grey / 10", "Grey / 11"])) {
            try cart.add(.session(id: "v"), productID: shoe)
        }
        let view = try cart.add(.session(id: "v"), productID: shoe, variantID: ids["SH-1-2"], quantity: 2)
        #expect(view.lines.first?.variantTitle == "Grey / 10")
    }

    @Test("asking for more than is in stock is refused with how many are left", arguments: [
        ("LS-1", nil as String?, 2, CartError.notEnoughStock(title: "Last Unit Lamp", requested: 2, available: 1)),
        ("SH-1", "SH-1-1", 1, CartError.notEnoughStock(title: "Trailblaze 3 Trail Running Shoe", requested: 1, available: 0)),
        ("LS-1", nil, 0, CartError.invalidQuantity(0)),
    ])
    func stockAtAdd(sku: String, variant: String?, quantity: Int, error: CartError) throws {
        let (cart, ids) = try Self.shop()
        #expect(throws: error) {
            try cart.add(.session(id: "x"), productID: try #require(ids[sku]), variantID: variant.flatMap { ids[$0] }, quantity: quantity)
        }
        #expect(error.description.count > 20)
    }

    @Test("lines of another cart cannot be touched")
    func foreignLine() throws {
        let (cart, ids) = try Self.shop()
        let wired = try #require(ids["HP-4"])
        let line = try #require(try cart.add(.session(id: "a"), productID: wired).lines.first)
        #expect(throws: CartError.unknownLine(line.lineID)) { try cart.remove(.session(id: "b"), lineID: line.lineID) }
    }
}

@Suite("Checkout: orders, stock and the last unit")
struct CheckoutTests {
    @Test("checkout creates a processing order that order status finds at once, and takes the stock")
    func checkoutThenStatus() throws {
        let store = try OrderTestShop.make()
        let now = DemoFixture.reference
        let cart = CartService(store: store, now: { now })
        let (productID, variantID, stockBefore, lastNumber) = try store.database.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT product_id, id, stock FROM product_variants WHERE stock >= 3 ORDER BY id LIMIT 1"))
            return (row[0] as Int64, row[1] as Int64, row[2] as Int, try #require(try String.fetchOne(db, sql: "SELECT number FROM orders ORDER BY id DESC LIMIT 1")))
        }
        let guest = CartOwner.session(id: "checkout-guest")
        try cart.add(guest, productID: productID, variantID: variantID, quantity: 2)
        #expect(throws: CartError.missingContact(field: "email address")) { try cart.checkout(guest) }
        let receipt = try cart.checkout(guest, details: CheckoutDetails(email: "Guest.Buyer@example.com", name: "Guest Buyer", postcode: "10001"))
        #expect(OrderNumber.normalize(receipt.orderNumber) == receipt.orderNumber)
        #expect(Int(receipt.orderNumber.dropFirst()) ?? 0 > Int(lastNumber.dropFirst()) ?? 0)
        #expect(receipt.status == .processing)

        let details = try OrderService(store: store, now: { now }).order(
            OrderLookup(number: receipt.orderNumber, requester: .guest(email: "guest.buyer@example.com", postcode: nil), sessionID: "x"))
        #expect(details.status == .processing && details.canCancel)
        #expect(details.items.map(\.quantity) == [2])
        #expect(details.totalCents == receipt.totalCents)
        let stockAfter = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT stock FROM product_variants WHERE id = ?", arguments: [variantID]) ?? -1 }
        #expect(stockAfter == stockBefore - 2)
        #expect(try cart.view(guest).isEmpty) // the cart was closed
    }

    @Test("a signed-in customer's order goes on their account and shows in their recent orders")
    func customerCheckout() throws {
        let store = try OrderTestShop.make()
        let now = DemoFixture.reference.addingTimeInterval(3600)
        let (customer, product) = try store.database.read { db in
            (try #require(try Int64.fetchOne(db, sql: "SELECT id FROM customers ORDER BY id LIMIT 1")),
             try #require(try Int64.fetchOne(db, sql: "SELECT id FROM products p WHERE stock > 0 AND NOT EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.id) LIMIT 1")))
        }
        let cart = CartService(store: store, now: { now })
        try cart.add(.customer(id: customer), productID: product)
        let receipt = try cart.checkout(.customer(id: customer))
        let recent = try OrderService(store: store, now: { now }).recentOrders(customerID: customer, limit: 1)
        #expect(recent.first?.number == receipt.orderNumber)
    }

    @Test("when the stock ran out after adding, checkout refuses with the reason and changes nothing")
    func outOfStock() throws {
        let store = try ShopStore.inMemory()
        let ids = try ServiceFixture.populate(store)
        let cart = CartService(store: store, now: { ServiceFixture.now })
        let lamp = try #require(ids["LS-1"]), wired = try #require(ids["HP-4"])
        for shopper in ["first", "second"] { try cart.add(.session(id: shopper), productID: lamp) }
        try cart.add(.session(id: "second"), productID: wired)
        _ = try cart.checkout(.session(id: "first"), details: CheckoutDetails(email: "first@example.com"))
        #expect(throws: CartError.outOfStock([StockShortfall(title: "Last Unit Lamp", requested: 1, available: 0)])) {
            try cart.checkout(.session(id: "second"), details: CheckoutDetails(email: "second@example.com"))
        }
        let (wiredStock, orders) = try store.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT stock FROM products WHERE id = ?", arguments: [wired]) ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders") ?? -1)
        }
        #expect(wiredStock == 7)   // the other line's stock was not taken
        #expect(orders == 1)
        let view = try cart.view(.session(id: "second"))
        #expect(view.lines.first { $0.productID == lamp }?.issue == "Out of stock")
        #expect(CartError.outOfStock([StockShortfall(title: "Last Unit Lamp", requested: 1, available: 0)]).description.contains("the Last Unit Lamp sold out"))
    }

    @Test("two processes checking out the last unit at once: exactly one wins", arguments: 0..<3)
    func lastUnitRace(round: Int) throws {
        let first = try ShopStore.temporary(prefix: "shopassist-race")
        let ids = try ServiceFixture.populate(first)
        let path = try #require(first.path)
        let second = try ShopStore.open(at: path) // a second DatabasePool on the same file, as another process would have
        let lamp = try #require(ids["LS-1"])
        let carts = [CartService(store: first, now: { ServiceFixture.now }), CartService(store: second, now: { ServiceFixture.now })]
        for (i, cart) in carts.enumerated() { try cart.add(.session(id: "racer-\(i)"), productID: lamp) }

        let outcomes = RaceOutcomes()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            do {
                let receipt = try carts[i].checkout(.session(id: "racer-\(i)"), details: CheckoutDetails(email: "racer\(i)@example.com"))
                outcomes.record(.success(receipt.orderNumber))
            } catch {
                outcomes.record(.failure(error))
            }
        }
        let results = outcomes.all
        let wins = results.compactMap { if case let .success(n) = $0 { n } else { nil } }
        let losses = results.compactMap { if case let .failure(e) = $0 { e as? CartError } else { nil } }
        #expect(wins.count == 1)
        #expect(losses == [.outOfStock([StockShortfall(title: "Last Unit Lamp", requested: 1, available: 0)])])
        let (stock, orders) = try first.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT stock FROM products WHERE id = ?", arguments: [lamp]) ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders") ?? -1)
        }
        #expect(stock == 0 && orders == 1)
    }
}

/// Collects results from concurrent checkouts.
final class RaceOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<String, any Error>] = []
    func record(_ result: Result<String, any Error>) { lock.lock(); results.append(result); lock.unlock() }
    var all: [Result<String, any Error>] { lock.lock(); defer { lock.unlock() }; return results }
}
