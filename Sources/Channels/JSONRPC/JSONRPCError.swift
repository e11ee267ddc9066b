/// A JSON-RPC 2.0 error object; the codes are the specification's.
public struct JSONRPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String { "\(code): \(message)" }

    /// The line is not JSON, or not UTF-8.
    public static func parseError(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: -32700, message: "Parse error: \(detail)")
    }
    /// The JSON is not a valid request object (or the line was too long to read).
    public static func invalidRequest(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: -32600, message: "Invalid Request: \(detail)")
    }
    public static func methodNotFound(_ method: String, known: [String]) -> JSONRPCError {
        JSONRPCError(code: -32601, message: "Method not found: '\(method)'. Known methods: \(known.joined(separator: ", ")).")
    }
    /// A parameter is missing or has the wrong type; `field` names it.
    public static func invalidParams(field: String, _ detail: String) -> JSONRPCError {
        JSONRPCError(code: -32602, message: "Invalid params: '\(field)' \(detail)", data: .object(["field": .string(field)]))
    }
    public static func internalError(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: -32603, message: "Internal error: \(detail)")
    }
}
