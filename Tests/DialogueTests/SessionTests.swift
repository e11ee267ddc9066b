import Commerce
import Foundation
import NLU
import Testing
@testable import Dialogue

@Suite("Session persistence and cache")
struct SessionTests {
    @Test("a save with a stale version is refused, naming the session and both versions")
    func inMemoryConflict() throws {
        let p = InMemorySessionPersistence()
        var s = SessionState(id: "s")
        #expect(try p.save(s, expectedVersion: 0, turn: nil, reply: nil) == 1)
        s.turns = 1
        #expect(try p.save(s, expectedVersion: 1, turn: nil, reply: nil) == 2)
        do {
            _ = try p.save(s, expectedVersion: 1, turn: nil, reply: nil)
            Issue.record("expected a conflict")
        } catch let conflict as SessionConflict {
            #expect(conflict.expected == 1)
            #expect(conflict.found == 2)
            #expect(conflict.description.contains("'s'"))
        }
    }

    @Test("the store refuses a stale save and keeps the winner's state and turn")
    func storeConflict() throws {
        let store = try ShopStore.temporary(prefix: "dialogue-sessions")
        let p = StoreSessionPersistence(store: store)
        var s = SessionState(id: "web-1")
        s.turns = 1
        let turn = TurnRecord(index: 1, text: "hi", parse: nil, reply: "Hello", at: "2026-11-25T05:00:00Z")
        #expect(try p.save(s, expectedVersion: 0, turn: turn, reply: nil) == 1)
        #expect(throws: SessionConflict.self) { try p.save(s, expectedVersion: 0, turn: turn, reply: nil) }
        var t = s
        t.turns = 2
        t.search = ProductQuery(text: "tents")
        #expect(try p.save(t, expectedVersion: 1, turn: TurnRecord(index: 2, text: "tents", parse: nil, reply: "", at: ""), reply: nil) == 2)
        #expect(throws: SessionConflict.self) { try p.save(s, expectedVersion: 1, turn: nil, reply: nil) }
        let loaded = try #require(try p.load("web-1"))
        #expect(loaded.version == 2)
        // The state is stored without its history, which comes back from the saved turns.
        var withoutHistory = loaded.state
        withoutHistory.history = []
        #expect(withoutHistory == t)
        #expect(loaded.state.history.map(\.text) == ["hi", "tents"])
        #expect(loaded.state.history.map(\.index) == [1, 2])
        #expect(try p.turns(of: "web-1").map(\.userText) == ["hi", "tents"])
        try p.delete("web-1")
        #expect(try p.load("web-1") == nil)
        #expect(try p.turns(of: "web-1").isEmpty)
    }

    @Test("a state saved before a field existed decodes, the field at its default; every field round-trips")
    func olderStateDecodes() throws {
        var state = SessionState(id: "web-9", customer: "7")
        state.turns = 4
        state.shown = ["A", "B"]
        state.focus = "A"
        state.compared = ["A", "B"]
        state.recommended = ["B"]
        state.recommendationReasons = ["B": "Popular in tents right now"]
        state.lastAdded = "A"
        state.lastOrderID = "A10001"
        state.email = "x@example.com"
        state.misunderstandings = 1
        state.abandonedCartMentioned = true
        state.greeted = true
        state.search = ProductQuery(text: nil, category: "Tents")
        state.task = TaskState(kind: .checkout)
        state.suspended = [TaskState(kind: .orderStatus)]
        state.pickFor = "add_to_cart"
        state.preferences.size = "M"
        state.clarification = Clarification(intents: ["recommend"], entities: [], text: "hm")
        state.history = [TurnRecord(index: 1, text: "hi", parse: nil, reply: "Hello", at: "2026-12-07T05:00:00Z")]
        // Every field differs from a fresh state's, so a field that `init(from:)` forgets
        // (it would keep its default) fails the round trip below.
        let fresh = Mirror(reflecting: SessionState(id: "web-9"))
        for (field, value) in Mirror(reflecting: state).children where field != "id" {
            let initial = try #require(fresh.children.first { $0.label == field }).value
            #expect(String(describing: value) != String(describing: initial), "\(field ?? "?") is not set by this test")
        }
        let data = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(SessionState.self, from: data) == state)
        // As an older build wrote it: without the fields added since.
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["recommendationReasons", "lastAdded", "greeted", "suspended", "history"] { object.removeValue(forKey: key) }
        let old = try JSONDecoder().decode(SessionState.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(old.recommendationReasons.isEmpty && old.lastAdded == nil && !old.greeted && old.suspended.isEmpty)
        #expect(old.shown == state.shown && old.turns == 4 && old.search == state.search && old.email == state.email)
    }

