import Foundation
import GRDB

/// The kind of an interaction event. Open-ended: other targets add their own
/// (`extension ShopEventType { static let x: Self = "x" }`).
public struct ShopEventType: RawRepresentable, Codable, Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let productShown: Self = "product_shown"
    public static let productClicked: Self = "product_clicked"
    public static let addedToCart: Self = "added_to_cart"
    public static let removedFromCart: Self = "removed_from_cart"
    public static let purchased: Self = "purchased"
    public static let recommendationShown: Self = "recommendation_shown"
    public static let recommendationAccepted: Self = "recommendation_accepted"
    public static let searched: Self = "searched"
    public static let handoff: Self = "handoff"
}

/// An interaction event (`events`) for personalization and metrics.
///
/// `variant` is the experiment arm the event happened under (nil outside experiments);
/// `payload` is free JSON (query text, position in a list, …).
public struct ShopEvent: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "events"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var at: Date
    public var type: ShopEventType
    public var sessionId: String?
    public var customerId: Int64?
    public var productId: Int64?
    public var sku: String?
    public var channel: String
    public var variant: String?
    public var payload: String

    public init(
        id: Int64? = nil, at: Date, type: ShopEventType, sessionId: String? = nil, customerId: Int64? = nil,
        productId: Int64? = nil, sku: String? = nil, channel: String = "", variant: String? = nil, payload: String = "{}"
    ) {
        self.id = id; self.at = at; self.type = type; self.sessionId = sessionId; self.customerId = customerId
        self.productId = productId; self.sku = sku; self.channel = channel; self.variant = variant; self.payload = payload
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
