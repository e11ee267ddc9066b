import Commerce
import Foundation
import GRDB
import NLU
import Testing
@testable import Dialogue

/// Multi-turn conversations through `Assistant.respond` with the trained NLU and the real
/// services on a small demo shop (seed 7, 600 products).
@Suite("Conversations on the demo shop", .serialized)
struct ConversationTests {
    func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }

    @Test("a search refined three times: cheaper, in blue, only one brand")
    func refinedThreeTimes() throws {
        let (a, _, _) = try DemoFixture.assistant()
        let r1 = try a.respond(to: "show me headphones", session: "refine")
        #expect(r1.parse?.intent.name == "search_products")
        #expect(r1.cards.count == 5)
        let r2 = try a.respond(to: "cheaper", session: "refine")
        #expect(!r2.cards.isEmpty)
        #expect(r2.cards.allSatisfy { $0.price < median(r1.cards.map(\.price)) })
        let r3 = try a.respond(to: "in blue", session: "refine")
        let s3 = try a.state(of: "refine").search
        #expect(s3?.colors.map { $0.lowercased() } == ["blue"])
        #expect(s3?.category?.lowercased() == "headphones")
        #expect(s3?.maxPrice != nil)
        #expect(!r3.cards.isEmpty)
        let brand = try #require(r3.cards.first?.brand)
        let r4 = try a.respond(to: "only \(brand)", session: "refine")
        #expect(!r4.cards.isEmpty)
        #expect(r4.cards.allSatisfy { $0.brand == brand })
        let s4 = try a.state(of: "refine").search
        #expect(s4?.brands.map { $0.lowercased() } == [brand.lowercased()])
        #expect(s4?.category?.lowercased() == "headphones")
    }

    @Test("compare the first two after a search")
    func compareFirstTwo() throws {
        let (a, _, _) = try DemoFixture.assistant()
        let r1 = try a.respond(to: "show me running shoes", session: "cmp")
        #expect(r1.cards.count >= 2)
        let r2 = try a.respond(to: "compare the first two", session: "cmp")
        let table = try #require(r2.comparison)
        #expect(table.products.map(\.sku) == Array(r1.cards.prefix(2).map(\.sku)))
        #expect(!table.rows.isEmpty)
        // The sentence under the table names one of the two products.
        let summary = try #require(table.summary)
        // (by its model name, the title's second word, "Swift" of "Stridewell Swift 900 …").
        #expect(table.products.contains { p in summary.contains(p.title.split(separator: " ")[1]) } || summary.hasPrefix("They are alike"))
        #expect(table.fit == nil)
        // A need named in the question is judged: which of the two fits it, and why.
        let r3 = try a.respond(to: "which of them is better for running in the rain", session: "cmp")
        let judged = try #require(r3.comparison)
        #expect(judged.fit?.lowercased().contains("rain") == true)
    }

    @Test("the need a shopper names in a comparison is the phrase from 'for' on", arguments: [
        ("which is better for running in the rain", "for running in the rain"),
        ("compare them for hiking trips", "for hiking trips"),
        ("compare the first two", nil),
        ("which one is best for me", nil),
    ] as [(String, String?)])
    func statedNeed(text: String, need: String?) {
        #expect(DialogueEngine.statedNeed(in: text) == need)
    }

    @Test("add the cheaper one to the cart, check out with a yes, then the status of the new order")
    func cartCheckoutThenStatus() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let s = "buy"
        _ = try a.respond(to: "hi", session: s, customer: "1")
        let r1 = try a.respond(to: "show me headphones", session: s)
        #expect(r1.cards.count >= 2)
        let r2 = try a.respond(to: "compare the first two", session: s)
        let pair = try #require(r2.comparison?.products)
        let cheaper = try #require(pair.min { $0.price < $1.price })
        let r3 = try a.respond(to: "add the cheaper one to my cart", session: s)
        #expect(r3.cart?.lines.contains { $0.sku == cheaper.sku } == true)
        let r4 = try a.respond(to: "checkout", session: s)
        #expect(r4.task == "checkout")
        #expect(r4.suggestions.map(\.payload) == ["yes", "no"])
        let r5 = try a.respond(to: "yes", session: s)
        let order = try #require(r5.order)
        #expect(order.orderID.hasPrefix("A"))
        let r6 = try a.respond(to: "where is my new order?", session: s)
        #expect(r6.order?.orderID == order.orderID)
        #expect(["placed", "processing"].contains(r6.order?.status ?? ""))
        let kinds = try store.database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT type FROM events WHERE session_id = ?", arguments: [s]) }
        #expect(Set(kinds).isSuperset(of: ["product_shown", "product_clicked", "added_to_cart", "purchased"]))
    }

    @Test("a guest order-status form asks for the order number, then the email")
    func guestOrderStatus() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let (number, email) = try #require(try store.database.read { db -> (String, String)? in
            let row = try Row.fetchOne(db, sql: "SELECT number, email FROM orders WHERE customer_id IS NULL ORDER BY number LIMIT 1")
            return row.map { ($0["number"], $0["email"]) }
        })
        let s = "guest"
        let r1 = try a.respond(to: "where is my order", session: s)
        #expect(r1.task == "order_status")
        #expect(try a.state(of: s).task?.awaiting == "order_id")
        let bad = try a.respond(to: "A12", session: s)
        #expect(bad.text.contains("A10234"))
        let r2 = try a.respond(to: number, session: s)
        #expect(r2.order == nil)
        #expect(try a.state(of: s).task?.awaiting == "email")
        let wrong = try a.respond(to: "nobody@example.org", session: s)
        #expect(wrong.order == nil)
        #expect(try a.state(of: s).task?.awaiting == "email")
        let r3 = try a.respond(to: email, session: s)
        #expect(r3.order?.orderID == number)
        #expect(r3.order?.statusText != nil)
    }

    @Test("a topic switch mid-form is answered and the form resumes")
    func topicSwitch() throws {
        let (a, _, _) = try DemoFixture.assistant()
        let s = "switch"
        _ = try a.respond(to: "where is my order", session: s)
        let r = try a.respond(to: "do you have running shoes?", session: s)
        #expect(!r.cards.isEmpty)
        #expect(r.task == "order_status")
        #expect(try a.state(of: s).task?.awaiting == "order_id")
        let back = try a.respond(to: "A10047", session: s)
        #expect(try a.state(of: s).task?.awaiting == "email")
        #expect(back.task == "order_status")
    }

    @Test("a correction replaces the slot: no, I meant size 9")
    func correction() throws {
        let (a, _, _) = try DemoFixture.assistant()
        let s = "fix"
        _ = try a.respond(to: "red running shoes size 10", session: s)
        #expect(try a.state(of: s).search?.size == "10")
        _ = try a.respond(to: "no, I meant size 9", session: s)
        let search = try a.state(of: s).search
        #expect(search?.size == "9")
        #expect(search?.category?.lowercased() == "running shoes")
        #expect(try a.state(of: s).preferences.size == "9")
    }

    @Test("two misunderstandings offer a human, and a handoff carries the summary")
    func fallbackThenHandoff() throws {
        let (a, _, _) = try DemoFixture.assistant()
        let s = "lost"
        _ = try a.respond(to: "show me tents", session: s)
        let r1 = try a.respond(to: "asdf qwerty", session: s)
        #expect(r1.handoff == nil)
        #expect(!r1.suggestions.isEmpty)
        let r2 = try a.respond(to: "zxcv blorp", session: s)
        #expect(r2.suggestions.contains { $0.payload == "/human_handoff" })
        let r3 = try a.respond(to: "I want to talk to a human", session: s)
        let handoff = try #require(r3.handoff)
        #expect(handoff.summary.lowercased().contains("tents"))
        #expect(handoff.summary.contains("asdf qwerty"))
    }

    @Test("a clarifying quick reply resolves to the chosen interpretation")
    func clarifyPayload() throws {
        let (a, _, _) = try DemoFixture.assistant()
        _ = try a.respond(to: "show me backpacks", session: "pay")
        let r = try a.respond(to: "/compare_products", session: "pay")
        #expect(r.parse?.intent.name == "compare_products")
        #expect(r.comparison?.products.count == 2)
    }

    @Test("after a restart (a new assistant on the same store) the conversation continues")
    func restart() throws {
        let (a, _, path) = try DemoFixture.assistant()
        let s = "restart"
        let shown = try a.respond(to: "show me backpacks", session: s).cards
        _ = try a.respond(to: "cheaper", session: s)
        let before = try a.state(of: s)
        let (b, storeB, _) = try DemoFixture.assistant(path: path)
        let after = try b.state(of: s)
        #expect(after.search == before.search)
        #expect(after.shown == before.shown)
        #expect(after.turns == 2)
        let r = try b.respond(to: "compare the first two", session: s)
        #expect(r.comparison?.products.map(\.sku) == Array(before.shown.prefix(2)))
        #expect(r.turn == 3)
        #expect(!shown.isEmpty)
        let turns = try StoreSessionPersistence(store: storeB).turns(of: s)
        #expect(turns.map(\.turnIndex) == [0, 1, 2])
        #expect(turns.map(\.userText) == ["show me backpacks", "cheaper", "compare the first two"])
        #expect(turns[0].parse.contains("search_products"))
    }

    @Test("two engines serving one session on one store file never lose or interleave a turn")
    func twoEngines() async throws {
        let (a, _, path) = try DemoFixture.assistant()
        let (b, storeB, _) = try DemoFixture.assistant(path: path)
        let s = "shared"
        let lines = (0..<8).map { "show me tents under \(100 + $0 * 10)" }
        await withTaskGroup(of: Void.self) { group in
            for (i, engine) in [a, b].enumerated() {
                group.addTask {
                    for line in lines {
                        do { _ = try engine.respond(to: line + " #\(i)", session: s) } catch { Issue.record("engine \(i): \(error)") }
                    }
                }
            }
        }
        let turns = try StoreSessionPersistence(store: storeB).turns(of: s)
        #expect(turns.count == 16)
        #expect(turns.map(\.turnIndex) == Array(0..<16))
        #expect(Set(turns.map(\.userText)).count == 16)
        let state = try b.state(of: s)
        #expect(state.turns == 16)
        #expect(state.history.count == min(16, SessionState.historyLimit))
        #expect(state.history.last?.index == 16)
        // Each engine's lines stay in its own order.
        for i in 0..<2 {
            let mine = turns.map(\.userText).filter { $0.hasSuffix("#\(i)") }
            #expect(mine == lines.map { $0 + " #\(i)" })
        }
    }

    @Test("an engine continues from a turn another engine took on the same session")
    func alternatingEngines() throws {
        let (a, _, path) = try DemoFixture.assistant()
        let (b, _, _) = try DemoFixture.assistant(path: path)
        let s = "alternate"
        _ = try a.respond(to: "show me tents", session: s)
        let backpacks = try b.respond(to: "show me backpacks", session: s).cards
        #expect(backpacks.count >= 2)
        let r = try a.respond(to: "compare the first two", session: s)
        #expect(r.comparison?.products.map(\.sku) == Array(backpacks.prefix(2).map(\.sku)))
        #expect(r.turn == 3)
    }

    @Test("a returning customer is greeted by name")
    func greetByName() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let (id, name) = try #require(try store.database.read { db -> (Int64, String)? in
            let row = try Row.fetchOne(db, sql: "SELECT c.id, c.name FROM customers c JOIN orders o ON o.customer_id = c.id ORDER BY c.id LIMIT 1")
            return row.map { ($0["id"], $0["name"]) }
        })
        let r = try a.respond(to: "hello", session: "greet", customer: String(id))
        let first = try #require(name.split(separator: " ").first)
        #expect(r.text.contains(String(first)))
        if let cart = r.cart {
            // A cart left from before is mentioned once, not on the next greeting.
            #expect(!cart.isEmpty)
            #expect(try a.respond(to: "hi again", session: "greet").cart == nil)
        }
        let guest = try a.respond(to: "hello", session: "greet-guest")
        #expect(!guest.text.contains(String(first)))
    }
}

