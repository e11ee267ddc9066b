import Foundation

/// A price as an exact decimal amount and an ISO 4217 currency code.
///
/// Catalog prices are never stored as binary floating point: `69.99` must stay `69.99`.
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// The exact amount, e.g. `69.99`.
    public var amount: Decimal
    /// The upper-case ISO 4217 code, e.g. `USD`.
    public var currency: String

    public init(amount: Decimal, currency: String) {
        self.amount = amount
        self.currency = currency
    }

    /// The amount as a plain decimal string with at least two fraction digits, e.g. `69.99`, `59500.00`.
    public var plainAmount: String {
        var text = NSDecimalNumber(decimal: amount).stringValue
        if !text.contains(".") { text += ".00" } else if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) == 2 { text += "0" }
        return text
    }

    /// The amount as a Double, for SQL columns and sorting (never for arithmetic on prices).
    public var doubleValue: Double { NSDecimalNumber(decimal: amount).doubleValue }

    public var description: String { "\(plainAmount) \(currency)" }
}

/// Whether a variant can be ordered, as a merchant feed states it.
public enum Availability: String, Sendable, Hashable, Codable {
    case inStock = "in_stock"
    case outOfStock = "out_of_stock"
    case preorder
    case backorder

    /// Reads GMC's spellings (`in stock`, `in_stock`, `out of stock`, …); nil when unknown.
    public init?(feedValue: String) {
        let key = feedValue.lowercased().trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        switch key {
        case "in_stock", "instock", "available": self = .inStock
        case "out_of_stock", "outofstock", "sold_out", "discontinued": self = .outOfStock
        case "preorder", "pre_order": self = .preorder
        case "backorder", "back_order", "available_for_order": self = .backorder
        default: return nil
        }
    }
}

/// What a variant option means, whatever the shop called it (`Size`, `Größe`, `Choose Ring Size`, `Colour`, `Farbe`).
public enum OptionKind: String, Sendable, Hashable, Codable {
    case size, color, material, other
}

/// One option of a variant as the file wrote it, with its recognised meaning.
public struct VariantOption: Sendable, Hashable {
    /// The option name as written (`Farbe`, `Choose Ring Size`).
    public var name: String
    /// The option value as written (`Schwarz`, `52`).
    public var value: String
    /// What the option means, so search and comparison can use it.
    public var kind: OptionKind

    public init(name: String, value: String, kind: OptionKind) {
        self.name = name
        self.value = value
        self.kind = kind
    }
}

/// One purchasable variant of a catalog product (one Shopify variant row, one GMC item).
public struct CatalogVariant: Sendable, Hashable {
    /// The SKU to upsert by: the file's SKU, or a stable id derived from the product key and options.
    public var sku: String
    /// True when the file had no SKU and `sku` was derived.
    public var skuIsDerived: Bool
    /// The selling price.
    public var price: Money
    /// The "was" price (Shopify compare-at, GMC price when a sale price is given).
    public var compareAtPrice: Money?
    /// Units in stock; nil when the file does not say (newer Shopify exports, GMC feeds).
    public var stock: Int?
    /// Availability as stated by the file, or derived from stock.
    public var availability: Availability?
    /// The options in file order (Option1..3, or GMC color/size/material).
    public var options: [VariantOption]
    /// Barcode / GTIN when given.
    public var barcode: String?
    /// A variant-specific image URL.
    public var imageURL: String?
    /// The physical line where the variant's record starts.
    public var line: Int

    public init(sku: String, skuIsDerived: Bool = false, price: Money, compareAtPrice: Money? = nil, stock: Int? = nil,
                availability: Availability? = nil, options: [VariantOption] = [], barcode: String? = nil,
                imageURL: String? = nil, line: Int) {
        self.sku = sku
        self.skuIsDerived = skuIsDerived
        self.price = price
        self.compareAtPrice = compareAtPrice
        self.stock = stock
        self.availability = availability
        self.options = options
        self.barcode = barcode
        self.imageURL = imageURL
        self.line = line
    }

    /// The first option value of a kind (e.g. the size), if any.
    public func option(_ kind: OptionKind) -> String? {
        options.first { $0.kind == kind }?.value
    }

    /// Size, color and material, when the variant has them.
    public var size: String? { option(.size) }
    public var color: String? { option(.color) }
    public var material: String? { option(.material) }
}

/// A product read from a merchant file, normalized across Shopify CSV and Google Merchant feeds.
public struct CatalogProduct: Sendable, Hashable {
    /// The stable product key: the Shopify `Handle`, or the GMC `item_group_id` (else the item `id`).
    public var key: String
    /// The product title (for GMC groups: the first item's title).
    public var title: String
    /// The description as plain text: HTML stripped, entities decoded, whitespace collapsed.
    public var description: String
    /// Brand / vendor, trimmed.
    public var brand: String?
    /// The best human category: the merchant's own type, else the last step of the taxonomy path.
    public var category: String?
    /// The taxonomy path as given (`Apparel & Accessories > Clothing`, or a numeric Google id).
    public var categoryPath: String?
    /// Tags / labels.
    public var tags: [String]
    /// The main image URL.
    public var imageURL: String?
    /// The product page URL (GMC `link`).
    public var link: String?
    /// Shopify status (`active`, `draft`, `archived`), when given.
    public var status: String?
    /// Extra typed facts worth keeping for comparison (gender, age group, condition, …).
    public var attributes: [String: String]
    /// The variants; a product always has at least one once parsed.
    public var variants: [CatalogVariant]
    /// The physical line where the product's first record starts.
    public var line: Int

    public init(key: String, title: String, description: String = "", brand: String? = nil, category: String? = nil,
                categoryPath: String? = nil, tags: [String] = [], imageURL: String? = nil, link: String? = nil,
                status: String? = nil, attributes: [String: String] = [:], variants: [CatalogVariant] = [], line: Int) {
        self.key = key
        self.title = title
        self.description = description
        self.brand = brand
        self.category = category
        self.categoryPath = categoryPath
        self.tags = tags
        self.imageURL = imageURL
        self.link = link
        self.status = status
        self.attributes = attributes
        self.variants = variants
        self.line = line
    }

    /// The lowest variant price (what a product list shows as "from").
    public var lowestPrice: Money? {
        variants.map(\.price).min { $0.amount < $1.amount }
    }

    /// Total stock over variants, or nil when no variant states stock.
    public var totalStock: Int? {
        let known = variants.compactMap(\.stock)
        return known.isEmpty ? nil : known.reduce(0, +)
    }
}

/// The file formats the importer recognises from content.
public enum CatalogFormat: String, Sendable, Hashable, Codable {
    case shopifyCSV = "shopify-csv"
    case merchantTSV = "gmc-tsv"
    case merchantCSV = "gmc-csv"
    case merchantXML = "gmc-xml"
}

/// A whole file read into the normalized model, with the problems found on the way.
public struct ParsedCatalog: Sendable {
    /// The file name used in messages.
    public var file: String
    /// The format detected from content.
    public var format: CatalogFormat
    /// How the bytes were decoded (`UTF-8`, `UTF-16LE`, `Windows-1252`, …).
    public var encoding: String
    /// Products with at least one importable variant.
    public var products: [CatalogProduct]
    /// Row-level and file-level problems that did not stop the import.
    public var issues: [ImportIssue]

    public var variantCount: Int { products.reduce(0) { $0 + $1.variants.count } }
    /// Rows that were skipped because of an error.
    public var skippedRows: Int { issues.filter { $0.severity == .error }.count }
}
