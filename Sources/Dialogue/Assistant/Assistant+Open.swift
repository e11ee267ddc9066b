import Commerce
import Foundation
import GRDB
import NLU

/// The trained NLU with the builtin extractors (money, price ranges, ordinals, numbers,
/// order numbers, emails, dates) guaranteed in the parse.
///
/// The engine already reports builtins beside tagged entities; this adds any builtin it
/// left out (an older model file) unless a tagged entity covers its span, and lets an
/// exact order number, email or price replace an overlapping tagged number.
public struct NLUParser: LineParser {
    public var engine: NLUEngine
    public let builtins: BuiltinEntityExtractor

    public init(engine: NLUEngine, builtins: BuiltinEntityExtractor = BuiltinEntityExtractor()) {
        self.engine = engine
        self.builtins = builtins
    }

    public func parse(_ text: String) -> Parse {
        var parse = engine.parse(text)
        let extra = builtins.extract(text)
        guard !extra.isEmpty else { return parse }
        for b in extra {
            let overlapping = parse.entities.indices.filter { parse.entities[$0].start < b.end && b.start < parse.entities[$0].end }
            if overlapping.isEmpty {
                parse.entities.append(b)
            } else if ["order_id", "email", "price_range", "money"].contains(b.entity),
                      overlapping.allSatisfy({ ["order_id", "email", "number", "quantity", "size"].contains(parse.entities[$0].entity) || parse.entities[$0].entity == b.entity }) {
                // "under 120": the builtin range wins over a number the tagger took for a size.
                if b.entity == "price_range" || b.entity == "money", overlapping.contains(where: { parse.entities[$0].entity == "size" }) {
                    let sizeText = overlapping.map { parse.entities[$0].text }
                    if !sizeText.allSatisfy({ b.text.hasSuffix($0) }) { continue }
                }
                for i in overlapping.reversed() { parse.entities.remove(at: i) }
                parse.entities.append(b)
            }
        }
        parse.entities.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        return parse
    }
}

/// Where the assistant finds its store, training data, templates and model cache.
public struct AssistantConfiguration: Sendable {
    /// The SQLite store; a demo shop is built there on first run.
    public var storePath: String
    /// The folder of Rasa NLU YAML training data (`Intents/`).
    public var intentsPath: String
    /// The folder of reply templates (`Dialogues/templates/`).
    public var templatesPath: String
    public var modelCache: ModelCache
    /// The demo shop built when the store does not exist yet.
    public var demo: DemoShopOptions
    public var policy: DialogueEngine.Config
    /// The channel opening the assistant, stamped on every event (`repl`, `jsonrpc`, `dialogue-test`, `simulator`).
    public var channel: String
    /// Experiments: which variant each session runs under (nil: none).
    public var variants: (any VariantAssigning)?

    public init(storePath: String, intentsPath: String = "Intents", templatesPath: String = "Dialogues/templates",
                modelCache: ModelCache = ModelCache(), demo: DemoShopOptions = DemoShopOptions(), policy: DialogueEngine.Config = .init(),
                channel: String = "assistant", variants: (any VariantAssigning)? = nil) {
        self.storePath = storePath
        self.intentsPath = intentsPath
        self.templatesPath = templatesPath
        self.modelCache = modelCache
        self.demo = demo
        self.policy = policy
        self.channel = channel
        self.variants = variants
    }
}