@Suite("Choices before the cart", .serialized)
struct ChoiceTests {
    @Test("a product sold in sizes asks for the size, re-asks a size it lacks, then adds the chosen one")
    func sizeForm() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let (sku, title) = try #require(try store.database.read { db -> (String, String)? in
            let row = try Row.fetchOne(db, sql: """
                SELECT p.sku, p.title FROM products p JOIN product_variants v ON v.product_id = p.id
                WHERE v.size IS NOT NULL AND v.stock > 0 GROUP BY p.id HAVING COUNT(*) >= 2 ORDER BY p.id LIMIT 1
                """)
            return row.map { ($0["sku"], $0["title"]) }
        })
        let s = "size"
        // Start from the situation "the shopper is looking at this product".
        var situation = SessionState(id: s)
        situation.shown = [sku]
        situation.focus = sku
        _ = try StoreSessionPersistence(store: store).save(situation, expectedVersion: 0, turn: nil, reply: nil)
        let ask = try a.respond(to: "add it to my cart", session: s)
        #expect(ask.text.contains(title))
        #expect(ask.task == "add_to_cart")
        #expect(try a.state(of: s).task?.awaiting == "size")
        let options = ask.suggestions.map(\.title)
        #expect(!options.isEmpty)
        let bad = try a.respond(to: "size 99", session: s)
        #expect(bad.cart == nil)
        #expect(try a.state(of: s).task?.awaiting == "size")
        let size = try #require(options.first)
        let done = try a.respond(to: size, session: s)
        #expect(done.cart?.lines.map(\.sku) == [sku])
        #expect(done.cart?.lines.first?.title.contains(size) == true)
        #expect(try a.state(of: s).task == nil)
    }
}
