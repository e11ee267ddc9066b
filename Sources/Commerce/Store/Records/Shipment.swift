import Foundation
import GRDB

/// A parcel of an order (`shipments`), with its carrier and tracking number.
public struct Shipment: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "shipments"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var orderId: Int64
    public var carrier: String
    public var trackingNumber: String
    public var shippedAt: Date?
    public var estimatedDelivery: Date?
    public var deliveredAt: Date?

    public init(
        id: Int64? = nil, orderId: Int64, carrier: String, trackingNumber: String,
        shippedAt: Date? = nil, estimatedDelivery: Date? = nil, deliveredAt: Date? = nil
    ) {
        self.id = id; self.orderId = orderId; self.carrier = carrier; self.trackingNumber = trackingNumber
        self.shippedAt = shippedAt; self.estimatedDelivery = estimatedDelivery; self.deliveredAt = deliveredAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let order = belongsTo(Order.self)
    public static let events = hasMany(TrackingEvent.self)
}

/// A dated scan of a shipment (`tracking_events`): "in transit, Memphis TN".
///
/// `status` uses the carrier-neutral words `label_created`, `picked_up`, `in_transit`,
/// `exception`, `out_for_delivery`, `delivered`, `returned`.
public struct TrackingEvent: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "tracking_events"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var shipmentId: Int64
    public var at: Date
    public var status: String
    public var location: String
    public var description: String

    public init(id: Int64? = nil, shipmentId: Int64, at: Date, status: String, location: String = "", description: String = "") {
        self.id = id; self.shipmentId = shipmentId; self.at = at; self.status = status
        self.location = location; self.description = description
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let shipment = belongsTo(Shipment.self)
}
