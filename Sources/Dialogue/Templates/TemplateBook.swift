import Foundation
import Yams

/// An error in a reply-template file, naming the file and the key to fix.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The reply wording, loaded from `Dialogues/templates/*.yml` so staff can edit it
/// without recompiling.
///
/// Each file maps a key to one string or a list of variants; `{name}` is replaced by
/// the slot of that name:
/// ```yaml
/// greet_returning:
///   - "Welcome back, {name}! What can I find for you today?"
///   - "Hi {name}, good to see you again."
/// ```
/// The variant is picked from a stable hash of session id, turn and key, so the same
/// conversation always gets the same words (tests stay stable) while different
/// sessions get some variety.
public struct TemplateBook: Sendable {
    public private(set) var variants: [String: [String]]

    public init(variants: [String: [String]]) { self.variants = variants }

    /// Loads every `.yml`/`.yaml` file in `directory`; later files override earlier keys.
    public init(directory: URL) throws {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory.path) else {
            throw TemplateError("\(directory.path): the template folder cannot be read; pass the folder that holds the reply templates (Dialogues/templates).")
        }
        var all: [String: [String]] = [:]
        for name in names.sorted() where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
            let url = directory.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            for (key, values) in try Self.parse(text, file: url.path) { all[key] = values }
        }
        if all.isEmpty { throw TemplateError("\(directory.path): no templates found; add at least one .yml file mapping keys to reply variants.") }
        variants = all
    }

    /// Parses one template file.
    public static func parse(_ text: String, file: String) throws -> [String: [String]] {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw TemplateError("\(file): not valid YAML (\(error)); each key must map to a string or a list of strings.")
        }
        guard let mapping = node?.mapping else {
            throw TemplateError("\(file): the top level must be a mapping of template keys to variants.")
        }
        var out: [String: [String]] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { continue }
            let line = keyNode.mark?.line ?? 0
            if let s = value.string {
                out[key] = [s]
            } else if let seq = value.sequence {
                let items = seq.compactMap(\.string)
                guard !items.isEmpty, items.count == seq.count else {
                    throw TemplateError("\(file):\(line): key '\(key)' must list strings only, at least one.")
                }
                out[key] = items
            } else {
                throw TemplateError("\(file):\(line): key '\(key)' must map to a string or a list of strings.")
            }
        }
        return out
    }

    /// Keys used by the engine that the book lacks (a test keeps this empty).
    public func missing(_ keys: [String]) -> [String] { keys.filter { variants[$0] == nil } }

    /// The worded reply for `key`, with `{slot}` filled; the key itself when unknown so a
    /// missing template shows up in the conversation instead of crashing it.
    public func render(_ key: String, _ slots: [String: String] = [:], session: String, turn: Int) -> String {
        guard let options = variants[key], !options.isEmpty else { return "[\(key)]" }
        let index = Int(Self.stableHash("\(session)#\(turn)#\(key)") % UInt64(options.count))
        return Self.interpolate(options[index], slots)
    }

    /// Replaces `{name}` with `slots[name]`; unknown names are left as typed.
    public static func interpolate(_ template: String, _ slots: [String: String]) -> String {
        // Byte checks: `String.contains(String)` goes through Foundation's search.
        guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = slots[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// FNV-1a: stable across runs and platforms, unlike `Hasher`.
    public static func stableHash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
