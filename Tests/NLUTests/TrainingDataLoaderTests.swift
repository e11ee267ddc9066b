import Foundation
import Testing
@testable import NLU

/// The package root, from this file's place (Tests/NLUTests/…).
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A new empty folder under the temporary directory; the caller removes it.
private func scratchFolder(_ prefix: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Writes `text` to the file `name` in `dir`.
private func write(_ text: String, to name: String, in dir: URL) throws {
    try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
}

@Suite("Training data loader")
struct TrainingDataLoaderTests {
    let loader = TrainingDataLoader()

    static let full = """
    version: "3.1"
    nlu:
    - intent: search_product
      metadata:
        sentiment: neutral
      examples: |
        - show me [navy](color:blue) [t-shirts](category)
        - [nike]{"entity": "brand", "role": "preferred", "group": "1"} shoes under $50

        - a [red](color) one
    - intent: chitchat/ask_weather
      examples:
      - text: what's the weather like
        metadata:
          lang: en
      - text: |
          is it raining
    - intent: "yes"
      examples: |
        - yep
    - synonym: blue
      examples: |
        - sky blue
        - Azure
    - lookup: brand
      examples: |
        - nike
        - adidas
    - regex: order_id
      examples: |
        - \\bA\\d{5,7}\\b
    rules:
    - rule: greet
      steps: []
    responses:
      utter_greet:
      - text: hi
    """

    @Test("a full Rasa NLU file loads intents, entities, synonyms, lookups, regexes and metadata")
    func fullFile() throws {
        let report = try loader.load(yaml: Self.full, file: "nlu.yml")
        let data = report.data
        #expect(data.intents == ["chitchat/ask_weather", "search_product", "yes"])
        #expect(data.examples.count == 6)
        let first = data.examples[0]
        #expect(first.text == "show me navy t-shirts")
        #expect(first.entities == [EntityAnnotation(entity: "color", value: "blue", start: 8, end: 12),
                                   EntityAnnotation(entity: "category", value: "t-shirts", start: 13, end: 21)])
        #expect(first.source == SourceLocation(file: "nlu.yml", line: 7))
        #expect(first.metadata == .object(["intent": .object(["sentiment": .string("neutral")])]))
        let second = data.examples[1]
        #expect(second.text == "nike shoes under $50")
        #expect(second.entities == [EntityAnnotation(entity: "brand", value: "nike", start: 0, end: 4, role: "preferred", group: "1")])
        #expect(data.examples[2].source?.line == 10)
        #expect(data.examples[3].text == "what's the weather like")
        #expect(data.examples[3].metadata == .object(["example": .object(["lang": .string("en")])]))
        #expect(data.examples[4].text == "is it raining")
        #expect(data.synonyms == ["navy": "blue", "sky blue": "blue", "azure": "blue"])
        #expect(data.lookups == ["brand": ["nike", "adidas"]])
        #expect(data.regexes == ["order_id": ["\\bA\\d{5,7}\\b"]])
        #expect(report.warnings.isEmpty)
    }

    @Test("malformed data is an error naming the file, the line and what is wrong", arguments: [
        ("nlu:\n- intent: a\n  examples: |\n    - buy [red shoes(color)\n", 4, "unbalanced bracket"),
        ("nlu:\n- intent: a\n  examples: |\n    - ok\n    - buy red] shoes\n", 5, "unbalanced bracket"),
        ("nlu:\n- intent: a\n  examples: |\n    - buy [red]{\"entity\": color} shoes\n", 4, "bad JSON"),
        ("nlu:\n- intent: a\n  examples: |\n    - buy [red] shoes\n", 4, "must be followed by (entity)"),
        ("nlu:\n- intent: a\n  examples: |\n    - buy [red]{\"value\": \"x\"} shoes\n", 4, "no \"entity\""),
        ("nlu:\n- intent: a\n  exemples: |\n    - hi\n", 3, "unknown key `exemples`"),
        ("nlu:\n- intent: a\n", 2, "has no `examples:`"),
        ("nlu:\n- intent: a\n  examples: \"\"\n", 3, "has no examples"),
        ("nlu:\n- intnet: a\n  examples: |\n    - hi\n", 2, "unknown item"),
        ("nlu:\n- intent: a\n  examples: |\n    hello there\n", 4, "must start with `- `"),
        ("nlu:\n- regex: r\n  examples: |\n    - [a-\n", 4, "not a valid regular expression"),
        ("version: \"3.1\"\nnlus: []\nnlu:\n- intent: a\n  examples: |\n    - hi\n", 2, "unknown top-level key `nlus`"),
        ("nlu:\n- intent: a\n  examples: |\n    - hi\n  - bad indent\n", 5, "YAML syntax"),
        ("nlu: 3\n", 1, "must be a list"),
    ])
    func errors(yaml: String, line: Int, message: String) {
        let report = loader.read(yaml: yaml, file: "data/nlu.yml")
        #expect(report.errors.count >= 1)
        let error = report.errors.first
        #expect(error?.location == SourceLocation(file: "data/nlu.yml", line: line), "\(report.errors)")
        #expect(error?.message.contains(message) == true, "\(report.errors)")
        #expect(throws: TrainingDataError.self) { try loader.load(yaml: yaml, file: "data/nlu.yml") }
    }

    @Test("the same example under two intents is a warning naming both places, and loading goes on")
    func conflictingIntents() throws {
        let yaml = "nlu:\n- intent: a\n  examples: |\n    - Hello there\n- intent: b\n  examples: |\n    - hello there\n    - hi\n"
        let report = try loader.load(yaml: yaml, file: "x.yml")
        #expect(report.data.examples.count == 3)
        #expect(report.warnings.count == 1)
        let warning = try #require(report.warnings.first)
        #expect(warning.location == SourceLocation(file: "x.yml", line: 7))
        #expect(warning.related == SourceLocation(file: "x.yml", line: 4))
        #expect(warning.description.contains("x.yml:7") && warning.description.contains("x.yml:4"))
    }

    @Test("exact duplicates are kept and counted, not warned about")
    func duplicates() throws {
        let report = try loader.load(yaml: "nlu:\n- intent: a\n  examples: |\n    - hi\n    - hi\n", file: "x.yml")
        #expect(report.data.examples.count == 2)
        #expect(report.duplicateExamples == 1)
        #expect(report.warnings.isEmpty)
    }

    @Test("a synonym given two canonical values is a warning")
    func synonymConflict() throws {
        let yaml = "nlu:\n- synonym: blue\n  examples: |\n    - navy\n- intent: a\n  examples: |\n    - a [navy](color:black) shirt\n"
        let report = try loader.load(yaml: yaml, file: "x.yml")
        #expect(report.warnings.map(\.location.line) == [7])
        #expect(report.data.synonyms["navy"] == "black")
    }

    @Test("an `intent_classifier:` file sets the data's loss; Rasa's config.yml is skipped")
    func settingsFile() throws {
        let dir = try scratchFolder("nlu-settings")
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("nlu:\n- intent: greet\n  examples: |\n    - hi\n", to: "nlu.yml", in: dir)
        try write("recipe: default.v1\npipeline:\n- name: DIETClassifier\n", to: "config.yml", in: dir)
        #expect(try loader.load(dir.path).data.settings.intentLoss == nil)
        try write("intent_classifier:\n  loss: hinge\n", to: "model.yml", in: dir)
        let report = try loader.load(dir.path)
        #expect(report.data.settings.intentLoss == .hinge)
        #expect(report.files.count == 1)
        #expect(report.skippedFiles.map { URL(fileURLWithPath: $0).lastPathComponent } == ["config.yml"])
    }

    @Test("a bad `intent_classifier:` setting is an error naming the line", arguments: [
        ("intent_classifier:\n  loss: softmax\n", 2, "`loss:` must be one of logistic, hinge"),
        ("intent_classifier:\n  los: hinge\n", 2, "unknown key `los`"),
        ("intent_classifier: hinge\n", 1, "must be a mapping"),
    ])
    func badSettings(yaml: String, line: Int, message: String) {
        let report = loader.read(yaml: yaml, file: "data/model.yml")
        #expect(report.errors.first?.location == SourceLocation(file: "data/model.yml", line: line), "\(report.errors)")
        #expect(report.errors.first?.message.contains(message) == true, "\(report.errors)")
    }

    @Test("a folder loads recursively, skipping YAML that is not NLU data")
    func folder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nlu-loader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data/nlu"), withIntermediateDirectories: true)
        try "nlu:\n- intent: greet\n  examples: |\n    - hi\n".write(to: dir.appendingPathComponent("data/nlu/greet.yml"), atomically: true, encoding: .utf8)
        try "nlu:\n- intent: bye\n  examples: |\n    - bye\n".write(to: dir.appendingPathComponent("data/bye.yaml"), atomically: true, encoding: .utf8)
        try "version: \"3.1\"\nstories:\n- story: s\n  steps: []\n".write(to: dir.appendingPathComponent("data/stories.yml"), atomically: true, encoding: .utf8)
        try "intents:\n- greet\nresponses: {}\n".write(to: dir.appendingPathComponent("domain.yml"), atomically: true, encoding: .utf8)
        try "not yaml at all: [".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let report = try loader.load(dir.path)
        #expect(report.data.intents == ["bye", "greet"])
        #expect(report.files.count == 2)
        #expect(report.skippedFiles.count == 2)
        #expect(report.data.examples.first { $0.intent == "greet" }?.source?.file.hasSuffix("data/nlu/greet.yml") == true)
    }

    @Test("the summary counts intents, examples, entities, synonyms, lookups and regexes")
    func summary() throws {
        let report = try loader.load(yaml: Self.full, file: "nlu.yml")
        let summary = TrainingDataSummary(report)
        #expect(summary.examplesPerIntent == ["search_product": 3, "chitchat/ask_weather": 2, "yes": 1])
        #expect(summary.entities == ["color": 2, "category": 1, "brand": 1])
        #expect(summary.synonyms == 3 && summary.lookups == ["brand": 2] && summary.regexes == ["order_id": 1])
        let text = summary.render()
        #expect(text.contains("intents: 3, examples: 6"))
        #expect(text.contains("retrieval intents: 1"))
        #expect(text.contains("  search_product        3"))
        #expect(text.hasSuffix("0 errors, 0 warnings"))
    }

    @Test("Windows line endings load with the right line numbers")
    func crlf() throws {
        let yaml = "version: \"3.1\"\r\nnlu:\r\n- intent: greet\r\n  examples: |\r\n    - hi [there](who)\r\n    - hello\r\n"
        let data = try loader.load(yaml: yaml, file: "x.yml").data
        #expect(data.examples.map(\.text) == ["hi there", "hello"])
        #expect(data.examples.map { $0.source?.line } == [5, 6])
    }

    @Test("a folder without any NLU file is an error")
    func noNLU() throws {
        let dir = try scratchFolder("nlu-empty")
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("language: en\npipeline: []\n", to: "config.yml", in: dir)
        let report = loader.read(dir.path)
        #expect(report.errors.first?.message.contains("no NLU data") == true)
    }

    @Test("a missing path is an error that says so")
    func missing() {
        let report = loader.read("/nonexistent/nlu-folder")
        #expect(report.errors.first?.message.contains("no such file or folder") == true)
    }

    @Test("the SNIPS validation split loads with the counts its README states")
    func snipsValid() throws {
        let path = packageRoot.appendingPathComponent("../shared/datasets/nlu/snips/valid.yml").standardized.path
        let data = try TrainingData.load(path)
        #expect(data.examples.count == 700)
        #expect(data.intents.count == 7)
        #expect(data.examples.reduce(0) { $0 + $1.entities.count } == 1794)
        #expect(data.entityNames.count == 39)
        // Offsets point at the annotated text.
        for example in data.examples.prefix(50) {
            let scalars = Array(example.text.unicodeScalars)
            for entity in example.entities {
                #expect(entity.end <= scalars.count)
                #expect(String(String.UnicodeScalarView(scalars[entity.start..<entity.end])) == entity.value)
            }
        }
    }
}

