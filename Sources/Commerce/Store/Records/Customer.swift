import Foundation
import GRDB

/// A loyalty tier, lowest first.
public enum LoyaltyTier: String, Codable, Sendable, Hashable, CaseIterable {
    case none, bronze, silver, gold
}

/// A registered customer (`customers`).
///
/// Consent is recorded per purpose with the date it was given or withdrawn; an erased
/// customer keeps the row (orders reference it) but `erased` is true and personal fields
/// are blanked by the data-rights service.
public struct Customer: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "customers"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var name: String
    public var email: String
    public var postcode: String
    public var loyaltyTier: LoyaltyTier
    public var consentPersonalization: Bool
    public var consentPersonalizationAt: Date?
    public var consentMarketing: Bool
    public var consentMarketingAt: Date?
    public var createdAt: Date
    public var erased: Bool
    public var erasedAt: Date?

    public init(
        id: Int64? = nil, name: String, email: String, postcode: String = "",
        loyaltyTier: LoyaltyTier = .none, consentPersonalization: Bool = false,
        consentPersonalizationAt: Date? = nil, consentMarketing: Bool = false,
        consentMarketingAt: Date? = nil, createdAt: Date, erased: Bool = false, erasedAt: Date? = nil
    ) {
        self.id = id; self.name = name; self.email = email; self.postcode = postcode
        self.loyaltyTier = loyaltyTier; self.consentPersonalization = consentPersonalization
        self.consentPersonalizationAt = consentPersonalizationAt; self.consentMarketing = consentMarketing
        self.consentMarketingAt = consentMarketingAt; self.createdAt = createdAt
        self.erased = erased; self.erasedAt = erasedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let orders = hasMany(Order.self)
}
