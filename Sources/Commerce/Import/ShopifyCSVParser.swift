import Foundation

/// Reads Shopify product CSV exports (all four layout generations) into catalog products.
///
/// Columns are found by header name, never by position; unknown columns are ignored and
/// `Variant Inventory Qty` may be absent. A product spans rows: the row with a `Title` starts
/// it, later rows with the same `Handle` are variants, and rows carrying only image columns
/// are extra images, not variants.
struct ShopifyCSVParser {
    static let required = ["Handle", "Title", "Variant Price"]

    let file: String
    let defaultCurrency: String
    let columns: [String: Int]

    init(file: String, header: [String], defaultCurrency: String) throws(CatalogFileError) {
        self.file = file
        self.defaultCurrency = defaultCurrency
        var columns: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            let key = Self.normalize(name)
            if columns[key] == nil { columns[key] = i }
        }
        self.columns = columns
        let missing = Self.required.filter { columns[Self.normalize($0)] == nil }
        if !missing.isEmpty {
            throw CatalogFileError(file: file, reason: "missing required Shopify columns \(missing.joined(separator: ", ")) in the header. Export the products again from Shopify (Products → Export → CSV).")
        }
    }

    static func normalize(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
    }

    private func value(_ fields: [String], _ column: String) -> String? {
        guard let i = columns[column], i < fields.count else { return nil }
        return FieldParsing.clean(fields[i])
    }

    private static let variantColumns = ["option1 value", "option2 value", "option3 value", "variant sku", "variant price", "variant inventory qty", "variant compare at price", "variant barcode"]

    /// Parses all records after the header.
    func parse(records: [CSVRecord], into issues: inout [ImportIssue]) -> [CatalogProduct] {
        // Products live in an array mutated in place: copying a product out of a dictionary
        // to append a variant would copy its variant array on every row.
        var products: [CatalogProduct] = []
        var indexByHandle: [String: Int] = [:]
        var skuSeen: [String: Int] = [:]
        var kinds: [String: OptionKind] = [:]
        for record in records {
            let f = record.fields
            let line = record.line
            func report(_ reason: String, _ severity: ImportIssue.Severity = .error) {
                issues.append(ImportIssue(file: file, line: line, reason: reason, severity: severity))
            }
            let title = value(f, "title")
            let isVariantRow = Self.variantColumns.contains { value(f, $0) != nil }
            guard let handle = value(f, "handle") else {
                if title != nil || isVariantRow {
                    report("empty Handle on a row with Title '\(title ?? "")'; the row is skipped. Every product row needs its Handle.")
                }
                continue
            }
            if let title, indexByHandle[handle] == nil {
                let body = value(f, "body (html)") ?? ""
                let type = value(f, "type")
                let taxonomy = value(f, "product category") ?? value(f, "google shopping / google product category")
                var attributes: [String: String] = [:]
                for (key, column) in [("gender", "google shopping / gender"), ("age_group", "google shopping / age group"), ("condition", "google shopping / condition")] {
                    if let v = value(f, column) { attributes[key] = v }
                }
                let product = CatalogProduct(
                    key: handle, title: title, description: HTMLText.plainText(body),
                    brand: value(f, "vendor"), category: type ?? FieldParsing.categoryLeaf(taxonomy), categoryPath: taxonomy,
                    tags: (value(f, "tags") ?? "").split(separator: ",").compactMap { FieldParsing.clean(String($0)) },
                    imageURL: value(f, "image src"), status: value(f, "status")?.lowercased(),
                    attributes: attributes, line: line)
                indexByHandle[handle] = products.count
                products.append(product)
            } else if title != nil, let existing = indexByHandle[handle].map({ products[$0] }), existing.line != line {
                report("Handle '\(handle)' starts a second product ('\(title ?? "")'); its row is read as another variant of the product on line \(existing.line).", .warning)
            }
            guard let index = indexByHandle[handle] else {
                if isVariantRow {
                    report("row for Handle '\(handle)' comes before (or without) the product row that has its Title; the row is skipped.")
                }
                continue
            }
            guard isVariantRow else {
                if products[index].imageURL == nil, let image = value(f, "image src") {
                    products[index].imageURL = image
                }
                continue
            }
            // The variant part of the row.
            let price: Money
            switch FieldParsing.price(value(f, "variant price") ?? "", defaultCurrency: defaultCurrency) {
            case .success(let money): price = money
            case .failure(let problem):
                report("\(handle): Variant Price: \(problem); the variant is skipped.")
                continue
            }
            var compareAt: Money?
            if let raw = value(f, "variant compare at price"), case .success(let money) = FieldParsing.price(raw, defaultCurrency: defaultCurrency), money.amount > 0 {
                compareAt = money
            }
            var stock: Int?
            switch FieldParsing.stock(value(f, "variant inventory qty") ?? "") {
            case .success(let qty):
                stock = qty
                if let qty, qty < 0 {
                    report("\(handle): Variant Inventory Qty is \(qty) (oversold); imported as 0.", .warning)
                    stock = 0
                }
            case .failure:
                report("\(handle): Variant Inventory Qty '\(value(f, "variant inventory qty") ?? "")' is not a whole number; stock is left unknown.", .warning)
            }
            var options: [VariantOption] = []
            for n in 1...3 {
                guard let optionValue = value(f, "option\(n) value") else { continue }
                let optionName = value(f, "option\(n) name") ?? products[index].variants.first.flatMap { $0.options.count >= n ? $0.options[n - 1].name : nil } ?? "Option\(n)"
                if optionName.lowercased() == "title" && optionValue.lowercased() == "default title" { continue }
                let kind: OptionKind
                if let known = kinds[optionName] { kind = known } else { kind = FieldParsing.optionKind(optionName); kinds[optionName] = kind }
                options.append(VariantOption(name: optionName, value: optionValue, kind: kind))
            }
            var sku = value(f, "variant sku")
            if let given = sku, let firstLine = skuSeen[given] {
                report("\(handle): Variant SKU '\(given)' was already used on line \(firstLine); this variant gets a derived SKU instead.", .warning)
                sku = nil
            }
            let derived = sku == nil
            let finalSKU = sku ?? ([handle] + options.map(\.value)).joined(separator: "/")
            if !derived { skuSeen[finalSKU] = line }
            if derived, let twin = products[index].variants.first(where: { $0.sku == finalSKU }) {
                let described = options.isEmpty ? "no options" : options.map(\.value).joined(separator: " / ")
                report("\(handle): a variant with the same options (\(described)) is already on line \(twin.line); the duplicate is skipped.")
                continue
            }
            let availability: Availability? = stock.map { $0 > 0 ? .inStock : .outOfStock }
            products[index].variants.append(CatalogVariant(
                sku: finalSKU, skuIsDerived: derived, price: price, compareAtPrice: compareAt, stock: stock,
                availability: availability, options: options, barcode: value(f, "variant barcode"),
                imageURL: value(f, "variant image"), line: line))
        }
        return products.compactMap { product in
            let handle = product.key
            if product.variants.isEmpty {
                if issues.contains(where: { $0.line == product.line && $0.severity == .error }) { return nil }
                issues.append(ImportIssue(file: file, line: product.line, reason: "product '\(handle)' has no importable variant; it is skipped.", severity: .warning))
                return nil
            }
            return product
        }
    }
}
