import Commerce
import Foundation
import GRDB
import Testing
@testable import Dialogue

@Suite("Events with context")
struct EventContextTests {
    static func events(_ store: ShopStore, _ session: String) throws -> [Row] {
        try store.database.read { db in try Row.fetchAll(db, sql: "SELECT * FROM events WHERE session_id = ? ORDER BY id", arguments: [session]) }
    }

    static func assistant(channel: String) throws -> (Assistant, ShopStore) {
        let (base, store, _) = try DemoFixture.assistant()
        return (Assistant(parser: base.parser, engine: base.engine, persistence: base.persistence, channel: channel), store)
    }

    @Test("fallback (with the guessed intent), handoff, promotion shown and feedback are logged with channel and session")
    func kinds() throws {
        let (assistant, store) = try Self.assistant(channel: "jsonrpc")
        _ = try assistant.respond(to: "what is the meaning of life", session: "ctx")
        _ = try assistant.respond(to: "any promotions?", session: "ctx")
        _ = try assistant.respond(to: "the search results were not relevant", session: "ctx")
        _ = try assistant.respond(to: "i want to talk to a human", session: "ctx")
        let rows = try Self.events(store, "ctx")
        let types = rows.map { $0["type"] as String }
        #expect(types.contains("fallback"))
        #expect(types.contains("promotion_shown"))
        #expect(types.contains("feedback"))
        #expect(types.contains("handoff"))
        #expect(rows.allSatisfy { ($0["channel"] as String) == "jsonrpc" })
        let fallback = try #require(rows.first { ($0["type"] as String) == "fallback" })
        #expect((fallback["payload"] as String).contains("\"intent\""))
        let feedback = try #require(try store.database.read { db in try FeedbackRecord.fetchOne(db, sql: "SELECT * FROM feedback WHERE session_id = 'ctx'") })
        #expect(feedback.text == "the search results were not relevant" && feedback.score < 0 && feedback.channel == "jsonrpc")
    }

    @Test("a promotion code given at checkout is applied and logged as promotion_used")
    func promotionUsed() throws {
        let (assistant, store) = try Self.assistant(channel: "repl")
        _ = try assistant.respond(to: "show me running shoes", session: "promo", customer: "3")
        var reply = try assistant.respond(to: "add the first one to my cart", session: "promo", customer: "3")
        if let size = reply.suggestions.first(where: { $0.payload.hasPrefix("size ") }) {
            reply = try assistant.respond(to: size.payload, session: "promo", customer: "3")
        }
        #expect(reply.cart != nil)
        reply = try assistant.respond(to: "checkout with code RUN15", session: "promo", customer: "3")
        #expect(reply.task == "checkout")
        reply = try assistant.respond(to: "yes", session: "promo", customer: "3")
        let order = try #require(reply.order, "\(reply.text)")
        let used = try #require(try Self.events(store, "promo").first { ($0["type"] as String) == "promotion_used" })
        #expect((used["payload"] as String).contains("RUN15"))
        #expect((used["payload"] as String).contains(order.orderID))
        let discount = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT discount_cents FROM orders WHERE number = ?", arguments: [order.orderID]) }
        #expect((discount ?? 0) > 0)
    }

    @Test("the customer id is stamped only with personalization consent; channel and variant always")
    func consent() throws {
        let (assistant, store) = try Self.assistant(channel: "repl")
        let customers = try store.database.read { db in
            (try Int64.fetchOne(db, sql: "SELECT id FROM customers WHERE consent_personalization = 1 ORDER BY id LIMIT 1"),
             try Int64.fetchOne(db, sql: "SELECT id FROM customers WHERE consent_personalization = 0 ORDER BY id LIMIT 1"))
        }
        let yes = try #require(customers.0), no = try #require(customers.1)
        _ = try assistant.respond(to: "show me headphones", session: "c-yes", customer: String(yes))
        _ = try assistant.respond(to: "show me headphones", session: "c-no", customer: String(no))
        let withConsent = try Self.events(store, "c-yes"), without = try Self.events(store, "c-no")
        #expect(!withConsent.isEmpty && !without.isEmpty)
        #expect(withConsent.allSatisfy { ($0["customer_id"] as Int64?) == yes && ($0["channel"] as String) == "repl" })
        #expect(without.allSatisfy { ($0["customer_id"] as Int64?) == nil && ($0["channel"] as String) == "repl" })
    }

    @Test("a click on a recommended card says so in its payload")
    func clickSource() throws {
        let (assistant, store) = try Self.assistant(channel: "jsonrpc")
        let search = try assistant.respond(to: "show me headphones", session: "clk")
        let recs = try assistant.respond(to: "what would you recommend", session: "clk")
        let recommended = try #require(recs.cards.first?.sku)
        let searched = try #require(search.cards.first { $0.sku != recommended && !recs.cards.map(\.sku).contains($0.sku) }?.sku)
        try assistant.recordClick(session: "clk", sku: recommended)
        try assistant.recordClick(session: "clk", sku: searched)
        let clicks = try Self.events(store, "clk").filter { ($0["type"] as String) == "product_clicked" }
        #expect(clicks.contains { ($0["sku"] as String?) == recommended && ($0["payload"] as String).contains("\"source\":\"recommendation\"") })
        #expect(clicks.contains { ($0["sku"] as String?) == searched && ($0["payload"] as String).contains("\"source\":\"search\"") })
    }
}
