import Foundation

/// Rasa's inline entity annotations in an example line:
///
/// - `[navy](color)` — entity `color`, value = the text;
/// - `[navy](color:blue)` — Rasa 1 shorthand, value `blue` (a synonym);
/// - `[navy]{"entity": "color", "value": "blue", "role": "r", "group": "g"}`;
/// - `[navy][{"entity": "color"}, {"entity": "fabric_color"}]` — several entities on one span.
///
/// Returns the plain text (annotations removed) and the entities with
/// Unicode-scalar offsets into it.
///
/// ```swift
/// let parsed = try AnnotatedText.parse("a [navy](color:blue) shirt")
/// // parsed.text == "a navy shirt"; parsed.entities[0] == color "blue" 2..<6
/// ```
public enum AnnotatedText {
    public struct Parsed: Sendable, Hashable {
        public var text: String
        public var entities: [EntityAnnotation]
        /// The annotated text of each entity, as typed (`navy` in `[navy](color:blue)`).
        public var surfaces: [String] = []
    }

    /// What is wrong with an annotated line, and where (1-based character in the line).
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var column: Int
        public var description: String { "\(message) (character \(column))" }
    }

    public static func parse(_ line: String) throws(SyntaxError) -> Parsed {
        // Fast path: nothing to parse.
        var hasBracket = false
        for b in line.utf8 where b == 0x5B || b == 0x5D { hasBracket = true; break }
        if !hasBracket { return Parsed(text: line, entities: []) }

        let s = Array(line.unicodeScalars)
        var plain = String.UnicodeScalarView()
        var count = 0
        var entities: [EntityAnnotation] = []
        var surfaces: [String] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "]" {
                throw SyntaxError(message: "unbalanced bracket: ']' has no opening '['", column: i + 1)
            }
            if c != "[" {
                plain.append(c); count += 1; i += 1
                continue
            }
            var j = i + 1
            while j < s.count && s[j] != "]" {
                if s[j] == "[" { throw SyntaxError(message: "unbalanced bracket: '[' opened at character \(i + 1) is not closed before the next '['", column: j + 1) }
                j += 1
            }
            guard j < s.count else {
                throw SyntaxError(message: "unbalanced bracket: '[' has no closing ']'", column: i + 1)
            }
            let surface = s[(i + 1)..<j]
            if surface.allSatisfy({ $0.properties.isWhitespace }) {
                throw SyntaxError(message: "empty annotation '[]': put the entity text between the brackets", column: i + 1)
            }
            let surfaceText = string(surface)
            let start = count, end = count + surface.count
            var after = j + 1
            let opener = after < s.count ? s[after] : " "
            switch opener {
            case "(":
                guard let close = s[after...].firstIndex(of: ")") else {
                    throw SyntaxError(message: "'(' after [\(surfaceText)] is not closed by ')'", column: after + 1)
                }
                let inside = string(s[(after + 1)..<close])
                let name: String, value: String
                if let colon = inside.firstIndex(of: ":") {
                    name = inside[..<colon].trimmed()
                    value = inside[inside.index(after: colon)...].trimmed()
                    if value.isEmpty { throw SyntaxError(message: "empty value after ':' in (\(inside))", column: after + 1) }
                } else {
                    name = inside.trimmed()
                    value = surfaceText
                }
                if name.isEmpty { throw SyntaxError(message: "missing entity name in () after [\(surfaceText)]", column: after + 1) }
                entities.append(EntityAnnotation(entity: name, value: value, start: start, end: end))
                surfaces.append(surfaceText)
                after = close + 1
            case "{":
                guard let close = s[after...].firstIndex(of: "}") else {
                    throw SyntaxError(message: "'{' after [\(surfaceText)] is not closed by '}'", column: after + 1)
                }
                let json = string(s[after...close])
                let object = try decodeJSON(json, column: after + 1)
                entities.append(try annotation(object, surface: surfaceText, start: start, end: end, column: after + 1))
                surfaces.append(surfaceText)
                after = close + 1
            case "[":
                guard let close = s[after...].firstIndex(of: "]") else {
                    throw SyntaxError(message: "unbalanced bracket: '[' of the entity list after [\(surfaceText)] has no closing ']'", column: after + 1)
                }
                let json = string(s[after...close])
                guard let list = try decodeJSONValue(json, column: after + 1) as? [Any], !list.isEmpty else {
                    throw SyntaxError(message: "bad JSON in [\(json.dropFirst().dropLast())]: expected a list of {\"entity\": …} objects", column: after + 1)
                }
                for item in list {
                    guard let object = item as? [String: Any] else {
                        throw SyntaxError(message: "bad JSON in entity list: every item must be an object like {\"entity\": \"color\"}", column: after + 1)
                    }
                    entities.append(try annotation(object, surface: surfaceText, start: start, end: end, column: after + 1))
                    surfaces.append(surfaceText)
                }
                after = close + 1
            default:
                throw SyntaxError(message: "[\(surfaceText)] must be followed by (entity), (entity:value) or {\"entity\": …}; write the text without brackets if it is not an entity", column: i + 1)
            }
            plain.append(contentsOf: surface)
            count += surface.count
            i = after
        }
        return Parsed(text: String(plain), entities: entities, surfaces: surfaces)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    private static func decodeJSONValue(_ json: String, column: Int) throws(SyntaxError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        } catch {
            throw SyntaxError(message: "bad JSON in \(json): \(jsonReason(error)); write it like {\"entity\": \"color\", \"value\": \"blue\"}", column: column)
        }
    }

    private static func jsonReason(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? "not valid JSON"
    }

    private static func decodeJSON(_ json: String, column: Int) throws(SyntaxError) -> [String: Any] {
        guard let object = try decodeJSONValue(json, column: column) as? [String: Any] else {
            throw SyntaxError(message: "bad JSON in \(json): expected an object", column: column)
        }
        return object
    }

    private static func annotation(_ object: [String: Any], surface: String, start: Int, end: Int, column: Int) throws(SyntaxError) -> EntityAnnotation {
        guard let name = object["entity"] as? String, !name.isEmpty else {
            throw SyntaxError(message: "annotation {…} on [\(surface)] has no \"entity\" string", column: column)
        }
        func text(_ key: String) throws(SyntaxError) -> String? {
            guard let v = object[key], !(v is NSNull) else { return nil }
            if let s = v as? String { return s }
            if let n = v as? NSNumber { return EntityValue.number(n.doubleValue).description }
            throw SyntaxError(message: "\"\(key)\" of the annotation on [\(surface)] must be a string or a number", column: column)
        }
        return EntityAnnotation(entity: name, value: try text("value") ?? surface, start: start, end: end,
                                role: try text("role"), group: try text("group"))
    }
}
