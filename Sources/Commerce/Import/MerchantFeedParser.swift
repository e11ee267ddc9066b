import Foundation

/// Reads Google Merchant Center items (from TSV, CSV or XML) into catalog products.
///
/// Each item is one variant; items sharing an `item_group_id` become one product, and an item
/// without a group is a product of its own. Unknown attributes (vehicle-ads columns and the
/// like) are ignored.
struct MerchantFeedParser {
    static let required = ["id", "title", "price"]

    let file: String
    let defaultCurrency: String
    private var order: [String] = []
    private var products: [String: CatalogProduct] = [:]
    private var idLines: [String: String] = [:]

    init(file: String, defaultCurrency: String) {
        self.file = file
        self.defaultCurrency = defaultCurrency
    }

    /// The attribute name without a `g:` prefix, lower-cased.
    static func normalize(_ name: String) -> String {
        var key = name.trimmingCharacters(in: .whitespaces).lowercased()
        if key.hasPrefix("g:") { key.removeFirst(2) }
        return key
    }

    static func missingColumns(_ header: [String]) -> [String] {
        let names = Set(header.map(normalize))
        return required.filter { !names.contains($0) }
    }

    /// Adds one item (attribute name → value, names already normalized).
    /// `ordinal` (1-based item number) is named in messages for XML, where one line may hold the whole feed.
    mutating func add(item: [String: String], line: Int, ordinal: Int? = nil, issues: inout [ImportIssue]) {
        func v(_ key: String) -> String? { FieldParsing.clean(item[key]) }
        func report(_ reason: String, _ severity: ImportIssue.Severity = .error) {
            let where_ = ordinal.map { "item \($0): " } ?? ""
            issues.append(ImportIssue(file: file, line: line, reason: where_ + reason, severity: severity))
        }
        guard let id = v("id") else { report("item has no id; it is skipped."); return }
        guard let title = v("title") else { report("\(id): item has no title; it is skipped."); return }
        let regular: Money
        switch FieldParsing.price(v("price") ?? "", defaultCurrency: defaultCurrency) {
        case .success(let money): regular = money
        case .failure(let problem): report("\(id): price: \(problem); the item is skipped."); return
        }
        var price = regular
        var compareAt: Money?
        if let raw = v("sale_price"), case .success(let sale) = FieldParsing.price(raw, defaultCurrency: regular.currency), sale.amount < regular.amount {
            price = sale
            compareAt = regular
        }
        var options: [VariantOption] = []
        for (key, kind) in [("size", OptionKind.size), ("color", .color), ("material", .material)] {
            if let value = v(key) { options.append(VariantOption(name: key, value: value, kind: kind)) }
        }
        var availability: Availability?
        if let raw = v("availability") {
            availability = Availability(feedValue: raw)
            if availability == nil { report("\(id): availability '\(raw)' is not a GMC value (in_stock, out_of_stock, preorder, backorder); left unknown.", .warning) }
        }
        var stock: Int?
        if let raw = v("quantity") ?? v("sell_on_google_quantity"), case .success(let qty) = FieldParsing.stock(raw), let qty {
            if qty < 0 { report("\(id): quantity is \(qty); imported as 0.", .warning) }
            stock = max(0, qty)
        }
        let variant = CatalogVariant(sku: id, price: price, compareAtPrice: compareAt, stock: stock, availability: availability,
                                     options: options, barcode: v("gtin"), imageURL: v("image_link"), line: line)
        if let first = idLines[id] {
            report("\(id): duplicate id (first \(first)); the later item replaces the earlier one.", .warning)
            for key in order {
                products[key]?.variants.removeAll { $0.sku == id }
            }
        }
        idLines[id] = ordinal.map { "as item \($0)" } ?? "on line \(line)"
        let key = v("item_group_id") ?? id
        if products[key] != nil {
            products[key]?.variants.append(variant)
            return
        }
        let productType = v("product_type")
        let taxonomy = v("google_product_category")
        var attributes: [String: String] = [:]
        for name in ["gender", "age_group", "condition", "pattern", "mpn", "model", "year", "mileage", "fuel", "make"] {
            if let value = v(name) { attributes[name] = value }
        }
        let typeLeaf = productType.flatMap { FieldParsing.categoryLeaf($0.replacingOccurrences(of: "&gt;", with: ">")) }
        products[key] = CatalogProduct(
            key: key, title: title, description: HTMLText.plainText(v("description") ?? ""),
            brand: v("brand") ?? v("make"), category: typeLeaf ?? FieldParsing.categoryLeaf(taxonomy),
            categoryPath: taxonomy ?? productType,
            tags: [v("custom_label_0"), v("custom_label_1"), v("custom_label_2")].compactMap { $0 },
            imageURL: v("image_link"), link: v("link"), attributes: attributes, variants: [variant], line: line)
        order.append(key)
    }

    /// The products gathered so far, in file order, dropping groups emptied by duplicates.
    func finish() -> [CatalogProduct] {
        order.compactMap { products[$0] }.filter { !$0.variants.isEmpty }
    }

    /// Reads the records of a delimited feed whose first record is the header.
    mutating func parse(header: [String], records: [CSVRecord], issues: inout [ImportIssue]) {
        let names = header.map(Self.normalize)
        for record in records {
            if record.fields.count != names.count {
                let missing = record.fields.count < names.count ? names[record.fields.count...].joined(separator: ", ") : ""
                let detail = record.fields.count < names.count
                    ? "missing \(missing)"
                    : "a stray tab or delimiter inside a value shifts the columns"
                issues.append(ImportIssue(file: file, line: record.line,
                                          reason: "\(record.fields.first.flatMap { FieldParsing.clean($0) } ?? "row"): has \(record.fields.count) fields but the header has \(names.count) (\(detail)); the row is skipped.",
                                          severity: .error))
                continue
            }
            var item: [String: String] = [:]
            for (name, value) in zip(names, record.fields) where item[name] == nil || item[name]?.isEmpty == true {
                item[name] = value
            }
            add(item: item, line: record.line, issues: &issues)
        }
    }
}
