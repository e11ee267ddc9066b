import Dialogue
import Foundation
import NLU

/// The JSON-RPC methods of `shopassist serve`, bound to one `Assistant`.
///
/// | method | params | result |
/// |---|---|---|
/// | `chat` | `{session, text, customer?}` | `{session, turn, messages, suggestions, nlu: {intent, confidence, ranking, entities}, handoff?, task, slots}` |
/// | `complete` | `{session, prefix}` | `{suggestions: [{text, kind, sku?}]}` |
/// | `event` | `{session, type, sku}` | `{recorded: true}` |
/// | `session.reset` | `{session}` | `{reset: true}` |
/// | `session.state` | `{session}` | the session's state |
/// | `nlu.parse` | `{text}` | the parse |
/// | `ping` | — | `"pong"` |
public enum AssistantMethods {
    /// The longest chat line the engine reads; longer text is refused with -32602.
    public static let maxTextLength = 2_000

    /// Type-ahead suggestions for a prefix; supplied by the executable from the search service.
    public typealias Completer = @Sendable (_ prefix: String, _ limit: Int) throws -> [JSONValue]

    public static func make(assistant: Assistant, parser: any LineParser, completer: Completer?) -> JSONRPCDispatcher.Methods {
        var methods = JSONRPCDispatcher.Methods()
        methods["ping"] = { _ in .string("pong") }
        methods["chat"] = { params in
            let session = try sessionID(params)
            let text = try params.string("text")
            guard text.count <= maxTextLength else { throw JSONRPCError.invalidParams(field: "text", "is longer than \(maxTextLength) characters.") }
            let customer = try params.optionalInt("customer").map(String.init) ?? params.optionalString("customer")
            let reply = try assistant.respond(to: text, session: session, customer: customer)
            return try chatResult(reply)
        }
        methods["complete"] = { params in
            _ = try sessionID(params)
            let prefix = try params.string("prefix")
            guard let completer else { return .object(["suggestions": .array([])]) }
            return .object(["suggestions": .array(try completer(String(prefix.prefix(200)), 8))])
        }
        methods["event"] = { params in
            let session = try sessionID(params)
            let type = try params.string("type")
            let sku = try params.string("sku")
            guard ["product_clicked", "click", "clicked"].contains(type) else {
                throw JSONRPCError.invalidParams(field: "type", "must be \"product_clicked\" (the event a widget reports), got \"\(type)\".")
            }
            guard try assistant.engine.services.search.product(sku: sku) != nil else {
                throw JSONRPCError.invalidParams(field: "sku", "names no product in this shop (\"\(sku.prefix(80))\").")
            }
            try assistant.recordClick(session: session, sku: sku)
            return .object(["recorded": .bool(true)])
        }
        methods["session.reset"] = { params in
            try assistant.reset(try sessionID(params))
            return .object(["reset": .bool(true)])
        }
        methods["session.state"] = { params in
            try JSONValue.encoding(try assistant.state(of: try sessionID(params)))
        }
        methods["nlu.parse"] = { params in
            let text = try params.string("text")
            guard text.count <= maxTextLength else { throw JSONRPCError.invalidParams(field: "text", "is longer than \(maxTextLength) characters.") }
            return try nluResult(parser.parse(text))
        }
        return methods
    }

    static func sessionID(_ params: Params) throws(JSONRPCError) -> String {
        let session = try params.string("session")
        guard !session.isEmpty, session.count <= 200 else { throw .invalidParams(field: "session", "must be 1 to 200 characters.") }
        return session
    }

    /// A parse as the protocol shows it: `{text, intent, confidence, ranking, entities}`.
    public static func nluResult(_ parse: Parse) throws -> JSONValue {
        .object([
            "text": .string(parse.text),
            "intent": .string(parse.intent.name),
            "confidence": .double(parse.intent.confidence),
            "ranking": try JSONValue.encoding(parse.ranking),
            "entities": try JSONValue.encoding(parse.entities),
        ])
    }

    /// The `chat` result: the reply's JSON with `parse` presented as `nlu`, and the handoff lifted to the top.
    public static func chatResult(_ reply: Reply) throws -> JSONValue {
        guard case .object(var object) = try JSONValue.encoding(reply) else { return .null }
        object.removeValue(forKey: "parse")
        object["nlu"] = try reply.parse.map(nluResult) ?? .null
        if let handoff = reply.handoff { object["handoff"] = try JSONValue.encoding(handoff) }
        return .object(object)
    }
}
