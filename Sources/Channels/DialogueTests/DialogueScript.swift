import Foundation
import Yams

/// A conversation that support staff write in `Dialogues/*.yml` and run as a test.
///
/// ```yaml
/// name: a guest asks where an order is
/// given:
///   customer: 12            # signed in (optional)
/// turns:
///   - user: where is my order?
///     intent: order_status
///     reply contains: order number
///   - user: A10234
///     order status: shipped
/// ```
public struct DialogueScript: Sendable, Equatable {
    public var name: String
    public var file: String
    public var line: Int
    /// The demo shop's seed the dialogue expects (tests use the shared fixture shop when nil).
    public var seed: UInt64?
    public var given: Situation
    public var turns: [Turn]

    /// Where the conversation starts: who is signed in, what is already in the cart,
    /// which search was made before.
    public struct Situation: Sendable, Equatable {
        public var customer: Int?
        public var cart: [CartItem] = []
        public var search: String?
        public var session: String?
        public init(customer: Int? = nil, cart: [CartItem] = [], search: String? = nil, session: String? = nil) {
            self.customer = customer
            self.cart = cart
            self.search = search
            self.session = session
        }
    }

    public struct CartItem: Sendable, Equatable {
        public var sku: String
        public var quantity: Int
    }

    public struct Turn: Sendable, Equatable {
        public var user: String
        public var line: Int
        public var expectations: [TurnExpectation]
    }
}

/// One thing a turn's reply must show. The kind is what a failure is tagged with.
public enum TurnExpectation: Sendable, Equatable {
    case intent(String)
    case entities([String: String])
    case replyIs(String)
    case replyContains(String)
    case replyMatches(String)
    case replyLacks(String)
    case productCount(Comparison, Int)
    case productSKUs([String])
    case productsAbsent([String])
    case comparison(Int?)
    case noComparison
    case noOrder
    case orderStatus(String)
    case orderNumber(String)
    case cartLines(Int)
    case handoff(Bool)
    case suggestionsInclude([String])

    public enum Comparison: String, Sendable, Equatable { case exactly, atLeast = "at least", atMost = "at most" }

    /// The failure tag a support agent reads: intent, entity, text, products, comparison, order, cart, handoff, suggestions.
    public var kind: String {
        switch self {
        case .intent: "intent"
        case .entities: "entity"
        case .replyIs, .replyContains, .replyMatches, .replyLacks: "text"
        case .productCount, .productSKUs, .productsAbsent: "products"
        case .comparison, .noComparison: "comparison"
        case .orderStatus, .orderNumber, .noOrder: "order"
        case .cartLines: "cart"
        case .handoff: "handoff"
        case .suggestionsInclude: "suggestions"
        }
    }
}

/// A dialogue file that cannot be read, with the place and what to fix.
public struct DialogueScriptError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

extension DialogueScript {
    /// The expectation keys a turn may use, for error messages.
    public static let expectationKeys = [
        "intent", "entities", "reply is", "reply contains", "reply matches", "reply lacks", "products",
        "skus", "skus absent", "comparison", "order status", "order number", "cart lines", "handoff", "suggestions include",
    ]

    /// Reads every dialogue in a YAML file (one mapping, or a list of them, or several `---` documents).
    public static func load(file: String) throws -> [DialogueScript] {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw DialogueScriptError(file: file, line: 0, message: "cannot read the file as UTF-8 (\(error.localizedDescription)).")
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws -> [DialogueScript] {
        var scripts: [DialogueScript] = []
        do {
            // Parser.nextRoot throws on malformed YAML (compose_all's sequence would stop silently).
            let parser = try Parser(yaml: text)
            while let document = try parser.nextRoot() {
                if case .sequence(let items) = document {
                    for item in items { scripts.append(try script(item, file: file)) }
                } else {
                    scripts.append(try script(document, file: file))
                }
            }
        } catch let error as DialogueScriptError {
            throw error
        } catch let error as YamlError {
            throw DialogueScriptError(file: file, line: yamlLine(error), message: "not valid YAML: \(error)")
        }
        return scripts
    }

    private static func yamlLine(_ error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 0
        }
    }