/// Why the assistant could not start, naming the path and what to do.
public struct AssistantError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Assistant {
    /// Opens the assistant on a store: builds the demo shop on first run, starts building the
    /// search and recommendation indexes in the background, loads the NLU model from the
    /// cache (training it from `Intents/` when the data changed), feeds the catalog's brands,
    /// categories and colors to the tagger, and loads the templates.
    ///
    /// ```swift
    /// let assistant = try Assistant.open(AssistantConfiguration(storePath: StoreLocation.resolve(explicit: nil)))
    /// print(try assistant.respond(to: "hi", session: "cli").text)
    /// ```
    public static func open(_ configuration: AssistantConfiguration, progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> Assistant {
        let isNew = !FileManager.default.fileExists(atPath: configuration.storePath)
        let store = try ShopStore.openOrCreateDemo(at: configuration.storePath, options: configuration.demo) { p in
            if p.done == p.total { progress("demo shop: \(p.phase) \(p.done)/\(p.total)") }
        }
        if isNew {
            progress("recommendations: learning from the demo orders")
            _ = try RecommendationStatistics.rebuild(store)
        }
        // The search and recommendation indexes are built on threads of their own from the
        // store as it is now, once this returns (on a busy machine they would otherwise take
        // the CPU from the start-up); the first turn that needs one waits for it.
        let gate = BackgroundGate()
        defer { gate.open() }
        let services = try ShopServices.commerce(store, channel: configuration.channel, gate: gate)
        let nlu = try loadNLU(configuration, store: store, progress: progress)
        let templates = try TemplateBook(directory: URL(fileURLWithPath: configuration.templatesPath))
        let engine = DialogueEngine(services: services, templates: templates, config: configuration.policy)
        let plan = try configuration.variants.map { try VariantPlan.make($0, base: engine, store: store) }
        return Assistant(parser: NLUParser(engine: nlu), engine: engine, persistence: StoreSessionPersistence(store: store),
                         channel: configuration.channel, variants: plan)
    }

    /// The trained NLU (cached) with the catalog's vocabulary added as lookups.
    ///
    /// The training files' raw bytes find the cached model first (`ModelCache.sourceKey`);
    /// the YAML is parsed only when they changed (or nothing is cached for them yet).
    public static func loadNLU(_ configuration: AssistantConfiguration, store: ShopStore, progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> NLUEngine {
        var nlu = try cachedOrTrainedNLU(configuration, progress: progress)
        for (entity, values) in try catalogVocabulary(store) { nlu.extendLookup(entity: entity, values: values) }
        return nlu
    }

    /// The model for `configuration.intentsPath`: looked up by the files' bytes, else loaded,
    /// looked up by the parsed data (training it when not cached), and noted for the next start.
    static func cachedOrTrainedNLU(_ configuration: AssistantConfiguration, progress: @Sendable (String) -> Void) throws -> NLUEngine {
        let cache = configuration.modelCache
        let sourceKey = ModelCache.sourceKey(trainingDataAt: configuration.intentsPath)
        if let sourceKey, let cached = cache.load(sourceKey: sourceKey) {
            progress("nlu: model from cache")
            return cached
        }
        let report: TrainingDataReport
        do { report = try TrainingDataLoader().load(configuration.intentsPath) } catch {
            throw AssistantError("\(configuration.intentsPath): the NLU training data cannot be loaded (\(error)); pass the Intents/ folder of this project.")
        }
        let (nlu, fromCache) = try cache.engine(for: report.data)
        progress(fromCache ? "nlu: model from cache" : "nlu: trained on \(report.data.examples.count) examples")
        if let sourceKey { try? cache.remember(sourceKey: sourceKey, key: ModelCache.key(for: report.data)) }
        return nlu
    }

    /// Brands, categories and colors of the catalog, for the tagger's lookup tables.
    public static func catalogVocabulary(_ store: ShopStore) throws -> [String: [String]] {
        try store.database.read { db in
            [
                "brand": try String.fetchAll(db, sql: "SELECT DISTINCT brand FROM products WHERE brand <> '' ORDER BY brand"),
                "category": try String.fetchAll(db, sql: "SELECT DISTINCT category FROM products WHERE category <> '' ORDER BY category"),
                "color": try String.fetchAll(db, sql: "SELECT DISTINCT color FROM product_variants WHERE color IS NOT NULL AND color <> '' ORDER BY color"),
            ]
        }
    }
}
