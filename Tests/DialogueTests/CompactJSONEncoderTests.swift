import Foundation
import NLU
import Testing
@testable import Dialogue

@Suite("Stored JSON: the compact encoder round-trips through JSONDecoder")
struct CompactJSONEncoderTests {
    func roundTrip<T: Codable & Equatable>(_ value: T) throws -> String {
        let json = try CompactJSONEncoder().encode(value)
        // Valid JSON for any reader, and the same value for JSONDecoder.
        _ = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        #expect(try JSONDecoder().decode(T.self, from: Data(json.utf8)) == value)
        return json
    }

    @Test("a reply with every kind of message, quotes, control characters and non-ASCII text")
    func reply() throws {
        let card = ProductCard(sku: "H-1", title: "Crème \"Pro\" 2\u{1}\n", brand: "Ø", price: 49.99, currency: "EUR", rating: nil, reason: "you liked \\ Sony")
        let parse = Parse(text: "under $80 ünd 🎧", intent: IntentScore(name: "search_products", confidence: 0.875),
                          ranking: [IntentScore(name: "search_products", confidence: 0.875), IntentScore(name: "recommend", confidence: 1e-7)],
                          entities: [ExtractedEntity(entity: "price_range", value: .object(["max": .number(80), "currency": .string("USD"), "open": .bool(true), "x": .null, "list": .array([.number(-0.5)])]),
                                                     text: "under $80", start: 0, end: 9, extractor: "builtin", confidence: 1)])
        let reply = Reply(session: "s/1", turn: 3, messages: [
            .text("Here are\tsome."), .products([card]),
            .comparison(ComparisonTable(products: [card, card], rows: [.init(attribute: "price", values: ["1", "2"], better: 0)], summary: "same")),
            .order(OrderView(orderID: "A10001", status: "shipped", total: 12, currency: "USD", timeline: [.init(status: "placed", at: "2026-12-01")])),
            .cart(CartView(lines: [], subtotal: 0, shipping: 4.5, total: 4.5, currency: "USD")),
        ], suggestions: [Suggestion(title: "Cheaper")], parse: parse, task: nil, slots: ["b": "2", "a": "1"])
        let json = try roundTrip(reply)
        #expect(json.contains(#""session":"s/1""#))
        #expect(json.contains(#"\"Pro\""#) && json.contains(#"\u0001"#) && json.contains(#"\n"#))
    }

    @Test("a session state with a task, a search, preferences and nested optionals")
    func state() throws {
        var state = SessionState(id: "web-7", customer: "12")
        state.task = TaskState(kind: .orderStatus, slots: ["order_id": "A10234"])
        state.suspended = [TaskState(kind: .checkout)]
        state.shown = ["A", "B"]
        state.preferences.likedBrands = ["sony"]
        state.preferences.budget = 80
        state.misunderstandings = 1
        _ = try roundTrip(state)
        _ = try roundTrip(SessionState(id: "empty"))
    }

    @Test("numbers that are not JSON are refused, as JSONEncoder refuses them")
    func notANumber() {
        #expect(throws: EncodingError.self) { try CompactJSONEncoder().encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try CompactJSONEncoder().encode(["x": Double.infinity]) }
    }

    @Test("scalars, empty containers and nested arrays")
    func shapes() throws {
        #expect(try roundTrip([[1, 2], [], [3]]) == "[[1,2],[],[3]]")
        #expect(try roundTrip([String: [Int]]()) == "{}")
        #expect(try roundTrip("a\"b") == #""a\"b""#)
        #expect(try roundTrip([Int?.none, 1]) == "[null,1]")
    }
}
