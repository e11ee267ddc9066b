import Commerce
import Foundation
import GRDB
import Testing
@testable import Dialogue

/// The personal-touch flows through `Assistant.respond` on the demo shop with the real
/// `StoreAccountService` (consent, promotions, delivery, abandoned cart, data rights).
@Suite("Account conversations", .serialized)
struct AccountConversationTests {
    /// A demo customer id that exists, and their consent set as asked.
    static func customer(_ store: ShopStore, personalization: Bool) throws -> String {
        try store.database.write { db in
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM customers ORDER BY id LIMIT 1") ?? 1
            try db.execute(sql: "UPDATE customers SET consent_personalization = ? WHERE id = ?", arguments: [personalization, id])
            return String(id)
        }
    }

    @Test("what do you know about me: a summary with the consent state")
    func myData() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let id = try Self.customer(store, personalization: true)
        let r = try a.respond(to: "what do you know about me", session: "md", customer: id)
        #expect(r.parse?.intent.name == "my_data")
        #expect(r.text.contains("Personalization is on"))
    }

    @Test("forget me: asked to confirm, erased after yes, what was said is gone (with or without consent)", arguments: [true, false])
    func forgetMe(personalization: Bool) throws {
        let (a, store, _) = try DemoFixture.assistant()
        let id = try Self.customer(store, personalization: personalization)
        let r1 = try a.respond(to: "forget me", session: "fm", customer: id)
        #expect(r1.text.contains("(yes/no)"), "\(r1.text)")
        let still = try store.database.read { db in try Bool.fetchOne(db, sql: "SELECT erased FROM customers WHERE id = ?", arguments: [id]) }
        #expect(still == false)
        let r2 = try a.respond(to: "yes", session: "fm")
        #expect(r2.text.contains("erased"), "\(r2.text)")
        let (erased, name) = try store.database.read { db in
            (try Bool.fetchOne(db, sql: "SELECT erased FROM customers WHERE id = ?", arguments: [id]),
             try String.fetchOne(db, sql: "SELECT name FROM customers WHERE id = ?", arguments: [id]))
        }
        #expect(erased == true && name == "")
        let said = try store.database.read { db in try String.fetchAll(db, sql: "SELECT user_text FROM turns WHERE session_id = 'fm'") }
        #expect(!said.contains("forget me"))
    }

    @Test("promotions: offers with why and a code")
    func promotions() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let id = try Self.customer(store, personalization: true)
        let r = try a.respond(to: "any deals today?", session: "pr", customer: id)
        #expect(r.parse?.intent.name == "promotions")
        #expect(r.text.contains("15% off running shoes"))
        #expect(r.text.contains("code RUN15"))
    }

    @Test("delivery options for a postcode, with prices and dates")
    func delivery() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let id = try Self.customer(store, personalization: true)
        let r = try a.respond(to: "do you deliver to sw1a 1aa", session: "dl", customer: id)
        #expect(r.parse?.intent.name == "delivery_options")
        #expect(r.text.contains("Express — $12.99"))
    }

    @Test("an abandoned cart is mentioned exactly once, across conversations")
    func abandonedOnce() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let id = try Self.customer(store, personalization: true)
        let old = Date().addingTimeInterval(-3 * 86_400)
        try store.database.write { db in
            try db.execute(sql: "DELETE FROM carts WHERE customer_id = ?", arguments: [id])
            var cart = Cart(customerId: Int64(id), status: .active, currency: "USD", createdAt: old, updatedAt: old)
            try cart.insert(db)
            try db.execute(sql: "INSERT INTO cart_lines (cart_id, product_id, quantity, unit_price_cents, added_at) SELECT ?, id, 1, price_cents, ? FROM products ORDER BY id LIMIT 1",
                           arguments: [cart.id, old])
        }
        let r1 = try a.respond(to: "hi", session: "ab1", customer: id)
        #expect(r1.cart?.lines.count == 1)
        let r2 = try a.respond(to: "hi", session: "ab2", customer: id)
        #expect(r2.cart == nil)
    }

    @Test("without personalization consent the conversation's events carry no customer id")
    func eventsWithoutConsent() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let id = try Self.customer(store, personalization: false)
        _ = try a.respond(to: "show me headphones", session: "ev", customer: id)
        let (all, withID) = try store.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE session_id = 'ev'") ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE session_id = 'ev' AND customer_id IS NOT NULL") ?? 0)
        }
        #expect(all > 0)
        #expect(withID == 0)
    }

    @Test("forget me, then no: nothing is erased")
    func forgetMeNo() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let id = try Self.customer(store, personalization: true)
        _ = try a.respond(to: "delete my data", session: "fn", customer: id)
        let r = try a.respond(to: "no", session: "fn")
        #expect(!r.text.contains("erased"))
        let erased = try store.database.read { db in try Bool.fetchOne(db, sql: "SELECT erased FROM customers WHERE id = ?", arguments: [id]) }
        #expect(erased == false)
    }

    @Test("a remote postcode gets no next-day option; a guest sees offers open to everyone")
    func remoteAndGuest() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let id = try Self.customer(store, personalization: true)
        let r = try a.respond(to: "do you deliver to HS1 2AB", session: "rm", customer: id)
        #expect(r.text.contains("Standard") && !r.text.contains("Next day"), "\(r.text)")
        let g = try a.respond(to: "any deals today?", session: "guest")
        #expect(g.text.contains("open to everyone") && g.text.contains("code RUN15"), "\(g.text)")
    }

    @Test("consent withdrawn: the assistant's next recommendation carries no personal reason", arguments: [true, false])
    func recommendationsFollowConsent(personalization: Bool) throws {
        let (a, store, _) = try DemoFixture.assistant()
        let id: String = try store.database.write { db in
            // A customer with purchases, so a personal reason is possible.
            let id = try Int64.fetchOne(db, sql: "SELECT customer_id FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id ORDER BY COUNT(*) DESC LIMIT 1") ?? 1
            try db.execute(sql: "UPDATE customers SET consent_personalization = ? WHERE id = ?", arguments: [personalization, id])
            return String(id)
        }
        let r = try a.respond(to: "recommend something for me", session: "rec", customer: id)
        let reasons = r.cards.compactMap(\.reason)
        #expect(!reasons.isEmpty)
        let personal = reasons.filter { $0.contains(" you ") || $0.hasPrefix("Because you") || $0.contains("members") || $0.contains("like you") || $0.hasPrefix("Time to restock") }
        if personalization { #expect(!personal.isEmpty, "\(reasons)") } else { #expect(personal.isEmpty, "\(reasons)") }
    }
}
