import Foundation

/// What a channel asks the recommendation service for.
///
/// ```swift
/// let result = try service.recommend(RecommendationRequest(customerID: 42, count: 5))
/// for item in result.items { print(item.product.title, "—", item.reason.text) }
/// ```
public struct RecommendationRequest: Sendable, Equatable {
    /// The signed-in customer, or nil for an unknown shopper.
    public var customerID: Int64?
    /// The product being discussed ("something like this"), if any.
    public var anchorProductID: Int64?
    /// Only products in this category (case-insensitive), if set.
    public var category: String?
    /// Only products at or above this price, if set.
    public var minPriceCents: Int?
    /// Only products at or below this price, if set.
    public var maxPriceCents: Int?
    /// How many items to return (1…50).
    public var count: Int
    /// False when the customer has not consented to personalisation: their history is then not used.
    public var personalized: Bool
    /// Products not to return (e.g. already shown in this conversation).
    public var excludedProductIDs: Set<Int64>

    public init(customerID: Int64? = nil, anchorProductID: Int64? = nil, category: String? = nil, minPriceCents: Int? = nil,
                maxPriceCents: Int? = nil, count: Int = 5, personalized: Bool = true, excludedProductIDs: Set<Int64> = []) {
        self.customerID = customerID
        self.anchorProductID = anchorProductID
        self.category = category
        self.minPriceCents = minPriceCents
        self.maxPriceCents = maxPriceCents
        self.count = count
        self.personalized = personalized
        self.excludedProductIDs = excludedProductIDs
    }
}

/// Why an item was recommended, as data; `text` is the sentence a shopper reads.
public enum RecommendationReason: Sendable, Hashable, Codable {
    /// Bought together with something the customer bought.
    case becauseYouBought(productID: Int64, title: String)
    /// Like something the customer looked at or bought (same category, shared features, similar price).
    case similarToYours(productID: Int64, title: String, viewed: Bool)
    /// Often bought together with the product being discussed.
    case oftenBoughtWith(productID: Int64, title: String)
    /// Like the product being discussed.
    case similarTo(productID: Int64, title: String)
    /// A consumable the customer bought before and may need again.
    case buyAgain(productID: Int64, title: String)
    /// Popular with customers of the same segment (loyalty tier).
    case popularWithSegment(segment: String)
    /// Among the best rated in a category, within a price limit if one was asked for.
    case topRated(category: String, maxPriceCents: Int?)
    /// Bought by many customers lately.
    case popular(category: String)

    /// The reason in words, e.g. "Because you bought the Trailblaze 3".
    public var text: String {
        switch self {
        case let .becauseYouBought(_, title): return "Because you bought the \(title)"
        case let .similarToYours(_, title, viewed): return "Similar to the \(title) you \(viewed ? "looked at" : "bought")"
        case let .oftenBoughtWith(_, title): return "Often bought with the \(title)"
        case let .similarTo(_, title): return "Similar to the \(title)"
        case let .buyAgain(_, title): return "Time to restock? You bought the \(title) before"
        case let .popularWithSegment(segment): return segment == "none" ? "Popular with shoppers like you" : "Popular with \(segment) members"
        case let .topRated(category, maxPriceCents):
            let under = maxPriceCents.map { " under \(Self.money($0))" } ?? ""
            return "Top rated in \(category.lowercased())\(under)"
        case let .popular(category): return "Popular in \(category.lowercased()) right now"
        }
    }

    /// `$100` for whole amounts, `$99.50` otherwise.
    static func money(_ cents: Int) -> String {
        cents % 100 == 0 ? "$\(cents / 100)" : String(format: "$%d.%02d", cents / 100, cents % 100)
    }
}

/// One recommended product and why.
public struct RecommendedItem: Sendable, Equatable {
    public var product: Product
    public var reason: RecommendationReason
    /// The blended score the item was ranked by (comparable within one result only).
    public var score: Double
}

/// The answer to a `RecommendationRequest`.
public struct RecommendationResult: Sendable, Equatable {
    /// How the items were chosen.
    public enum Strategy: String, Sendable, Codable {
        /// From the customer's purchases and views.
        case personal
        /// From the product being discussed.
        case similarToAnchor = "similar_to_anchor"
        /// Popular and well rated (unknown shopper, no consent, or no history).
        case popular
    }

    public var items: [RecommendedItem]
    public var strategy: Strategy
}

/// Why a recommendation request cannot be answered; messages say what to fix.
public enum RecommendationError: Error, CustomStringConvertible, Equatable {
    case invalidCount(Int)
    case invalidPriceRange(min: Int, max: Int)
    case unknownAnchor(Int64)
    case notBuilt(path: String)

    public var description: String {
        switch self {
        case let .invalidCount(n): return "count must be between 1 and 50 (got \(n))."
        case let .invalidPriceRange(min, max): return "minimum price \(min) cents is above the maximum \(max) cents; swap or drop one."
        case let .unknownAnchor(id): return "no product with id \(id) to recommend something like it; check the product id."
        case let .notBuilt(path): return "the store \(path) has no recommendation statistics yet; run `shopassist demo` or rebuild them (RecommendationStatistics.rebuild)."
        }
    }
}
