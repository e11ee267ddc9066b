import Dialogue
import Foundation

/// Runs dialogue tests against the real assistant.
///
/// `makeAssistant` gives each dialogue its own assistant on its own copy of the demo
/// shop, so one dialogue's cart or checkout never leaks into the next.
public struct AssistantDriver: DialogueDriver {
    public let makeAssistant: (DialogueScript) throws -> Assistant

    public init(makeAssistant: @escaping (DialogueScript) throws -> Assistant) {
        self.makeAssistant = makeAssistant
    }

    public func start(_ script: DialogueScript) throws -> any DialogueConversation {
        let assistant = try makeAssistant(script)
        let session = script.given.session ?? "dialogue-\(Self.stableHash(script.name))"
        let customer = script.given.customer.map(String.init)
        let owner: CartOwner = customer.map { .customer($0) } ?? .guest(session: session)
        for item in script.given.cart {
            _ = try assistant.engine.services.cart.add(sku: item.sku, quantity: item.quantity, size: nil, color: nil, to: owner)
        }
        let conversation = Conversation(assistant: assistant, session: session, customer: customer)
        if let search = script.given.search { _ = try conversation.send(search) }
        return conversation
    }

    /// FNV-1a, so a dialogue's session id (and so its reply wording) is the same on every run.
    static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    final class Conversation: DialogueConversation {
        let assistant: Assistant
        let session: String
        var customer: String?

        init(assistant: Assistant, session: String, customer: String?) {
            self.assistant = assistant
            self.session = session
            self.customer = customer
        }

        func send(_ text: String) throws -> ObservedTurn {
            let reply = try assistant.respond(to: text, session: session, customer: customer)
            customer = nil  // signed in once; the session remembers
            return ObservedTurn(reply: reply)
        }
    }
}