@Suite("Training data annotations")
struct TrainingDataAnnotationTests {
    @Test("inline annotations become plain text and scalar-offset entities", arguments: [
        ("no entities here", "no entities here", [String]()),
        ("add [step to me](entity_name) now", "add step to me now", ["entity_name=step to me@4..<14"]),
        ("from [boston](fromloc.city_name) to [la](toloc.city_name:los angeles)", "from boston to la", ["fromloc.city_name=boston@5..<11", "toloc.city_name=los angeles@15..<17"]),
        ("[Crème](dessert) brûlée", "Crème brûlée", ["dessert=Crème@0..<5"]),
        ("a [🇫🇷 wine](origin) ok", "a 🇫🇷 wine ok", ["origin=🇫🇷 wine@2..<9"]),
        ("[5]{\"entity\": \"n\", \"value\": 5}", "5", ["n=5@0..<1"]),
        ("[la][{\"entity\": \"city\"}, {\"entity\": \"dest\", \"value\": \"LA\"}]", "la", ["city=la@0..<2", "dest=LA@0..<2"]),
        ("remind me in (x) hours", "remind me in (x) hours", []),
    ])
    func annotations(line: String, text: String, entities: [String]) throws {
        let parsed = try AnnotatedText.parse(line)
        #expect(parsed.text == text)
        #expect(parsed.entities.map { "\($0.entity)=\($0.value)@\($0.start)..<\($0.end)" } == entities)
    }

    @Test("broken annotations say what is wrong and where", arguments: [
        ("buy [red shoes", 5, "unbalanced"),
        ("buy [red [big] shoes](x)", 10, "unbalanced"),
        ("buy [](color)", 5, "empty annotation"),
        ("buy [red](color", 10, "not closed"),
        ("buy [red]()", 10, "missing entity name"),
        ("buy [red](color:)", 10, "empty value"),
        ("buy [red]{\"entity\": \"color\"", 10, "not closed"),
        ("buy [red]{'entity': 'color'}", 10, "bad JSON"),
        ("buy [red][\"color\"]", 10, "bad JSON"),
    ])
    func syntaxErrors(line: String, column: Int, message: String) {
        #expect {
            _ = try AnnotatedText.parse(line)
        } throws: { error in
            guard let e = error as? AnnotatedText.SyntaxError else { return false }
            return e.column == column && e.message.contains(message)
        }
    }
}
