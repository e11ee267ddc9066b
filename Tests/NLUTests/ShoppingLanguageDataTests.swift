import Foundation
import Testing
@testable import NLU

/// The package root, from this file's place (Tests/NLUTests/…).
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shop's training data (`Intents/`) and the held-out table written for the tests.
enum ShoppingLanguage {
    static let intentsPath = root.appendingPathComponent("Intents").path
    static let heldOutPath = root.appendingPathComponent("Tests/NLUTests/Fixtures/HeldOut").path

    /// The intent names of the protocol that widgets and dialogue tests see.
    static let chitChatIntents = ["greet", "goodbye", "thanks", "help", "affirm", "deny", "cancel", "human_handoff", "feedback"]
    static let taskIntents = [
        "search_products", "refine_search", "recommend", "product_details", "compare_products", "add_to_cart",
        "remove_from_cart", "view_cart", "checkout", "order_status", "cancel_order", "return_item",
        "delivery_options", "promotions", "my_data", "forget_me",
    ]
    static let intents = chitChatIntents + taskIntents + ["out_of_scope"]
    static let entities: Set<String> = [
        "category", "brand", "color", "size", "feature", "product", "quantity", "order_id", "email", "postcode",
        "sort", "material", "gender",
    ]
    static let sortValues: Set<String> = ["price_asc", "price_desc", "rating_desc", "newest"]

    static let training: TrainingDataReport = TrainingDataLoader().read(intentsPath)
    static let heldOut: TrainingDataReport = TrainingDataLoader().read(heldOutPath)

    /// An annotation's canonical value: its explicit value, mapped through the synonyms.
    static func canonical(_ annotation: EntityAnnotation, in data: TrainingData) -> String {
        data.synonyms[ICU.fold(annotation.value)] ?? annotation.value
    }
}

@Suite("Shopping language: the Intents/ data")
struct ShoppingLanguageDataTests {
    let data = ShoppingLanguage.training.data

    @Test("Intents/ loads without errors or warnings")
    func loadsCleanly() {
        #expect(ShoppingLanguage.training.errors.map(\.description) == [])
        #expect(ShoppingLanguage.training.warnings.map(\.description) == [])
    }

    @Test("the data has exactly the protocol's intents")
    func intentNames() {
        #expect(data.intents == ShoppingLanguage.intents.sorted())
    }

    @Test("every shopping and order intent has at least 60 examples", arguments: ShoppingLanguage.taskIntents)
    func taskIntentVolume(intent: String) {
        #expect(data.examples.filter { $0.intent == intent }.count >= 60)
    }

    @Test("every chit-chat intent has at least 25 examples", arguments: ShoppingLanguage.chitChatIntents)
    func chitChatVolume(intent: String) {
        #expect(data.examples.filter { $0.intent == intent }.count >= 25)
    }

    @Test("out_of_scope is a rich set")
    func outOfScopeVolume() {
        #expect(data.examples.filter { $0.intent == "out_of_scope" }.count >= 100)
    }

    @Test("only the protocol's entity names are annotated, and every one of them is")
    func entityNames() {
        #expect(Set(data.entityNames) == ShoppingLanguage.entities)
    }

    @Test("every annotation starts and ends on a token boundary")
    func annotationsAlignWithTokens() {
        let tokenizer = Tokenizer()
        var misaligned: [String] = []
        for example in data.examples where !example.entities.isEmpty {
            let tokens = tokenizer.tokenize(example.text)
            let starts = Set(tokens.map(\.start)), ends = Set(tokens.map(\.end))
            for entity in example.entities where !starts.contains(entity.start) || !ends.contains(entity.end) {
                let scalars = Array(example.text.unicodeScalars)
                let surface = String(String.UnicodeScalarView(scalars[entity.start..<min(entity.end, scalars.count)]))
                misaligned.append("\(example.source?.description ?? "?"): \(entity.entity) '\(surface)' in '\(example.text)'")
            }
        }
        #expect(misaligned == [])
    }

    @Test("sort annotations resolve to price_asc, price_desc, rating_desc or newest")
    func sortValues() {
        let values = data.examples.flatMap { $0.entities.filter { $0.entity == "sort" } }.map { ShoppingLanguage.canonical($0, in: data) }
        #expect(!values.isEmpty)
        #expect(Set(values).subtracting(ShoppingLanguage.sortValues) == [])
    }

    @Test("order numbers are the letter A and 5 to 7 digits, with an optional #")
    func orderNumbers() throws {
        let pattern = try Regex("^#?[Aa][0-9]{5,7}$")
        let ids = data.examples.flatMap { example in
            example.entities.filter { $0.entity == "order_id" }.map { entity in
                String(String.UnicodeScalarView(Array(example.text.unicodeScalars)[entity.start..<entity.end]))
            }
        }
        #expect(ids.count >= 30)
        #expect(ids.filter { $0.wholeMatch(of: pattern) == nil } == [])
    }

    @Test("synonyms map shoppers' words to canonical values", arguments: [
        ("cheapest", "price_asc"), ("best rated", "rating_desc"), ("most expensive", "price_desc"), ("latest", "newest"),
        ("navy", "blue"), ("gray", "grey"), ("hoodie", "sweatshirts"), ("sneakers", "shoes"), ("trainers", "shoes"),
        ("hedphones", "headphones"), ("mens", "men"), ("ladies", "women"), ("medium", "m"), ("extra large", "xl"),
        ("noise canceling", "noise cancelling"), ("merino", "wool"),
    ])
    func synonyms(surface: String, canonical: String) {
        #expect(data.synonyms[ICU.fold(surface)] == canonical)
    }

    @Test("closed entities resolve to a value of their lookup table", arguments: ["category", "color", "material", "gender", "feature"])
    func closedValues(entity: String) {
        let table = Set(data.lookups[entity, default: []].map(ICU.fold))
        let outside = data.examples.flatMap { example in
            example.entities.filter { $0.entity == entity }.compactMap { annotation -> String? in
                let value = ICU.fold(ShoppingLanguage.canonical(annotation, in: data))
                return table.contains(value) ? nil : "\(example.source?.description ?? "?"): \(value)"
            }
        }
        #expect(outside == [])
    }
}

@Suite("Shopping language: the held-out table")
struct ShoppingLanguageHeldOutTableTests {
    @Test("the held-out table loads, has at least 60 rows and uses the protocol's names")
    func table() {
        let report = ShoppingLanguage.heldOut
        #expect(report.errors.map(\.description) == [])
        #expect(report.data.examples.count >= 60)
        #expect(Set(report.data.intents).isSubset(of: Set(ShoppingLanguage.intents)))
        #expect(Set(report.data.entityNames).isSubset(of: ShoppingLanguage.entities))
        #expect(Set(report.data.intents) == Set(ShoppingLanguage.intents))
    }

    @Test("no held-out row is in the training data")
    func disjoint() {
        func key(_ text: String) -> String { ICU.fold(text).trimmingCharacters(in: CharacterSet(charactersIn: " ?!.")) }
        let training = Set(ShoppingLanguage.training.data.examples.map { key($0.text) })
        #expect(ShoppingLanguage.heldOut.data.examples.map(\.text).filter { training.contains(key($0)) } == [])
    }
}
