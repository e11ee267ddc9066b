import Foundation
import GRDB

/// A product in the catalog (`products`). Prices are integer cents in `priceCents`.
///
/// Variants (size, color, …) live in `ProductVariant`; typed, comparable facts such as
/// "battery 30 h, higher is better" live in `ProductAttribute`.
public struct Product: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "products"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var sku: String
    /// The merchant's grouping key (Shopify handle, Merchant Center item_group_id).
    public var handle: String?
    public var title: String
    public var brand: String
    public var category: String
    public var description: String
    /// Space-separated search tags (indexed by FTS).
    public var tags: String
    public var priceCents: Int
    public var currency: String
    /// Average review rating, 0...5, nil when unknown.
    public var rating: Double?
    public var reviewCount: Int
    public var stock: Int
    /// A relative popularity score (higher sells more); demo shops derive it from orders.
    public var popularity: Double
    public var imageUrl: String?
    /// Where the row came from: `demo`, `shopify`, `merchant-center`, …
    public var source: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64? = nil, sku: String, handle: String? = nil, title: String, brand: String = "",
        category: String = "", description: String = "", tags: String = "", priceCents: Int,
        currency: String = "USD", rating: Double? = nil, reviewCount: Int = 0, stock: Int = 0,
        popularity: Double = 0, imageUrl: String? = nil, source: String = "demo",
        createdAt: Date, updatedAt: Date? = nil
    ) {
        self.id = id; self.sku = sku; self.handle = handle; self.title = title; self.brand = brand
        self.category = category; self.description = description; self.tags = tags
        self.priceCents = priceCents; self.currency = currency; self.rating = rating
        self.reviewCount = reviewCount; self.stock = stock; self.popularity = popularity
        self.imageUrl = imageUrl; self.source = source; self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The price as a decimal amount (e.g. 129.99), for display and arithmetic in Decimal.
    public var price: Decimal { Decimal(priceCents) / 100 }
    public var inStock: Bool { stock > 0 }

    public enum Columns {
        public static let id = Column("id"), sku = Column("sku"), title = Column("title")
        public static let brand = Column("brand"), category = Column("category")
        public static let priceCents = Column("price_cents"), rating = Column("rating")
        public static let reviewCount = Column("review_count"), stock = Column("stock")
        public static let popularity = Column("popularity"), createdAt = Column("created_at")
    }

    public static let variants = hasMany(ProductVariant.self)
    public static let attributes = hasMany(ProductAttribute.self)
}

/// A purchasable variant of a product (`product_variants`): a size, color or material.
///
/// `priceCents` nil means "the product's price". `options` keeps every option the
/// merchant gave (`{"Size": "10", "Color": "Black"}`) as JSON.
public struct ProductVariant: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "product_variants"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var productId: Int64
    public var sku: String
    public var title: String
    public var size: String?
    public var color: String?
    public var material: String?
    public var priceCents: Int?
    public var stock: Int
    public var options: [String: String]
    public var imageUrl: String?

    public init(
        id: Int64? = nil, productId: Int64, sku: String, title: String = "", size: String? = nil,
        color: String? = nil, material: String? = nil, priceCents: Int? = nil, stock: Int = 0,
        options: [String: String] = [:], imageUrl: String? = nil
    ) {
        self.id = id; self.productId = productId; self.sku = sku; self.title = title
        self.size = size; self.color = color; self.material = material
        self.priceCents = priceCents; self.stock = stock; self.options = options; self.imageUrl = imageUrl
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let product = belongsTo(Product.self)
}

/// Which direction of a numeric attribute is better, for comparisons.
public enum AttributeDirection: String, Codable, Sendable, Hashable, CaseIterable {
    case higher
    case lower
}

/// A typed product fact used to compare products (`product_attributes`).
///
/// One row per (product, name): `battery_life` = 30 `h`, better `higher`; or
/// `noise_cancelling` = "yes". Numeric facts fill `valueNumber` (and `valueText` with a
/// display form); `better` is nil when neither direction is better (a color, a terrain).
public struct ProductAttribute: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "product_attributes"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var productId: Int64
    /// A snake_case key, e.g. `battery_life`, `weight`, `noise_cancelling`.
    public var name: String
    public var valueText: String?
    public var valueNumber: Double?
    public var unit: String?
    public var better: AttributeDirection?

    public init(
        id: Int64? = nil, productId: Int64, name: String, valueText: String? = nil,
        valueNumber: Double? = nil, unit: String? = nil, better: AttributeDirection? = nil
    ) {
        self.id = id; self.productId = productId; self.name = name; self.valueText = valueText
        self.valueNumber = valueNumber; self.unit = unit; self.better = better
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public static let product = belongsTo(Product.self)
}
