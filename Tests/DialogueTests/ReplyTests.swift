import Foundation
import NLU
import Testing
@testable import Dialogue

@Suite("Reply as data")
struct ReplyTests {
    let sample = Reply(
        session: "s1", turn: 2,
        messages: [
            .text("Here are 2 headphones."),
            .products([ProductCard(sku: "H1", title: "Sony", brand: "Sony", price: 349, currency: "USD", rating: 4.8, reason: nil)]),
            .comparison(ComparisonTable(products: [], rows: [.init(attribute: "price", values: ["$1.00", "$2.00"], better: 0)])),
            .order(OrderView(orderID: "A10234", status: "shipped", total: 89, currency: "USD", timeline: [.init(status: "shipped", at: "2026-11-21T09:00:00Z")])),
            .cart(CartView(lines: [.init(sku: "H1", title: "Sony", quantity: 1, unitPrice: 349, lineTotal: 349)], subtotal: 349, total: 349, currency: "USD")),
            .handoff(Handoff(reason: "requested", summary: "Customer: guest", customer: nil)),
        ],
        suggestions: [Suggestion(title: "Cheaper", payload: "cheaper")],
        parse: P.make("hi", "greet"))

    @Test("catalog titles and brands reach replies on one line", arguments: [
        ("Trail\nShoe", "Trail Shoe"), ("Trail\r\nShoe", "Trail Shoe"), ("Tab\there", "Tab here"), ("Plain", "Plain"),
    ])
    func catalogTextOnOneLine(input: String, expected: String) {
        #expect(ProductDirectory.singleLine(input) == expected)
    }

    @Test("a reply encodes to JSON with sorted keys and typed messages, and decodes back unchanged")
    func roundTrip() throws {
        let json = try sample.jsonString()
        #expect(json.hasPrefix("{\"messages\":[{\"text\":\"Here are 2 headphones.\",\"type\":\"text\"}"))
        #expect(json.contains("{\"cards\":[{\"brand\":\"Sony\""))
        #expect(json.contains("\"type\":\"handoff\""))
        #expect(!json.contains("\n"))
        let back = try JSONDecoder().decode(Reply.self, from: Data(json.utf8))
        #expect(back == sample)
        #expect(try back.jsonString() == json)
    }

    @Test("an unknown message type is refused with the type named")
    func unknownType() {
        let json = #"{"messages":[{"type":"video"}],"session":"s","slots":{},"suggestions":[],"turn":1}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Reply.self, from: Data(json.utf8)) }
    }

    @Test("accessors find the cards, the order, the cart and the handoff")
    func accessors() {
        #expect(sample.cards.map(\.sku) == ["H1"])
        #expect(sample.order?.orderID == "A10234")
        #expect(sample.cart?.total == 349)
        #expect(sample.handoff?.reason == "requested")
        #expect(sample.text == "Here are 2 headphones.")
    }
}

@Suite("Reply templates")
struct TemplateTests {
    @Test("the shipped templates define every key the policy uses")
    func everyKey() {
        #expect(Fixtures.templates.missing(DialogueEngine.templateKeys) == [])
    }

    @Test("slots are interpolated and unknown slots left as typed")
    func interpolation() {
        #expect(TemplateBook.interpolate("Order {order_id} is {status}.", ["order_id": "A10234", "status": "shipped"]) == "Order A10234 is shipped.")
        #expect(TemplateBook.interpolate("Hi {name}", [:]) == "Hi {name}")
        #expect(TemplateBook.interpolate("no slots", ["x": "y"]) == "no slots")
    }

    @Test("the variant is the same for the same session and turn, and varies across sessions")
    func deterministic() {
        let book = TemplateBook(variants: ["k": ["a", "b", "c", "d"]])
        #expect(book.render("k", session: "s1", turn: 3) == book.render("k", session: "s1", turn: 3))
        let picks = Set((0..<40).map { book.render("k", session: "session-\($0)", turn: 1) })
        #expect(picks.count > 1)
    }

    @Test("a template file that is not a mapping of strings is refused naming the file and key")
    func badFile() {
        #expect(throws: TemplateError.self) { try TemplateBook.parse("- a\n- b\n", file: "bad.yml") }
        do {
            _ = try TemplateBook.parse("greet:\n  nested: 1\n", file: "bad.yml")
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("bad.yml"))
            #expect("\(error)".contains("greet"))
        }
    }

    @Test("a missing key renders visibly instead of crashing")
    func missingKey() {
        #expect(TemplateBook(variants: [:]).render("nope", session: "s", turn: 1) == "[nope]")
    }
}
