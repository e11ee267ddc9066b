/// Typed access to a request's `params` object; every failure names the field.
public struct Params: Sendable {
    public let values: [String: JSONValue]

    /// Accepts an object or no params at all; positional (array) params are refused.
    public init(_ raw: JSONValue?) throws(JSONRPCError) {
        switch raw {
        case nil, .null?: values = [:]
        case .object(let o)?: values = o
        case let other?: throw JSONRPCError(code: -32602, message: "Invalid params: expected an object of named parameters, got \(other.typeName).")
        }
    }

    public func string(_ field: String) throws(JSONRPCError) -> String {
        guard let value = values[field] else { throw .invalidParams(field: field, "is required (a string).") }
        guard case .string(let s) = value else { throw .invalidParams(field: field, "must be a string, got \(value.typeName).") }
        return s
    }

    public func optionalString(_ field: String) throws(JSONRPCError) -> String? {
        guard let value = values[field], value != .null else { return nil }
        guard case .string(let s) = value else { throw .invalidParams(field: field, "must be a string, got \(value.typeName).") }
        return s
    }

    public func optionalInt(_ field: String) throws(JSONRPCError) -> Int? {
        guard let value = values[field], value != .null else { return nil }
        switch value {
        case .int(let i): return Int(i)
        case .double(let d) where d.rounded() == d && abs(d) < 1e15: return Int(d)
        case .string(let s) where Int(s) != nil: return Int(s)
        default: throw .invalidParams(field: field, "must be an integer, got \(value.typeName).")
        }
    }
}
