import Foundation
import GRDB

/// What one file's import did, for the per-file summary and `--json`.
public struct CatalogImportSummary: Sendable, Codable, Hashable {
    /// The file as named on the command line.
    public var file: String
    /// The detected format, nil when the file was rejected before detection.
    public var format: CatalogFormat?
    /// The text encoding the file was read in.
    public var encoding: String?
    /// Products written (new + updated).
    public var products: Int
    /// Variants written (new + updated).
    public var variants: Int
    /// Products that were already in the store (matched by SKU) and were updated.
    public var updated: Int
    /// Rows skipped because of an error.
    public var skipped: Int
    /// Warnings (rows imported with a correction, file-level notes).
    public var warnings: Int
    /// Every reported row, in file order.
    public var issues: [ImportIssue]
    /// Why the whole file was refused; nil when it was imported.
    public var rejected: String?
    /// Wall-clock seconds spent parsing and writing.
    public var seconds: Double

    /// True when the file was refused as a whole (nothing written).
    public var isRejected: Bool { rejected != nil }
}

/// Writes parsed catalogs into the shop store: upsert by SKU, one transaction per file.
///
/// Products are matched by their stable key (Shopify handle, GMC item_group_id or id) in
/// `products.sku`, variants by SKU in `product_variants.sku`, so importing a file twice
/// leaves the same rows and reports them as updated. A file that cannot be read is refused
/// before anything is written; a file with bad rows lands its good rows. The FTS index is
/// kept in sync by the store's triggers inside the same transaction, so readers in other
/// processes see either the old catalog or the new one, never half a file.
public struct CatalogImporter: Sendable {
    public let store: ShopStore
    /// The currency of prices written without one (`--currency`).
    public let defaultCurrency: String

    public init(store: ShopStore, defaultCurrency: String = "USD") {
        self.store = store
        self.defaultCurrency = defaultCurrency.uppercased()
    }

