import Foundation
@testable import Channels

/// A JSON Schema validator for the subset docs/protocol.schema.json uses: type, const,
/// enum, required, properties, additionalProperties, items, min/maxItems, minimum,
/// maximum, min/maxLength, pattern, oneOf and local `$ref`s (`#/$defs/name`).
struct SchemaValidator {
    let root: JSONValue

    init(file: String) throws {
        root = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// Problems found, each with the JSON path; empty when the value is valid.
    func validate(_ value: JSONValue, against definition: String? = nil) -> [String] {
        let schema = definition.map { JSONValue.object(["$ref": .string("#/$defs/\($0)")]) } ?? root
        return check(value, schema, path: "$")
    }

    private func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
        return node
    }

    private func typeMatches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): true
        case ("integer", .int): true
        case ("integer", .double(let d)): d.rounded() == d
        case ("number", .int), ("number", .double): true
        default: false
        }
    }

    private func number(_ value: JSONValue) -> Double? {
        switch value { case .int(let i): Double(i); case .double(let d): d; default: nil }
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, path: String) -> [String] {
        guard case .object(let s) = schema else { return [] }
        var problems: [String] = []
        if case .string(let ref)? = s["$ref"] {
            guard let target = resolve(ref) else { return ["\(path): unresolvable $ref \(ref)"] }
            problems += check(value, target, path: path)
        }
        if let type = s["type"] {
            let types: [String] = switch type { case .string(let t): [t]; case .array(let a): a.compactMap { if case .string(let t) = $0 { t } else { nil } }; default: [] }
            if !types.contains(where: { typeMatches(value, $0) }) { return problems + ["\(path): expected \(types.joined(separator: " or ")), got \(value.typeName)"] }
        }
        if let constant = s["const"], !equalJSON(constant, value) { problems.append("\(path): expected \(constant)") }
        if case .array(let options)? = s["enum"], !options.contains(where: { equalJSON($0, value) }) { problems.append("\(path): \(value) is not one of the allowed values") }
        if case .object(let object) = value {
            if case .array(let required)? = s["required"] {
                for case .string(let key) in required where object[key] == nil { problems.append("\(path): missing '\(key)'") }
            }
            let properties: [String: JSONValue] = if case .object(let p)? = s["properties"] { p } else { [:] }
            for (key, child) in object {
                if let sub = properties[key] { problems += check(child, sub, path: "\(path).\(key)") }
                else if s["additionalProperties"] == .bool(false) { problems.append("\(path): unexpected property '\(key)'") }
                else if let extra = s["additionalProperties"], case .object = extra { problems += check(child, extra, path: "\(path).\(key)") }
            }
        }
        if case .array(let items) = value {
            if let itemSchema = s["items"] { for (i, item) in items.enumerated() { problems += check(item, itemSchema, path: "\(path)[\(i)]") } }
            if let min = s["minItems"].flatMap(number), Double(items.count) < min { problems.append("\(path): fewer than \(Int(min)) items") }
            if let max = s["maxItems"].flatMap(number), Double(items.count) > max { problems.append("\(path): more than \(Int(max)) items") }
        }
        if let n = number(value) {
            if let min = s["minimum"].flatMap(number), n < min { problems.append("\(path): \(n) < \(min)") }
            if let max = s["maximum"].flatMap(number), n > max { problems.append("\(path): \(n) > \(max)") }
        }
        if case .string(let text) = value {
            if let min = s["minLength"].flatMap(number), Double(text.count) < min { problems.append("\(path): shorter than \(Int(min))") }
            if let max = s["maxLength"].flatMap(number), Double(text.count) > max { problems.append("\(path): longer than \(Int(max))") }
            if case .string(let pattern)? = s["pattern"], text.range(of: pattern, options: .regularExpression) == nil { problems.append("\(path): '\(text)' does not match \(pattern)") }
        }
        if case .array(let options)? = s["oneOf"] {
            let matching = options.filter { check(value, $0, path: path).isEmpty }.count
            if matching != 1 { problems.append("\(path): matches \(matching) of the oneOf alternatives, expected exactly 1") }
        }
        return problems
    }

    private func equalJSON(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = number(a), let y = number(b) { return x == y }
        return a == b
    }
}

/// The package root, found from this file's path (Tests/ChannelsTests/Support/…).
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
