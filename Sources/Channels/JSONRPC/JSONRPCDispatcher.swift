import Foundation

/// Turns one protocol line into at most one reply line, following JSON-RPC 2.0:
/// requests with an `id` get exactly one response, notifications (no `id`) get none,
/// a JSON array is a batch, and nothing a client sends can make it throw.
///
/// ```swift
/// var methods = JSONRPCDispatcher.Methods()
/// methods["ping"] = { _ in .string("pong") }
/// let dispatcher = JSONRPCDispatcher(methods: methods)
/// dispatcher.reply(toLine: Array(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#.utf8))
/// // {"id":1,"jsonrpc":"2.0","result":"pong"}
/// ```
public struct JSONRPCDispatcher: Sendable {
    /// A method's implementation: named params in, a JSON result out.
    public typealias Method = @Sendable (Params) throws -> JSONValue
    public typealias Methods = [String: Method]

    public let methods: Methods

    public init(methods: Methods) {
        self.methods = methods
    }

    /// The reply line for one input line (without its newline), or nil when nothing
    /// is to be sent (a notification, or a batch of notifications).
    public func reply(toLine bytes: [UInt8]) -> String? {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = Self.firstInvalidUTF8Offset(bytes) ?? 0
            return Self.encode(.failure(id: .null, .parseError("the line is not valid UTF-8 (first bad byte at offset \(offset)).")))
        }
        if text.allSatisfy(\.isWhitespace) { return nil }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            return Self.encode(.failure(id: .null, .parseError("the line is not valid JSON (\(Self.describe(error))).")))
        }
        switch value {
        case .array(let items):
            if items.isEmpty { return Self.encode(.failure(id: .null, .invalidRequest("an empty batch."))) }
            let responses = items.compactMap(handle)
            return responses.isEmpty ? nil : Self.encodeBatch(responses)
        default:
            return handle(value).map(Self.encode)
        }
    }

    /// The reply for a line that was longer than the reader allows.
    public static func lineTooLongReply(limit: Int) -> String {
        encode(.failure(id: .null, .invalidRequest("the line is longer than the limit of \(limit) bytes; it was skipped.")))
    }

    /// Handles one request object; nil for a notification.
    func handle(_ value: JSONValue) -> Response? {
        guard case .object(let request) = value else {
            return .failure(id: .null, .invalidRequest("expected a request object, got \(value.typeName)."))
        }
        let id: JSONValue?
        switch request["id"] {
        case nil: id = nil
        case .string?, .int?, .double?, .null?: id = request["id"]
        case let other?: return .failure(id: .null, .invalidRequest("'id' must be a string, a number or null, got \(other.typeName)."))
        }
        guard request["jsonrpc"] == .string("2.0") else {
            return .failure(id: id ?? .null, .invalidRequest("'jsonrpc' must be exactly \"2.0\"."))
        }
        guard case .string(let name)? = request["method"] else {
            return .failure(id: id ?? .null, .invalidRequest("'method' must be a string."))
        }
        let outcome: Result<JSONValue, JSONRPCError>
        if let method = methods[name] {
            do {
                let params = try Params(request["params"])
                outcome = .success(try method(params))
            } catch let error as JSONRPCError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(.internalError(String(describing: error)))
            }
        } else {
            outcome = .failure(.methodNotFound(name, known: methods.keys.sorted()))
        }
        guard let id else { return nil }
        switch outcome {
        case .success(let result): return .success(id: id, result)
        case .failure(let error): return .failure(id: id, error)
        }
    }

    /// One response object on the wire.
    enum Response: Encodable {
        case success(id: JSONValue, JSONValue)
        case failure(id: JSONValue, JSONRPCError)

        enum CodingKeys: String, CodingKey { case jsonrpc, id, result, error }
        struct ErrorObject: Encodable { var code: Int; var message: String; var data: JSONValue? }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode("2.0", forKey: .jsonrpc)
            switch self {
            case .success(let id, let result):
                try container.encode(id, forKey: .id)
                try container.encode(result, forKey: .result)
            case .failure(let id, let error):
                try container.encode(id, forKey: .id)
                try container.encode(ErrorObject(code: error.code, message: error.message, data: error.data), forKey: .error)
            }
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func encode(_ response: Response) -> String {
        (try? encoder.encode(response)).map { String(decoding: $0, as: UTF8.self) }
            ?? #"{"error":{"code":-32603,"message":"Internal error: the reply could not be encoded."},"id":null,"jsonrpc":"2.0"}"#
    }

    static func encodeBatch(_ responses: [Response]) -> String {
        "[" + responses.map(encode).joined(separator: ",") + "]"
    }

    static func describe(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String ?? context.debugDescription
        }
        return String(describing: error)
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset = consumed
                consumed += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return consumed == offset ? offset : consumed
            }
        }
    }
}
