import Foundation
import GRDB

/// Where a cart is in its life.
public enum CartStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case active
    case checkedOut = "checked_out"
    case abandoned
}

/// A shopping cart (`carts`), owned by a customer or, for guests, a session.
public struct Cart: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "carts"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var customerId: Int64?
    public var sessionId: String?
    public var status: CartStatus
    public var currency: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64? = nil, customerId: Int64? = nil, sessionId: String? = nil, status: CartStatus = .active,
        currency: String = "USD", createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id; self.customerId = customerId; self.sessionId = sessionId; self.status = status
        self.currency = currency; self.createdAt = createdAt; self.updatedAt = updatedAt ?? createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let lines = hasMany(CartLine.self)
}

/// One line of a cart (`cart_lines`), with the unit price seen when it was added.
public struct CartLine: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "cart_lines"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var cartId: Int64
    public var productId: Int64
    public var variantId: Int64?
    public var quantity: Int
    public var unitPriceCents: Int
    public var addedAt: Date

    public init(
        id: Int64? = nil, cartId: Int64, productId: Int64, variantId: Int64? = nil, quantity: Int,
        unitPriceCents: Int, addedAt: Date
    ) {
        self.id = id; self.cartId = cartId; self.productId = productId; self.variantId = variantId
        self.quantity = quantity; self.unitPriceCents = unitPriceCents; self.addedAt = addedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let cart = belongsTo(Cart.self)
}
