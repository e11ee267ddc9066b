import Commerce
import Foundation
import GRDB

/// What one experiment arm changes in the assistant. Every field left nil keeps the shipped behaviour.
public struct VariantSettings: Sendable, Hashable, Codable {
    /// Stored in `events.variant`: `experiment/variant`.
    public var label: String
    /// `personalized` (the shipped recommender), `popular` or `random`.
    public var recommender: String?
    /// A folder of reply templates laid over the shipped ones (its keys replace theirs).
    public var templates: String?
    /// The intent confidence below which the assistant asks a clarifying question.
    public var fallbackThreshold: Double?

    public init(label: String, recommender: String? = nil, templates: String? = nil, fallbackThreshold: Double? = nil) {
        self.label = label
        self.recommender = recommender
        self.templates = templates
        self.fallbackThreshold = fallbackThreshold
    }

    /// The recommenders a variant may name.
    public static let recommenders: Set<String> = ["personalized", "popular", "random"]
}

/// Decides which variant a session runs under (the experiments file, in production).
///
/// Must be deterministic in its inputs: the same session (or customer) on the same day gets the
/// same variant in every process and after every restart.
public protocol VariantAssigning: Sendable {
    /// The variant of a session on `day` (`YYYY-MM-DD`), nil when no experiment applies.
    func variant(session: String, customer: String?, day: String) -> VariantSettings?
    /// Every variant that can be assigned, so the assistant can prepare each once.
    var allVariants: [VariantSettings] { get }
}

/// The assigner with one prepared engine per variant label.
///
/// Why prepared engines: a variant differs in services, templates or thresholds, which the
/// policy already takes as its configuration — so applying a variant is choosing the engine
/// for the session, in one place (`Assistant.engine(for:)`), not a special case in the policy.
public struct VariantPlan: Sendable {
    public let assigner: any VariantAssigning
    public let engines: [String: DialogueEngine]

    public init(assigner: any VariantAssigning, engines: [String: DialogueEngine]) {
        self.assigner = assigner
        self.engines = engines
    }

    /// Builds the engine of every variant from the shipped one: another recommender over `store`,
    /// templates laid over the shipped ones, another clarification threshold.
    public static func make(_ assigner: any VariantAssigning, base: DialogueEngine, store: ShopStore) throws -> VariantPlan {
        var engines: [String: DialogueEngine] = [:]
        let directory = ProductDirectory(store: store)
        for v in assigner.allVariants where engines[v.label] == nil {
            var engine = base
            switch v.recommender ?? "personalized" {
            case "personalized": break
            case "popular": engine.services.recommend = PopularRecommendations(store: store, directory: directory)
            case "random": engine.services.recommend = RandomRecommendations(store: store, directory: directory)
            case let other:
                throw AssistantError("variant \(v.label): recommender '\(other)' is unknown; use one of \(VariantSettings.recommenders.sorted().joined(separator: ", ")).")
            }
            if let folder = v.templates {
                do { engine.templates = base.templates.overlaid(by: try TemplateBook(directory: URL(fileURLWithPath: folder))) } catch {
                    throw AssistantError("variant \(v.label): \(error)")
                }
            }
            if let threshold = v.fallbackThreshold {
                guard (0...1).contains(threshold) else {
                    throw AssistantError("variant \(v.label): fallback_threshold \(threshold) must be between 0 and 1.")
                }
                engine.config.clarifyBelow = threshold
            }
            engines[v.label] = engine
        }
        return VariantPlan(assigner: assigner, engines: engines)
    }
}

extension TemplateBook {
    /// These templates with `other`'s keys replacing theirs (keys `other` lacks keep this wording).
    public func overlaid(by other: TemplateBook) -> TemplateBook {
        TemplateBook(variants: variants.merging(other.variants) { _, new in new })
    }
}

/// A deliberately weak arm: the shop's most popular products (in the searched category, if any),
/// ignoring the shopper and the products being looked at.
public struct PopularRecommendations: ProductRecommending {
    let store: ShopStore
    let directory: ProductDirectory

    public func recommend(customer: String?, seeds: [String], query: ProductQuery?, limit: Int) throws -> [(product: ProductInfo, reason: String)] {
        let excluded = Set(seeds)
        var sql = "SELECT * FROM products WHERE stock > 0"
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let category = query?.category { sql += " AND category = ? COLLATE NOCASE"; arguments.append(category) }
        if let max = query?.maxPrice { sql += " AND price_cents <= ?"; arguments.append(Int(max * 100)) }
        if let min = query?.minPrice { sql += " AND price_cents >= ?"; arguments.append(Int(min * 100)) }
        sql += " ORDER BY popularity DESC, id LIMIT ?"
        arguments.append(limit + excluded.count)
        let rows = try store.database.read { db in try Product.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) }
        return rows.filter { !excluded.contains($0.sku) }.prefix(limit).map { (ProductDirectory.info($0), "popular in the shop") }
    }
}

/// A deliberately weak arm: products drawn at random from the catalog (in stock), the draw seeded
/// from the request so a replayed conversation gets the same products.
public struct RandomRecommendations: ProductRecommending {
    let store: ShopStore
    let directory: ProductDirectory
    private let ids = Locked<[Int64]?>(nil)

    init(store: ShopStore, directory: ProductDirectory) {
        self.store = store
        self.directory = directory
    }

    public func recommend(customer: String?, seeds: [String], query: ProductQuery?, limit: Int) throws -> [(product: ProductInfo, reason: String)] {
        let all: [Int64]
        if let cached = ids.withLock({ $0 }) { all = cached } else {
            all = try store.database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM products WHERE stock > 0 ORDER BY id") }
            ids.withLock { $0 = all }
        }
        guard !all.isEmpty else { return [] }
        var random = DemoRandom.stream(seed: 9, ([customer ?? ""] + seeds + [query?.phrase ?? ""]).joined(separator: "|"))
        let picked = random.sample(all, min(all.count, limit + seeds.count))
        let infos = try directory.products(ids: picked)
        let excluded = Set(seeds)
        return picked.compactMap { infos[$0] }.filter { !excluded.contains($0.sku) }.prefix(limit).map { ($0, "picked for you") }
    }
}
