import Foundation
import GRDB

/// What the shopper wants compared.
public struct ComparisonRequest: Sendable, Equatable, Codable {
    /// Two to four product ids, in the order to show them.
    public var productIDs: [Int64]
    /// The shopper's need in their own words ("for running in the rain"), if any.
    public var need: String?

    public init(productIDs: [Int64], need: String? = nil) {
        self.productIDs = productIDs
        self.need = need
    }
}

/// Why a comparison could not be made; each message says what to do instead.
public enum ComparisonError: Error, Equatable, CustomStringConvertible {
    case tooFew(Int)
    case tooMany(Int)
    case duplicate(Int64)
    case unknownProducts([Int64])

    public var description: String {
        switch self {
        case let .tooFew(n): "A comparison needs two to four products; \(n == 0 ? "none was" : "only one was") given. Pick at least one more."
        case let .tooMany(n): "A comparison shows at most four products; \(n) were given. Pick the four you care most about."
        case let .duplicate(id): "Product \(id) was named twice; pick a different product to compare it with."
        case let .unknownProducts(ids): "No product with id \(ids.map(String.init).joined(separator: ", ")) is in the catalog; search again and pick from the results."
        }
    }
}

/// Compares two to four products: an aligned table with units and winners, a summary of
/// the real differences and, when the shopper says what it is for, which one fits.
///
/// ```swift
/// let table = try ComparisonService(store: store).compare(ComparisonRequest(productIDs: [12, 40], need: "for the rain"))
/// table.summary          // "The Aria 300 is $40 cheaper; the Bolt X has 10 more hours of battery and noise cancelling."
/// table.needFit?.sentence
/// ```
public struct ComparisonService: Sendable {
    public let store: ShopStore

    public init(store: ShopStore) { self.store = store }

    public func compare(_ request: ComparisonRequest) throws -> ComparisonTable {
        let ids = request.productIDs
        guard ids.count >= 2 else { throw ComparisonError.tooFew(ids.count) }
        guard ids.count <= 4 else { throw ComparisonError.tooMany(ids.count) }
        var seen = Set<Int64>()
        for id in ids where !seen.insert(id).inserted { throw ComparisonError.duplicate(id) }
        let products = try store.database.read { db in try Self.load(db, ids: ids) }
        return ComparisonTable.build(products, need: request.need)
    }

    /// One product's specifications as a comparison shows them ("Capacity", "3 persons"),
    /// in the comparison's row order, without price and rating.
    /// Only the attribute rows are read, and no table is built (this answers a turn).
    public func specifications(productID: Int64) throws -> [(label: String, value: String)] {
        let attributes = try store.database.read { db in
            try ProductAttribute.fetchAll(db.cachedStatement(sql: "SELECT * FROM product_attributes WHERE product_id = ?"), arguments: [productID])
        }
        return attributes
            .map { a in
                let value = Self.value(of: a)
                return (spec: AttributeSpec.spec(for: a.name, value: value), value: value)
            }
            .sorted { AttributeSpec.rowOrder($0.spec, $1.spec) }
            .map { ($0.spec.label, $0.value.display) }
    }

    /// Reads the products and their attributes in the order of `ids`.
    static func load(_ db: Database, ids: [Int64]) throws -> [ComparedProduct] {
        let placeholders = ids.map { _ in "?" }.joined(separator: ",")
        let rows = try Product.fetchAll(db, sql: "SELECT * FROM products WHERE id IN (\(placeholders))", arguments: StatementArguments(ids))
        let byID = Dictionary(rows.compactMap { p in p.id.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        let missing = ids.filter { byID[$0] == nil }
        guard missing.isEmpty else { throw ComparisonError.unknownProducts(missing) }
        let attributes = try ProductAttribute.fetchAll(db, sql: "SELECT * FROM product_attributes WHERE product_id IN (\(placeholders))", arguments: StatementArguments(ids))
        let grouped = Dictionary(grouping: attributes, by: \.productId)
        var compared: [ComparedProduct] = ids.compactMap { id in
            guard let product = byID[id] else { return nil }
            var values: [String: AttributeValue] = [:]
            var directions: [String: ComparisonDirection] = [:]
            for a in grouped[id] ?? [] {
                values[a.name] = value(of: a)
                switch a.better {
                case .higher?: directions[a.name] = values[a.name].map { if case .flag = $0 { return .presentIsBetter } else { return .higherIsBetter } }
                case .lower?: directions[a.name] = .lowerIsBetter
                case nil: break
                }
            }
            var item = ComparedProduct(id: id, title: product.title, shortName: shortName(product), brand: product.brand,
                                       priceCents: product.priceCents, rating: product.rating, ratingCount: product.reviewCount,
                                       attributes: values, features: product.tags.split(separator: " ").map(String.init))
            item.directions = directions
            return item
        }
        // Short names must tell the products apart; fall back to full titles when they do not.
        if Set(compared.map(\.shortName)).count < compared.count {
            for i in compared.indices { compared[i].shortName = compared[i].title }
        }
        return compared
    }

    /// A stored attribute as a comparable value: yes/no → flag, a number with its unit, else text.
    static func value(of attribute: ProductAttribute) -> AttributeValue {
        let text = attribute.valueText?.trimmingCharacters(in: .whitespaces) ?? ""
        switch text.lowercased() {
        case "yes", "true": return .flag(true)
        case "no", "false": return .flag(false)
        default: break
        }
        if let number = attribute.valueNumber, Double(text) != nil || text.isEmpty || text.hasPrefix(AttributeValue.format(number)) {
            return .number(number, unit: attribute.unit ?? "")
        }
        return .text(text)
    }

    /// "Northpeak Trailblaze 3 Running Shoe" in "Running Shoes" → "Trailblaze 3".
    static func shortName(_ product: Product) -> String {
        var words = product.title.split(separator: " ").map(String.init)
        let brandWords = product.brand.split(separator: " ").map(String.init)
        if words.count > brandWords.count, Array(words.prefix(brandWords.count)).map({ $0.lowercased() }) == brandWords.map({ $0.lowercased() }) {
            words.removeFirst(brandWords.count)
        }
        let categoryWords = Set(SearchService.singular(CatalogText.words(product.category)))
        while words.count > 1, let last = words.last, categoryWords.contains(SearchService.singular(CatalogText.words(last)).first ?? "") {
            words.removeLast()
        }
        let name = words.joined(separator: " ")
        return name.isEmpty ? product.title : name
    }
}