    private static func script(_ node: Node, file: String) throws -> DialogueScript {
        let line = (node.mark?.line ?? 0)
        guard let map = node.mapping else {
            throw DialogueScriptError(file: file, line: line, message: "a dialogue must be a mapping with 'name' and 'turns'.")
        }
        var name: String?
        var seed: UInt64?
        var given = Situation()
        var turns: [Turn] = []
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            let at = keyNode.mark?.line ?? line
            switch key {
            case "name": name = value.string
            case "seed":
                guard let s = value.string.flatMap({ UInt64($0) }) else { throw DialogueScriptError(file: file, line: at, message: "'seed' must be a whole number.") }
                seed = s
            case "customer":
                given.customer = try int(value, "customer", file: file)
            case "given":
                given = try situation(value, file: file, base: given)
            case "turns":
                guard let items = value.sequence else { throw DialogueScriptError(file: file, line: at, message: "'turns' must be a list of '- user: …' items.") }
                for item in items { turns.append(try turn(item, file: file)) }
            default:
                throw DialogueScriptError(file: file, line: at, message: "unknown key '\(key)'; a dialogue has name, seed, customer, given, turns.")
            }
        }
        guard let name, !name.isEmpty else { throw DialogueScriptError(file: file, line: line, message: "the dialogue has no 'name'.") }
        guard !turns.isEmpty else { throw DialogueScriptError(file: file, line: line, message: "'\(name)' has no turns.") }
        return DialogueScript(name: name, file: file, line: line, seed: seed, given: given, turns: turns)
    }

    private static func int(_ node: Node, _ field: String, file: String) throws -> Int {
        guard let value = node.string.flatMap({ Int($0) }) else {
            throw DialogueScriptError(file: file, line: node.mark?.line ?? 0, message: "'\(field)' must be a whole number, got '\(node.string ?? "?")'.")
        }
        return value
    }

    private static func situation(_ node: Node, file: String, base: Situation) throws -> Situation {
        var given = base
        guard let map = node.mapping else { throw DialogueScriptError(file: file, line: node.mark?.line ?? 0, message: "'given' must be a mapping (customer, cart, search, session).") }
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            switch key {
            case "customer": given.customer = try int(value, "customer", file: file)
            case "search": given.search = value.string
            case "session": given.session = value.string
            case "cart":
                guard let items = value.sequence else { throw DialogueScriptError(file: file, line: keyNode.mark?.line ?? 0, message: "'cart' must be a list of '- sku: …' items.") }
                for item in items {
                    guard let sku = item["sku"]?.string else { throw DialogueScriptError(file: file, line: item.mark?.line ?? 0, message: "a cart item needs a 'sku'.") }
                    let quantity = try item["quantity"].map { try int($0, "quantity", file: file) } ?? 1
                    given.cart.append(CartItem(sku: sku, quantity: quantity))
                }
            default:
                throw DialogueScriptError(file: file, line: keyNode.mark?.line ?? 0, message: "unknown key '\(key)' in 'given'; use customer, cart, search or session.")
            }
        }
        return given
    }

    private static func turn(_ node: Node, file: String) throws -> Turn {
        let line = node.mark?.line ?? 0
        guard let map = node.mapping else { throw DialogueScriptError(file: file, line: line, message: "a turn must be a mapping starting with 'user:'.") }
        var user: String?
        var expectations: [TurnExpectation] = []
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            let at = keyNode.mark?.line ?? line
            func text() throws -> String {
                guard let s = value.string else { throw DialogueScriptError(file: file, line: at, message: "'\(key)' must be text.") }
                return s
            }
            func list() throws -> [String] {
                if let items = value.sequence { return items.compactMap(\.string) }
                return [try text()]
            }
            switch key {
            case "user": user = try text()
            case "intent": expectations.append(.intent(try text()))
            case "entities":
                guard let m = value.mapping else { throw DialogueScriptError(file: file, line: at, message: "'entities' must be a mapping like {color: blue}.") }
                var entities: [String: String] = [:]
                for (k, v) in m { entities[k.string ?? ""] = v.string ?? "" }
                expectations.append(.entities(entities))
            case "reply is": expectations.append(.replyIs(try text()))
            case "reply contains": for s in try list() { expectations.append(.replyContains(s)) }
            case "reply lacks": for s in try list() { expectations.append(.replyLacks(s)) }
            case "reply matches":
                let pattern = try text()
                do { _ = try NSRegularExpression(pattern: pattern) } catch {
                    throw DialogueScriptError(file: file, line: at, message: "'reply matches' is not a valid regular expression: \(pattern)")
                }
                expectations.append(.replyMatches(pattern))
            case "products":
                expectations.append(try productCount(try text(), file: file, line: at))
            case "skus": expectations.append(.productSKUs(try list()))
            case "skus absent": expectations.append(.productsAbsent(try list()))
            case "comparison":
                let s = try text()
                if s == "true" || s == "yes" { expectations.append(.comparison(nil)) }
                else if s == "false" || s == "no" || s == "none" { expectations.append(.noComparison) }
                else if let n = Int(s) { expectations.append(.comparison(n)) }
                else { throw DialogueScriptError(file: file, line: at, message: "'comparison' must be yes or the number of products compared.") }
            case "order status":
                let status = try text()
                expectations.append(status == "none" ? .noOrder : .orderStatus(status))
            case "order number": expectations.append(.orderNumber(try text()))
            case "cart lines": expectations.append(.cartLines(try int(value, key, file: file)))
            case "handoff":
                let s = try text().lowercased()
                expectations.append(.handoff(s == "true" || s == "yes"))
            case "suggestions include": expectations.append(.suggestionsInclude(try list()))
            default:
                throw DialogueScriptError(file: file, line: at, message: "unknown key '\(key)' in a turn; use user, \(expectationKeys.joined(separator: ", ")).")
            }
        }
        guard let user else { throw DialogueScriptError(file: file, line: line, message: "a turn has no 'user:' line.") }
        return Turn(user: user, line: line, expectations: expectations)
    }

    private static func productCount(_ text: String, file: String, line: Int) throws -> TurnExpectation {
        let words = text.lowercased().split(separator: " ").map(String.init)
        if let n = Int(text) { return .productCount(.exactly, n) }
        if words.count == 3, let n = Int(words[2]) {
            if words[0...1] == ["at", "least"] { return .productCount(.atLeast, n) }
            if words[0...1] == ["at", "most"] { return .productCount(.atMost, n) }
        }
        if text == "none" { return .productCount(.exactly, 0) }
        throw DialogueScriptError(file: file, line: line, message: "'products' must be a number, 'at least N', 'at most N' or 'none', got '\(text)'.")
    }
}
