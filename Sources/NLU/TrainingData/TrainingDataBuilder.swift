import Foundation
import Yams

/// Accumulates training data from Rasa NLU YAML documents, with the checks that
/// need all files at once (duplicates across files, synonym conflicts).
struct TrainingDataBuilder {
    private var data = TrainingData()
    private var files: [String] = []
    private var skipped: [String] = []
    private var errors: [TrainingDataIssue] = []
    private var warnings: [TrainingDataIssue] = []
    private var duplicates = 0
    /// Folded example text → first place it was seen.
    private var seen: [String: (intent: String, entities: [EntityAnnotation], location: SourceLocation?)] = [:]
    /// Folded synonym surface → where its canonical value was set.
    private var synonymSource: [String: SourceLocation] = [:]

    /// Top-level keys of Rasa training and domain files that are not NLU data.
    static let otherRasaKeys: Set<String> = [
        "version", "rules", "stories", "responses", "intents", "entities", "slots", "forms", "actions",
        "session_config", "e2e_actions", "test_stories", "retrieval_intents", "config",
    ]

    mutating func addError(_ location: SourceLocation, _ message: String) {
        errors.append(TrainingDataIssue(.error, location, message))
    }

    mutating func addWarning(_ location: SourceLocation, _ message: String, related: SourceLocation? = nil) {
        warnings.append(TrainingDataIssue(.warning, location, message, related: related))
    }

    func finish() -> TrainingDataReport {
        TrainingDataReport(data: data, files: files, skippedFiles: skipped, errors: errors, warnings: warnings, duplicateExamples: duplicates)
    }

