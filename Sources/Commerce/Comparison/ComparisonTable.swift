import Foundation

/// A product as the comparison needs it: what it costs, how it is rated, what it has.
public struct ComparedProduct: Sendable, Equatable, Codable {
    public var id: Int64
    public var title: String
    /// The short name used in sentences ("the Aria 300"); defaults to the title.
    public var shortName: String
    public var brand: String?
    public var priceCents: Int
    /// Average rating (0–5), nil when nobody has rated it.
    public var rating: Double?
    public var ratingCount: Int
    /// Attribute key → value (snake_case keys, e.g. `battery_hours`).
    public var attributes: [String: AttributeValue]
    /// Feature tags ("waterproof", "noise cancelling").
    public var features: [String]
    /// Which way an attribute is better, as the catalog states it (overrides the built-in guess).
    public var directions: [String: ComparisonDirection] = [:]

    public init(id: Int64, title: String, shortName: String? = nil, brand: String? = nil, priceCents: Int, rating: Double? = nil,
                ratingCount: Int = 0, attributes: [String: AttributeValue] = [:], features: [String] = []) {
        self.id = id
        self.title = title
        self.shortName = shortName ?? title
        self.brand = brand
        self.priceCents = priceCents
        self.rating = rating
        self.ratingCount = ratingCount
        self.attributes = attributes
        self.features = features
    }

    /// Whether the product has a feature, by tag or by a true flag attribute.
    public func has(feature: String) -> Bool {
        let key = CatalogText.key(feature)
        if features.contains(where: { CatalogText.key($0) == key }) { return true }
        let attributeKey = key.replacingOccurrences(of: " ", with: "_")
        switch attributes[attributeKey] {
        case .flag(true)?: return true
        case let .number(value, _)?: return value > 0 // a water-resistance depth, a rating in mm
        default: return false
        }
    }
}

/// One aligned row of a comparison: the same attribute for every product.
public struct ComparisonRow: Sendable, Equatable, Codable {
    public var key: String
    public var label: String
    public var direction: ComparisonDirection
    /// One cell per product, in the order of `ComparisonTable.products`; nil = the product does not say.
    public var values: [AttributeValue?]
    /// What each cell shows: missing values show as "—", never as zero.
    public var display: [String]
    /// Indices of the products with the better value (empty when there is no direction or all are equal).
    public var better: [Int]

    /// The text shown for a value the product does not state.
    public static let missing = "—"
}

/// Two to four products side by side, with the better value per row and a summary.
public struct ComparisonTable: Sendable, Equatable, Codable {
    public var products: [ComparedProduct]
    public var rows: [ComparisonRow]
    /// The real differences in a sentence or two.
    public var summary: String
    /// Which product fits a stated need, and why (nil when no need was given).
    public var needFit: NeedFit?

    /// The row for `key`, if any product has that attribute.
    public func row(_ key: String) -> ComparisonRow? { rows.first { $0.key == key } }

    /// Lays out `products` in one table; `need` is the shopper's own words ("for running in the rain").
    public static func build(_ products: [ComparedProduct], need: String? = nil) -> ComparisonTable {
        var rows: [ComparisonRow] = []
        rows.append(makeRow(spec: .price, values: products.map { .number(Double($0.priceCents) / 100, unit: "") },
                            display: products.map { MoneyFormat.dollars($0.priceCents) }))
        let ratings: [AttributeValue?] = products.map { $0.rating.map { .number($0, unit: "") } }
        rows.append(makeRow(spec: .rating, values: ratings, display: products.map { p in
            p.rating.map { String(format: "%.1f (%d)", $0, p.ratingCount) } ?? ComparisonRow.missing
        }))
        let keys = Set(products.flatMap { $0.attributes.keys })
        let specs = keys.map { key in
            AttributeSpec.spec(for: key, value: products.lazy.compactMap { $0.attributes[key] }.first,
                               stated: products.lazy.compactMap { $0.directions[key] }.first)
        }
            .sorted(by: AttributeSpec.rowOrder)
        for spec in specs {
            let values = products.map { $0.attributes[spec.key] }
            rows.append(makeRow(spec: spec, values: values, display: values.map { $0?.display ?? ComparisonRow.missing }))
        }
        let summary = ComparisonSummary.write(products: products, rows: rows, specs: specs)
        let fit = need.flatMap { NeedFit.assess(need: $0, products: products, rows: rows) }
        return ComparisonTable(products: products, rows: rows, summary: summary, needFit: fit)
    }

    static func makeRow(spec: AttributeSpec, values: [AttributeValue?], display: [String]) -> ComparisonRow {
        ComparisonRow(key: spec.key, label: spec.label, direction: spec.direction, values: values, display: display,
                      better: winners(values, direction: spec.direction))
    }

    /// The indices holding the best value; missing values never win, and a row where
    /// every present value is equal (or only one product states it) has no winner.
    static func winners(_ values: [AttributeValue?], direction: ComparisonDirection) -> [Int] {
        switch direction {
        case .none:
            return []
        case .presentIsBetter:
            let on = values.indices.filter { if case .flag(true) = values[$0] { return true } else { return false } }
            let off = values.indices.filter { if case .flag(true) = values[$0] { return false } else { return true } }
            return on.isEmpty || off.isEmpty ? [] : on
        case .higherIsBetter, .lowerIsBetter:
            let numbers = values.enumerated().compactMap { i, v in v?.number.map { (i, $0) } }
            guard numbers.count >= 2 else { return [] }
            let best = direction == .higherIsBetter ? numbers.map(\.1).max() : numbers.map(\.1).min()
            guard let best, numbers.contains(where: { $0.1 != best }) else { return [] }
            return numbers.filter { $0.1 == best }.map(\.0)
        }
    }
}
