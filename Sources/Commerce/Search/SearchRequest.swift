import Foundation

/// What a shopper asked the catalog for: free text, structured filters, an order and a page.
///
/// Every field is optional; an empty request lists the catalog by relevance (rating, then
/// popularity). Values are matched case- and accent-insensitively.
///
/// ```swift
/// var request = SearchRequest(text: "running shoes")
/// request.filters.brand = "Trailblaze"
/// request.filters.price = PriceRange(maxCents: 100_00)
/// request.sort = .priceAscending
/// ```
public struct SearchRequest: Sendable, Equatable, Codable {
    /// Free text, matched against titles, descriptions, brands and categories (FTS5, BM25).
    public var text: String?
    public var filters: SearchFilters
    public var sort: SearchSort
    /// Zero-based page number.
    public var page: Int
    /// Results per page (1…100).
    public var pageSize: Int
    /// When nothing matches: correct misspellings, then drop constraints in `relaxationOrder` until something does.
    public var relaxWhenEmpty: Bool
    /// Which constraint to give up first when nothing matches.
    public var relaxationOrder: [SearchConstraint]
    /// Whether to count brands, colours and price bands over all matches (`SearchResult.facets`);
    /// a caller that shows only the page (the dialogue) saves that pass over every match.
    public var includeFacets = true

    private enum CodingKeys: String, CodingKey {
        case text, filters, sort, page, pageSize, relaxWhenEmpty, relaxationOrder
    }

    public init(
        text: String? = nil,
        filters: SearchFilters = SearchFilters(),
        sort: SearchSort = .relevance,
        page: Int = 0,
        pageSize: Int = 20,
        relaxWhenEmpty: Bool = true,
        relaxationOrder: [SearchConstraint] = SearchConstraint.defaultRelaxationOrder
    ) {
        self.text = text
        self.filters = filters
        self.sort = sort
        self.page = page
        self.pageSize = pageSize
        self.relaxWhenEmpty = relaxWhenEmpty
        self.relaxationOrder = relaxationOrder
    }

    /// The free text with surrounding space removed, nil when there is none.
    public var trimmedText: String? {
        guard let text else { return nil }
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty ? nil : t
    }

    /// The constraints this request actually sets.
    public var activeConstraints: [SearchConstraint] {
        SearchConstraint.allCases.filter { isActive($0) }
    }

    /// Whether `constraint` narrows this request.
    public func isActive(_ constraint: SearchConstraint) -> Bool {
        switch constraint {
        case .text: trimmedText != nil
        case .category: filters.category != nil
        case .brand: !filters.brands.isEmpty
        case .color: filters.color != nil
        case .size: filters.size != nil
        case .features: !filters.features.isEmpty || !filters.attributes.isEmpty
        case .price: filters.price != nil
        case .inStock: filters.inStockOnly
        }
    }

    /// This request without `constraint`, plus a description of what was given up.
    public func relaxing(_ constraint: SearchConstraint) -> (request: SearchRequest, relaxation: Relaxation)? {
        guard isActive(constraint) else { return nil }
        var copy = self
        let dropped: String
        switch constraint {
        case .text:
            dropped = "\"\(trimmedText ?? "")\""
            copy.text = nil
        case .category:
            dropped = filters.category ?? ""
            copy.filters.category = nil
        case .brand:
            dropped = filters.brands.joined(separator: " or ")
            copy.filters.brands = []
        case .color:
            dropped = filters.color ?? ""
            copy.filters.color = nil
        case .size:
            dropped = filters.size ?? ""
            copy.filters.size = nil
        case .features:
            dropped = (filters.features + filters.attributes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }).joined(separator: ", ")
            copy.filters.features = []
            copy.filters.attributes = [:]
        case .price:
            dropped = filters.price?.description ?? ""
            copy.filters.price = nil
        case .inStock:
            dropped = "in stock"
            copy.filters.inStockOnly = false
        }
        copy.page = 0
        return (copy, Relaxation(constraint: constraint, droppedValue: dropped))
    }
}

