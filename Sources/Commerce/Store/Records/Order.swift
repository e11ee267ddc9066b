import Foundation
import GRDB

/// The life cycle of an order. `delayed` is a shipped order past its first estimate.
public enum OrderStatus: String, Codable, Sendable, Hashable, CaseIterable {
    case placed
    case processing
    case shipped
    case outForDelivery = "out_for_delivery"
    case delivered
    case delayed
    case cancelled
    case returned
}

/// An order (`orders`). `number` is upper-case, e.g. `A10234`.
///
/// `email` is kept on the order itself so a guest (or a customer who is not signed in)
/// can be checked by order number + email; `shippingPostcode` is the second factor.
public struct Order: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "orders"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var number: String
    public var customerId: Int64?
    public var email: String
    public var status: OrderStatus
    public var createdAt: Date
    public var updatedAt: Date
    public var subtotalCents: Int
    public var shippingCents: Int
    public var discountCents: Int
    public var totalCents: Int
    public var currency: String
    public var shippingName: String
    public var shippingPostcode: String
    public var estimatedDelivery: Date?

    public init(
        id: Int64? = nil, number: String, customerId: Int64?, email: String, status: OrderStatus,
        createdAt: Date, updatedAt: Date? = nil, subtotalCents: Int = 0, shippingCents: Int = 0,
        discountCents: Int = 0, totalCents: Int = 0, currency: String = "USD",
        shippingName: String = "", shippingPostcode: String = "", estimatedDelivery: Date? = nil
    ) {
        self.id = id; self.number = number; self.customerId = customerId; self.email = email
        self.status = status; self.createdAt = createdAt; self.updatedAt = updatedAt ?? createdAt
        self.subtotalCents = subtotalCents; self.shippingCents = shippingCents
        self.discountCents = discountCents; self.totalCents = totalCents; self.currency = currency
        self.shippingName = shippingName; self.shippingPostcode = shippingPostcode
        self.estimatedDelivery = estimatedDelivery
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let lines = hasMany(OrderLine.self)
    public static let shipments = hasMany(Shipment.self)
    public static let customer = belongsTo(Customer.self)
}

/// One line of an order (`order_lines`): a snapshot of what was bought at which price.
public struct OrderLine: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "order_lines"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var orderId: Int64
    public var productId: Int64?
    public var variantId: Int64?
    public var sku: String
    public var title: String
    public var quantity: Int
    public var unitPriceCents: Int

    public init(
        id: Int64? = nil, orderId: Int64, productId: Int64?, variantId: Int64? = nil, sku: String,
        title: String, quantity: Int, unitPriceCents: Int
    ) {
        self.id = id; self.orderId = orderId; self.productId = productId; self.variantId = variantId
        self.sku = sku; self.title = title; self.quantity = quantity; self.unitPriceCents = unitPriceCents
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let order = belongsTo(Order.self)
}