    mutating func add(yaml: String, file: String) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            addError(SourceLocation(file: file, line: Self.line(of: error)), "YAML syntax: \(Self.problem(of: error))")
            return
        } catch {
            addError(SourceLocation(file: file, line: 0), "YAML syntax: \(error)")
            return
        }
        guard let root else { skipped.append(file); return }   // empty or comments only
        guard case .mapping(let top) = root else {
            if Self.isNLUFileName(file) { addError(loc(file, root), "the top level must be a mapping with an `nlu:` key") }
            else { skipped.append(file) }
            return
        }
        guard let nlu = top["nlu"] else {
            if let settings = top["intent_classifier"] { addSettings(settings, file: file) } else { skipped.append(file) }
            return
        }
        files.append(file)
        for (key, _) in top {
            let name = key.string ?? ""
            if name != "nlu" && !Self.otherRasaKeys.contains(name) {
                addError(loc(file, key), "unknown top-level key `\(name)`; an NLU file has `version` and `nlu` (Rasa's `rules`, `stories`, `responses` are ignored)")
            }
        }
        if case .scalar(let s) = nlu, s.string.isEmpty || nlu.null != nil { addWarning(loc(file, nlu), "`nlu:` is empty"); return }
        guard case .sequence(let items) = nlu else {
            addError(loc(file, nlu), "`nlu:` must be a list of items (`- intent:`, `- synonym:`, `- lookup:`, `- regex:`)")
            return
        }
        for item in items { addItem(item, file: file) }
    }

    /// Reads an `intent_classifier:` mapping into `data.settings` (see `TrainingSettings`).
    private mutating func addSettings(_ node: Node, file: String) {
        guard case .mapping(let map) = node else {
            addError(loc(file, node), "`intent_classifier:` must be a mapping such as `loss: hinge`")
            return
        }
        for (key, value) in map {
            switch key.string ?? "" {
            case "loss":
                guard let name = value.string, let loss = IntentLoss(rawValue: name) else {
                    addError(loc(file, value), "`loss:` must be one of \(IntentLoss.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                data.settings.intentLoss = loss
            default:
                addError(loc(file, key), "unknown key `\(key.string ?? "")` under `intent_classifier:`; the known one is `loss`")
            }
        }
    }

    private static func isNLUFileName(_ file: String) -> Bool { file.lowercased().contains("nlu") }

    private func loc(_ file: String, _ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 0)
    }

    private mutating func addItem(_ item: Node, file: String) {
        guard case .mapping(let map) = item else {
            addError(loc(file, item), "an `nlu:` item must be a mapping such as `- intent: greet` with `examples: |`")
            return
        }
        let kinds = ["intent", "synonym", "lookup", "regex"]
        let present = kinds.filter { map[$0] != nil }
        guard present.count == 1, let kind = present.first, let nameNode = map[kind] else {
            let keys = map.keys.compactMap(\.string).joined(separator: ", ")
            addError(loc(file, item), present.isEmpty
                  ? "unknown item with keys [\(keys)]: expected one of `intent`, `synonym`, `lookup`, `regex`"
                  : "an item has several of \(present.map { "`\($0)`" }.joined(separator: ", ")); split it into one item each")
            return
        }
        let allowed: Set<String> = kind == "intent" ? ["intent", "examples", "metadata"] : [kind, "examples"]
        for (key, _) in map where !allowed.contains(key.string ?? "") {
            addError(loc(file, key), "unknown key `\(key.string ?? "?")` in a `\(kind)` item; allowed: \(allowed.sorted().map { "`\($0)`" }.joined(separator: ", "))")
        }
        guard case .scalar(let nameScalar) = nameNode, !nameScalar.string.trimmed().isEmpty else {
            addError(loc(file, nameNode), "`\(kind):` needs a name")
            return
        }
        let name = nameScalar.string.trimmed()
        guard let examples = map["examples"] else {
            addError(loc(file, item), "\(kind) `\(name)` has no `examples:`; add `examples: |` followed by lines starting with `- `")
            return
        }
        if kind == "intent" {
            addIntent(name, examples: examples, metadata: map["metadata"], file: file)
        } else {
            let values = exampleLines(examples, file: file, owner: "\(kind) `\(name)`").map { ($0.text, $0.location) }
            if values.isEmpty {
                addError(loc(file, examples), "\(kind) `\(name)` has no examples; list them as lines starting with `- `")
                return
            }
            switch kind {
            case "synonym":
                for (surface, location) in values { addSynonym(surface, canonical: name, at: location) }
            case "lookup":
                data.lookups[name, default: []].append(contentsOf: values.map(\.0))
            default:
                for (pattern, location) in values {
                    do { _ = try NSRegularExpression(pattern: pattern) } catch {
                        self.addError(location, "regex `\(name)`: `\(pattern)` is not a valid regular expression")
                        continue
                    }
                    data.regexes[name, default: []].append(pattern)
                }
            }
        }
    }

    private mutating func addIntent(_ intent: String, examples: Node, metadata: Node?, file: String) {
        let intentMetadata = metadata.map(Self.value)
        let lines = exampleLines(examples, file: file, owner: "intent `\(intent)`")
        for (line, location, exampleMetadata) in lines {
            let parsed: AnnotatedText.Parsed
            do {
                parsed = try AnnotatedText.parse(line)
            } catch {
                self.addError(location, "\(error.message) in `\(line)` (character \(error.column))")
                continue
            }
            let text = parsed.text.trimmed()
            if text.isEmpty { self.addError(location, "empty example in intent `\(intent)`"); continue }
            var meta: [String: EntityValue] = [:]
            if let intentMetadata { meta["intent"] = intentMetadata }
            if let exampleMetadata { meta["example"] = exampleMetadata }
            let example = TrainingExample(text: parsed.text, intent: intent, entities: parsed.entities, source: location,
                                          metadata: meta.isEmpty ? nil : .object(meta))
            for (entity, surface) in zip(parsed.entities, parsed.surfaces) where entity.value != surface {
                self.addSynonym(surface, canonical: entity.value, at: location)
            }
            self.checkDuplicate(example)
            self.data.examples.append(example)
        }
        if lines.isEmpty {
            addError(loc(file, examples), "intent `\(intent)` has no examples; list them under `examples: |` as lines starting with `- `")
        }
    }

    private mutating func addSynonym(_ surface: String, canonical: String, at location: SourceLocation) {
        let key = Folding.fold(surface.trimmed())
        if key.isEmpty { return }
        if let existing = data.synonyms[key], existing != canonical {
            addWarning(location, "`\(surface)` is a synonym of `\(canonical)` here but of `\(existing)` at \(synonymSource[key].map(\.description) ?? "?"); the last one wins",
                    related: synonymSource[key])
        }
        if data.synonyms[key] == nil || data.synonyms[key] != canonical { synonymSource[key] = location }
        data.synonyms[key] = canonical
    }

    private mutating func checkDuplicate(_ example: TrainingExample) {
        let key = Folding.fold(example.text)
        guard let first = seen[key] else {
            seen[key] = (example.intent, example.entities, example.source)
            return
        }
        let here = example.source ?? SourceLocation(file: "?", line: 0)
        let there = first.location.map(\.description) ?? "?"
        if first.intent != example.intent {
            addWarning(here, "example `\(example.text)` is under intent `\(example.intent)` here and under `\(first.intent)` at \(there); the classifier sees both labels",
                    related: first.location)
        } else if first.entities != example.entities {
            addWarning(here, "example `\(example.text)` is annotated differently at \(there)", related: first.location)
        } else {
            duplicates += 1
        }
    }

    /// Calls `body` for every example of an `examples:` value: a block of `- ` lines,
    /// a list of strings, or Rasa's list of `{text:, metadata:}` mappings.
    private mutating func exampleLines(_ node: Node, file: String, owner: String) -> [(text: String, location: SourceLocation, metadata: EntityValue?)] {
        var lines: [(text: String, location: SourceLocation, metadata: EntityValue?)] = []
        func body(_ text: String, _ location: SourceLocation, _ metadata: EntityValue?) { lines.append((text, location, metadata)) }
        switch node {
        case .scalar(let scalar):
            // A block scalar (`|`) starts on the line after its indicator.
            let block = scalar.style == .literal || scalar.style == .folded
            let firstLine = (scalar.mark?.line ?? 0) + (block ? 1 : 0)
            var lineNumber = firstLine
            for raw in scalar.string.split(separator: "\n", omittingEmptySubsequences: false) {
                defer { lineNumber += 1 }
                let line = raw.trimmed()
                if line.isEmpty { continue }
                let location = SourceLocation(file: file, line: block ? lineNumber : firstLine)
                guard line.hasPrefix("-") else {
                    addError(location, "example line in \(owner) must start with `- `: `\(line)`")
                    continue
                }
                let text = line.dropFirst().trimmed()
                if text.isEmpty { addWarning(location, "empty example line `-` in \(owner)"); continue }
                body(text, location, nil)
            }
        case .sequence(let items):
            for item in items {
                switch item {
                case .scalar(let s):
                    body(Self.dropDash(s.string), loc(file, item), nil)
                case .mapping(let m):
                    guard let textNode = m["text"], case .scalar(let t) = textNode else {
                        addError(loc(file, item), "an example in \(owner) given as a mapping needs `text:`")
                        continue
                    }
                    for (key, _) in m where !["text", "metadata"].contains(key.string ?? "") {
                        addError(loc(file, key), "unknown key `\(key.string ?? "?")` in an example of \(owner); allowed: `text`, `metadata`")
                    }
                    body(Self.dropDash(t.string), loc(file, textNode), m["metadata"].map(Self.value))
                default:
                    addError(loc(file, item), "an example in \(owner) must be text or a mapping with `text:`")
                }
            }
        default:
            addError(loc(file, node), "`examples:` of \(owner) must be a block of lines starting with `- ` (write `examples: |`)")
        }
        return lines
    }

    private static func dropDash(_ text: String) -> String {
        let t = text.trimmed()
        return t.hasPrefix("- ") ? String(t.dropFirst(2)).trimmed() : t
    }

    /// A YAML node as a JSON-shaped value (metadata).
    static func value(_ node: Node) -> EntityValue {
        switch node {
        case .scalar(let s):
            if s.style == .plain {
                if node.null != nil { return .null }
                if let b = node.bool { return .bool(b) }
                if let i = node.int { return .number(Double(i)) }
                if let d = node.float { return .number(d) }
            }
            return .string(s.string)
        case .mapping(let m):
            var object: [String: EntityValue] = [:]
            for (k, v) in m { object[k.string ?? ""] = value(v) }
            return .object(object)
        case .sequence(let items):
            return .array(items.map(value))
        case .alias:
            return .null
        }
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return 0
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context.map { "\($0.text) (line \($0.mark.line))" }, problem].compactMap { $0 }.joined(separator: ": ")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicated keys \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}
