/// What a search found, how it got there, and how the shopper can narrow it.
///
/// Never a dead end: when nothing matched as asked, `corrections` and `relaxed` say
/// what was changed to find something, in words a channel can show (`notices`).
public struct SearchResult: Sendable, Equatable {
    /// The request as asked.
    public var request: SearchRequest
    /// The request that produced `hits`, after corrections and relaxations.
    public var applied: SearchRequest
    /// This page of results.
    public var hits: [SearchHit]
    /// How many products match `applied` in all.
    public var total: Int
    public var page: Int
    public var pageSize: Int
    /// Counts over all `total` results, for narrowing.
    public var facets: SearchFacets
    /// Misspellings that were corrected to find these results ("samsnug" → "samsung").
    public var corrections: [SpellingFix]
    /// A better spelling of the query when results were found but a word looks mistyped.
    public var didYouMean: String?
    /// Constraints given up, in the order they were dropped.
    public var relaxed: [Relaxation]

    /// How many pages there are.
    public var pageCount: Int { pageSize > 0 ? (total + pageSize - 1) / pageSize : 0 }
    /// Whether a next page exists.
    public var hasMore: Bool { (page + 1) * pageSize < total }

    /// Sentences a channel shows above the results: corrections first, then what was relaxed.
    public var notices: [String] {
        var out: [String] = []
        if !corrections.isEmpty {
            out.append("Showing results for " + corrections.map { "\"\($0.corrected)\"" }.joined(separator: ", ")
                       + " (you typed " + corrections.map { "\"\($0.typed)\"" }.joined(separator: ", ") + ").")
        }
        out += relaxed.map(\.message)
        if let didYouMean { out.append("Did you mean \"\(didYouMean)\"?") }
        return out
    }
}

/// One product in a result page.
public struct SearchHit: Sendable, Equatable, Codable {
    public var productID: Int64
    public var title: String
    public var brand: String
    public var category: String
    public var priceCents: Int
    public var rating: Double?
    public var reviewCount: Int
    /// Units available now (product plus variants), read when the page was built.
    public var stock: Int
    public var colors: [String]
    public var sizes: [String]
    /// BM25 score from FTS5 when free text was given (lower is more relevant, as SQLite reports it).
    public var textScore: Double?

    public var inStock: Bool { stock > 0 }
}

/// A word that was corrected from the catalog's vocabulary.
public struct SpellingFix: Sendable, Equatable, Codable {
    /// Which part of the request held the word.
    public var field: SearchConstraint
    public var typed: String
    public var corrected: String
}

/// Why a search request could not be run at all (an empty result is not an error).
public enum SearchError: Error, Equatable, CustomStringConvertible {
    case invalidPage(Int)
    case invalidPageSize(Int)
    case invalidPriceRange(PriceRange)

    public var description: String {
        switch self {
        case let .invalidPage(page): "page \(page) does not exist; pages start at 0."
        case let .invalidPageSize(size): "a page of \(size) results is not possible; ask for 1 to 100 per page."
        case let .invalidPriceRange(range): "the price range \(MoneyFormat.dollars(range.minCents ?? 0))–\(MoneyFormat.dollars(range.maxCents ?? 0)) is upside down; give the lower price first."
        }
    }
}