    @Test("the session cache holds 10,000 sessions and evicts the least recently used beyond its capacity")
    func cache() {
        let cache = SessionCache(capacity: 10_000)
        for i in 0..<10_000 { cache.put(VersionedSession(state: SessionState(id: "s\(i)"), version: 1)) }
        #expect(cache.count == 10_000)
        #expect(cache.get("s0") != nil)  // now recently used
        cache.put(VersionedSession(state: SessionState(id: "new"), version: 1))
        #expect(cache.count <= 10_000)
        #expect(cache.get("s0") != nil)
        #expect(cache.get("new") != nil)
        #expect(cache.get("s1") == nil)
    }

    @Test("a quick-reply payload /intent becomes that intent with the clarified line's entities")
    func payload() throws {
        let shop = FakeShop()
        let unclear = P.make("sony stuff", "recommend", 0.3, [P.s("brand", "Sony")], ranking: [("recommend", 0.3), ("search_products", 0.28)])
        let assistant = Assistant(parser: TableParser(table: ["sony stuff": unclear]),
                                  engine: DialogueEngine(services: shop.services, templates: Fixtures.templates),
                                  persistence: InMemorySessionPersistence())
        let r1 = try assistant.respond(to: "sony stuff", session: "p")
        #expect(r1.suggestions.map(\.payload) == ["/recommend", "/search_products"])
        let r2 = try assistant.respond(to: "/search_products", session: "p")
        #expect(r2.parse?.intent.name == "search_products")
        #expect(!r2.cards.isEmpty)
        #expect(r2.cards.allSatisfy { $0.brand == "Sony" })
        let empty = try assistant.respond(to: "   ", session: "p")
        #expect(empty.turn == 3)
        #expect(!empty.text.isEmpty)
    }

    @Test("a session is reset on request and the next line starts afresh")
    func reset() throws {
        let shop = FakeShop()
        let persistence = InMemorySessionPersistence()
        let assistant = Assistant(parser: TableParser(table: ["headphones": P.make("headphones", "search_products", 0.9, [P.s("category", "headphones")])]),
                                  engine: DialogueEngine(services: shop.services, templates: Fixtures.templates), persistence: persistence)
        _ = try assistant.respond(to: "headphones", session: "r")
        #expect(try assistant.state(of: "r").shown.count == 5)
        try assistant.reset("r")
        #expect(try assistant.state(of: "r").shown.isEmpty)
        #expect(try assistant.respond(to: "headphones", session: "r").turn == 1)
        #expect(persistence.turns(of: "r").count == 1)
    }
}

@Suite("NLU parser with builtins")
struct NLUParserTests {
    @Test("builtin price ranges, ordinals and order numbers join the tagged entities", arguments: [
        ("red running shoes size 10 under 120", "price_range"),
        ("compare the first two", "ordinal"),
        ("where is order A10234", "order_id"),
    ])
    func builtins(_ text: String, _ entity: String) throws {
        let parser = NLUParser(engine: try DemoFixture.trainedNLU.get())
        let parse = parser.parse(text)
        #expect(parse.entities.filter { $0.entity == entity }.count == 1, "\(parse.entities)")
    }
}

@Suite("Channel hooks")
struct ChannelHookTests {
    @Test("a click on a recommended card is logged as clicked and as an accepted recommendation")
    func clickOnRecommendation() throws {
        let shop = FakeShop()
        let table = [
            "headphones": P.make("headphones", "search_products", 0.9, [P.s("category", "headphones")]),
            "recommend": P.make("recommend something like the first one", "recommend", 0.9, [("ordinal", .object(["position": .number(1)]), "first")]),
        ]
        let assistant = Assistant(parser: TableParser(table: table), engine: DialogueEngine(services: shop.services, templates: Fixtures.templates),
                                  persistence: InMemorySessionPersistence())
        _ = try assistant.respond(to: "headphones", session: "w")
        let recs = try assistant.respond(to: "recommend", session: "w").cards
        let sku = try #require(recs.first?.sku)
        try assistant.recordClick(session: "w", sku: sku)
        let kinds = shop.events.filter { $0.sku == sku }.map(\.kind)
        #expect(kinds.contains(.productClicked))
        #expect(kinds.contains(.recommendationAccepted))
        try assistant.recordClick(session: "w", sku: "H9-not-recommended")
        #expect(!shop.events.contains { $0.sku == "H9-not-recommended" && $0.kind == .recommendationAccepted })
    }

    @Test("the reply saved with each turn in the store decodes back to the reply sent")
    func savedReply() throws {
        let (a, store, _) = try DemoFixture.assistant()
        let sent = try a.respond(to: "show me tents", session: "saved")
        let row = try #require(try StoreSessionPersistence(store: store).turns(of: "saved").first)
        #expect(try StoreSessionPersistence.sentReply(row) == sent)
        // The parse is stored once, in its own column.
        #expect(!row.reply.contains("\"parse\""))
        #expect(try JSONDecoder().decode(Parse.self, from: Data(row.parse.utf8)) == sent.parse)
    }
}
