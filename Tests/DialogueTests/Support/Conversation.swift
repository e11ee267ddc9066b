import Foundation
import NLU
@testable import Dialogue

/// Drives the policy turn by turn with hand-made parses.
struct Conversation {
    let shop: FakeShop
    let engine: DialogueEngine
    var state: SessionState

    init(session: String = "s1", customer: String? = nil, shop: FakeShop = FakeShop()) {
        self.shop = shop
        self.engine = DialogueEngine(services: shop.services, templates: Fixtures.templates)
        self.state = SessionState(id: session, customer: customer)
    }

    @discardableResult
    mutating func say(_ parse: Parse) -> Reply { engine.respond(to: parse, state: &state) }

    @discardableResult
    mutating func say(_ text: String, _ intent: String, _ confidence: Double = 0.95, _ entities: [(String, EntityValue, String)] = []) -> Reply {
        say(P.make(text, intent, confidence, entities))
    }

    func prices(_ reply: Reply) -> [Double] { reply.cards.map(\.price) }
}

/// A line parser from a fixed table, for facade tests that must not wait for the NLU model.
struct TableParser: LineParser {
    let table: [String: Parse]
    func parse(_ text: String) -> Parse {
        table[text] ?? Parse(text: text, intent: IntentScore(name: "out_of_scope", confidence: 0.2),
                             ranking: [IntentScore(name: "out_of_scope", confidence: 0.2)], entities: [])
    }
}