    /// Parses and writes one file. File-level problems come back as a rejected summary;
    /// only store failures throw.
    public func importFile(at path: String, displayName: String? = nil, progress: ((Double) -> Void)? = nil) throws -> CatalogImportSummary {
        let started = Date()
        let name = displayName ?? path
        let parsed: ParsedCatalog
        do {
            parsed = try CatalogParser.parse(path: path, displayName: name, defaultCurrency: defaultCurrency)
        } catch {
            return CatalogImportSummary(file: name, format: nil, encoding: nil, products: 0, variants: 0, updated: 0, skipped: 0,
                                        warnings: 0, issues: [], rejected: error.description, seconds: Date().timeIntervalSince(started))
        }
        progress?(0.1)
        var summary = try write(parsed) { fraction in progress?(0.1 + 0.9 * fraction) }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Writes an already parsed file in one transaction.
    public func write(_ parsed: ParsedCatalog, progress: ((Double) -> Void)? = nil) throws -> CatalogImportSummary {
        let source = parsed.format == .shopifyCSV ? "shopify" : "merchant-center"
        var issues = parsed.issues
        let now = Date()
        let (products, variants, updated) = try store.database.write { db -> (Int, Int, Int) in
            var products = 0, variants = 0, updated = 0
            let total = max(parsed.products.count, 1)
            for (index, product) in parsed.products.enumerated() {
                let (productId, existed) = try upsert(product, source: source, now: now, db: db)
                if existed { updated += 1 }
                products += 1
                for variant in product.variants {
                    if let problem = try upsert(variant, productId: productId, productKey: product.key, db: db) {
                        issues.append(ImportIssue(file: parsed.file, line: variant.line, reason: problem, severity: .warning))
                    }
                    variants += 1
                }
                try writeAttributes(product, productId: productId, db: db)
                if index % 64 == 0 { progress?(Double(index) / Double(total)) }
            }
            return (products, variants, updated)
        }
        progress?(1)
        return CatalogImportSummary(
            file: parsed.file, format: parsed.format, encoding: parsed.encoding, products: products, variants: variants,
            updated: updated, skipped: issues.filter { $0.severity == .error }.count,
            warnings: issues.filter { $0.severity == .warning }.count, issues: issues.sorted { ($0.line ?? 0) < ($1.line ?? 0) },
            rejected: nil, seconds: 0)
    }

    /// Integer cents, as the store keeps money.
    static func cents(_ money: Money) -> Int {
        var scaled = money.amount * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return NSDecimalNumber(decimal: rounded).intValue
    }

    /// Stock to store: the known total, else 1 when the feed says it can be ordered
    /// (the schema has no "unknown"; the `stock_known` attribute says it was not given).
    static func storedStock(_ stock: Int?, availability: Availability?) -> Int {
        if let stock { return max(0, stock) }
        return availability == .outOfStock ? 0 : 1
    }

    private func upsert(_ product: CatalogProduct, source: String, now: Date, db: Database) throws -> (Int64, Bool) {
        let lowest = product.lowestPrice ?? Money(amount: 0, currency: defaultCurrency)
        let stock: Int = product.variants.reduce(0) { $0 + Self.storedStock($1.stock, availability: $1.availability) }
        let tags = product.tags.joined(separator: " ")
        let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM products WHERE sku = ?"), arguments: [product.key])
        let arguments: StatementArguments = [
            product.key, product.key, product.title, product.brand ?? "", product.category ?? "", product.description, tags,
            Self.cents(lowest), lowest.currency, stock, product.imageURL, source, now,
        ]
        if let existing {
            try db.cachedStatement(sql: """
                UPDATE products SET sku = ?, handle = ?, title = ?, brand = ?, category = ?, description = ?, tags = ?,
                    price_cents = ?, currency = ?, stock = ?, image_url = ?, source = ?, updated_at = ?
                WHERE id = ?
                """).execute(arguments: arguments + [existing])
            return (existing, true)
        }
        try db.cachedStatement(sql: """
            INSERT INTO products (sku, handle, title, brand, category, description, tags, price_cents, currency, stock,
                image_url, source, updated_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: arguments + [now])
        return (db.lastInsertedRowID, false)
    }

    /// Upserts one variant; returns a warning when its SKU moved from another product.
    private func upsert(_ variant: CatalogVariant, productId: Int64, productKey: String, db: Database) throws -> String? {
        var options: [String: String] = [:]
        for option in variant.options where options[option.name] == nil { options[option.name] = option.value }
        let json = String(decoding: try Self.jsonEncoder.encode(options), as: UTF8.self)
        let title = variant.options.isEmpty ? "Default" : variant.options.map(\.value).joined(separator: " / ")
        let previousOwner = try Int64.fetchOne(db.cachedStatement(sql: "SELECT product_id FROM product_variants WHERE sku = ?"), arguments: [variant.sku])
        let arguments: StatementArguments = [
            productId, variant.sku, title, variant.size, variant.color, variant.material, Self.cents(variant.price),
            Self.storedStock(variant.stock, availability: variant.availability), json, variant.imageURL,
        ]
        if previousOwner != nil {
            try db.cachedStatement(sql: """
                UPDATE product_variants SET product_id = ?, sku = ?, title = ?, size = ?, color = ?, material = ?,
                    price_cents = ?, stock = ?, options = ?, image_url = ? WHERE sku = ?
                """).execute(arguments: arguments + [variant.sku])
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO product_variants (product_id, sku, title, size, color, material, price_cents, stock, options, image_url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: arguments)
        }
        if let previousOwner, previousOwner != productId {
            return "\(productKey): variant SKU '\(variant.sku)' belonged to another product in the store; it now belongs to this one."
        }
        return nil
    }

    /// Every attribute name the importer may write (and so may remove on re-import).
    static let importedAttributeNames: Set<String> = [
        "color", "size", "material", "gender", "age_group", "condition", "pattern", "mpn", "model", "year", "mileage",
        "fuel", "make", "category_path", "status", "availability", "stock_known",
    ]

    private static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Writes the facts search and comparison use: the colors, sizes and materials on
    /// offer, plus feed attributes such as gender and condition.
    private func writeAttributes(_ product: CatalogProduct, productId: Int64, db: Database) throws {
        var facts: [(String, String?, Double?, String?, String?)] = []
        for kind in [OptionKind.color, .size, .material] {
            var seen: [String] = []
            for variant in product.variants {
                if let v = variant.option(kind), !seen.contains(where: { $0.caseInsensitiveCompare(v) == .orderedSame }) { seen.append(v) }
            }
            if !seen.isEmpty { facts.append((kind.rawValue, seen.joined(separator: ", "), nil, nil, nil)) }
        }
        for (name, value) in product.attributes.sorted(by: { $0.key < $1.key }) {
            switch name {
            case "year":
                facts.append((name, value, Double(value), nil, "higher"))
            case "mileage":
                let number = Double(value.filter { $0.isNumber || $0 == "." })
                let unit = value.lowercased().contains("km") ? "km" : (value.lowercased().contains("mile") ? "miles" : nil)
                facts.append((name, value, number, unit, "lower"))
            default:
                facts.append((name, value, nil, nil, nil))
            }
        }
        if let path = product.categoryPath { facts.append(("category_path", path, nil, nil, nil)) }
        if let status = product.status { facts.append(("status", status, nil, nil, nil)) }
        let availabilities = Set(product.variants.compactMap(\.availability))
        if !availabilities.isEmpty {
            let value = availabilities.contains(.inStock) ? Availability.inStock : (availabilities.first ?? .outOfStock)
            facts.append(("availability", value.rawValue, nil, nil, nil))
        }
        facts.append(("stock_known", product.variants.allSatisfy { $0.stock != nil } ? "yes" : "no", nil, nil, nil))
        let statement = try db.cachedStatement(sql: """
            INSERT INTO product_attributes (product_id, name, value_text, value_number, unit, better)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(product_id, name) DO UPDATE SET value_text = excluded.value_text, value_number = excluded.value_number,
                unit = excluded.unit, better = excluded.better
            """)
        for (name, text, number, unit, better) in facts {
            try statement.execute(arguments: [productId, name, text, number, unit, better])
        }
        // A fact the file no longer states (a color sold out of the range) must not linger;
        // attributes the importer never writes (a demo shop's battery hours) are left alone.
        let stale = Self.importedAttributeNames.subtracting(facts.map(\.0))
        if !stale.isEmpty {
            try db.execute(sql: "DELETE FROM product_attributes WHERE product_id = ? AND name IN (\(databaseQuestionMarks(count: stale.count)))",
                           arguments: StatementArguments([productId] + stale.sorted()))
        }
    }
}
