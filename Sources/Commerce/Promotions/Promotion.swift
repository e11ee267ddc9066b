import Foundation
import GRDB

/// A promotion rule as stored in `promotions`.
public struct Promotion: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "promotions"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// Percent off (value 15 = 15%) or an amount off (value in cents).
    public enum Kind: String, Codable, Sendable { case percent, amount }
    /// Which lines of a basket the discount applies to.
    public enum Scope: String, Codable, Sendable { case all, category, brand, product }

    public var id: Int64?
    public var title: String
    public var kind: Kind
    public var value: Int
    public var scope: Scope
    /// The category or brand name, or the product id as text; empty for `all`.
    public var scopeValue: String
    public var minBasketCents: Int
    public var minTier: LoyaltyTier
    public var startsAt: Date
    public var endsAt: Date
    /// A code anyone may use; nil for promotions given only through single-use codes or automatically by tier.
    public var publicCode: String?

    public init(id: Int64? = nil, title: String, kind: Kind, value: Int, scope: Scope = .all, scopeValue: String = "",
                minBasketCents: Int = 0, minTier: LoyaltyTier = .none, startsAt: Date, endsAt: Date, publicCode: String? = nil) {
        self.id = id; self.title = title; self.kind = kind; self.value = value; self.scope = scope; self.scopeValue = scopeValue
        self.minBasketCents = minBasketCents; self.minTier = minTier; self.startsAt = startsAt; self.endsAt = endsAt; self.publicCode = publicCode
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// "15% off" / "$20 off".
    public var valueText: String {
        switch kind {
        case .percent: return "\(value)% off"
        case .amount: return "\(RecommendationReason.money(value)) off"
        }
    }

    /// True while the promotion runs at `date`.
    public func isActive(at date: Date) -> Bool { startsAt <= date && date <= endsAt }
}

extension LoyaltyTier {
    /// The tier's rank: none < bronze < silver < gold.
    public var rank: Int { LoyaltyTier.allCases.firstIndex(of: self) ?? 0 }
}

/// A promotion offered to a shopper now, with why it applies.
public struct PromotionOffer: Sendable, Equatable {
    public var promotion: Promotion
    /// The code to use at checkout (nil when the promotion applies by tier without a code).
    public var code: String?
    /// Why it applies to this shopper: "you buy running shoes", "open to everyone".
    public var reason: String
    /// What it gives and until when: "15% off running shoes until Sunday on baskets over $50".
    public var terms: String
    /// True when the reason came from the shopper's history or tier.
    public var personal: Bool

    /// Reason and terms in one line: "you buy running shoes; 15% off running shoes until Sunday".
    public var why: String { "\(reason); \(terms)" }
}

/// Why a code was refused; `description` is the sentence the shopper reads.
public enum PromotionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownCode(String)
    case expired(code: String, endedAt: Date)
    case notStarted(code: String, startsAt: Date)
    case notYours(String)
    case alreadyUsed(String)
    case basketTooSmall(code: String, minimumCents: Int, subtotalCents: Int)
    case tierTooLow(code: String, required: LoyaltyTier)
    case nothingInScope(code: String, scope: String)

    public var description: String {
        switch self {
        case .unknownCode(let c): return "There is no promotion code \(c). Check the spelling."
        case .expired(let c, let end): return "The code \(c) expired on \(PromotionService.day(end))."
        case .notStarted(let c, let start): return "The code \(c) starts on \(PromotionService.day(start))."
        case .notYours(let c): return "The code \(c) was issued to another customer, so it cannot be used on this account."
        case .alreadyUsed(let c): return "The code \(c) has already been used; each code works once."
        case .basketTooSmall(let c, let min, let sub):
            return "The code \(c) needs a basket of at least \(RecommendationReason.money(min)); yours is \(RecommendationReason.money(sub)) (\(RecommendationReason.money(min - sub)) to go)."
        case .tierTooLow(let c, let tier): return "The code \(c) is for \(tier.rawValue) members and above."
        case .nothingInScope(let c, let scope): return "The code \(c) applies to \(scope) only, and nothing in your basket qualifies."
        }
    }
}

/// A validated code and the discount it gives on a basket.
public struct AppliedPromotion: Sendable, Equatable {
    public var promotion: Promotion
    public var code: String
    public var discountCents: Int
}

/// Cart totals with a discount.
public struct DiscountedTotals: Sendable, Equatable {
    public var subtotalCents: Int
    public var discountCents: Int
    public var shippingCents: Int
    public var totalCents: Int
}