/// Structured filters; all set filters must hold at once.
public struct SearchFilters: Sendable, Equatable, Codable {
    /// A category name or slug ("headphones"); includes its sub-categories.
    public var category: String?
    /// One or more brands; a product of any of them matches.
    public var brands: [String]
    public var color: String?
    public var size: String?
    /// Feature words a product must have, e.g. "waterproof", "noise cancelling"
    /// (matched against the product's feature tags and true/false attributes).
    public var features: [String]
    /// Attribute values that must match exactly, e.g. ["connectivity": "bluetooth"].
    public var attributes: [String: String]
    public var price: PriceRange?
    /// Only products with at least one unit in stock.
    public var inStockOnly: Bool
    /// Brands a product must not be of ("not Sony"); a brand the catalog lacks excludes nothing.
    public var excludedBrands: [String] = []
    /// Colours a product must not come in ("not black"): a product offered in any of them
    /// is left out. A colour matches as the `color` filter does (its words: "black" is also
    /// "Matte Black").
    public var excludedColors: [String] = []

    public init(
        category: String? = nil, brands: [String] = [], color: String? = nil, size: String? = nil,
        features: [String] = [], attributes: [String: String] = [:], price: PriceRange? = nil, inStockOnly: Bool = false
    ) {
        self.category = category
        self.brands = brands
        self.color = color
        self.size = size
        self.features = features
        self.attributes = attributes
        self.price = price
        self.inStockOnly = inStockOnly
    }

    /// A single brand, for the common case.
    public var brand: String? {
        get { brands.first }
        set { brands = newValue.map { [$0] } ?? [] }
    }
}

/// A price range in integer cents; either bound may be open. Bounds are inclusive.
public struct PriceRange: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var minCents: Int?
    public var maxCents: Int?

    public init(minCents: Int? = nil, maxCents: Int? = nil) {
        self.minCents = minCents
        self.maxCents = maxCents
    }

    public func contains(_ cents: Int) -> Bool {
        if let minCents, cents < minCents { return false }
        if let maxCents, cents > maxCents { return false }
        return true
    }

    /// "under $100", "over $50", "$50–$100".
    public var description: String {
        switch (minCents, maxCents) {
        case let (lo?, hi?): "\(MoneyFormat.dollars(lo))–\(MoneyFormat.dollars(hi))"
        case let (nil, hi?): "under \(MoneyFormat.dollars(hi))"
        case let (lo?, nil): "over \(MoneyFormat.dollars(lo))"
        case (nil, nil): "any price"
        }
    }
}

/// How results are ordered.
public enum SearchSort: String, Sendable, Equatable, Codable, CaseIterable {
    /// Text relevance (BM25), then rating, then popularity.
    case relevance
    case priceAscending = "price_asc"
    case priceDescending = "price_desc"
    /// Highest rated first (ties: more ratings first).
    case rating
    /// Most recently added first.
    case newest
}

/// One narrowing part of a request: what relaxation can give up.
public enum SearchConstraint: String, Sendable, Equatable, Codable, CaseIterable {
    case text, category, brand, color, size, features, price, inStock = "in_stock"

    /// Least important first: a shopper who asked for red size-10 Trailblaze shoes under
    /// $100 would rather see other colours than other brands, and other brands than
    /// things that are not shoes.
    public static let defaultRelaxationOrder: [SearchConstraint] = [.color, .size, .features, .inStock, .brand, .price, .text, .category]

    /// The word a shopper uses for this constraint.
    public var noun: String {
        switch self {
        case .text: "search words"
        case .category: "category"
        case .brand: "brand"
        case .color: "colour"
        case .size: "size"
        case .features: "features"
        case .price: "price limit"
        case .inStock: "in-stock filter"
        }
    }
}

/// A constraint that was dropped because nothing matched with it.
public struct Relaxation: Sendable, Equatable, Codable {
    public var constraint: SearchConstraint
    /// What the shopper had asked for, e.g. "red" or "under $50".
    public var droppedValue: String

    /// A sentence a channel can show as it is.
    public var message: String {
        switch constraint {
        case .text: "Nothing matched \(droppedValue), so these match your other choices."
        case .category: "Nothing in \(droppedValue) matched, so this includes other categories."
        case .brand: "Nothing from \(droppedValue) matched, so this shows other brands."
        case .color: "Nothing in \(droppedValue) matched, so this shows other colours."
        case .size: "Nothing in size \(droppedValue) matched, so this shows other sizes."
        case .features: "Nothing had \(droppedValue), so this shows the closest without it."
        case .price: "Nothing matched \(droppedValue), so this shows other prices."
        case .inStock: "Nothing matching is in stock, so this includes items that are out of stock."
        }
    }
}
