import Foundation
import GRDB

/// A generated product, as much of it as orders need later.
struct DemoProductRef: Sendable {
    var id: Int64
    var category: Int
    var brand: String
    var priceCents: Int
    var popularity: Double
    var firstVariantID: Int64
    var variantCount: Int
}

/// Writes the demo catalog (products, variants, attributes) with prepared statements.
struct DemoCatalogGenerator {
    let options: DemoShopOptions
    let reference: Int64

    static let modelNumbers = ["2", "3", "4", "5", "7", "9", "X", "II", "SE", "100", "300", "500", "700", "900"]
    static let priceEndings = [99, 99, 99, 49, 0]

    /// Inserts `options.products` products; returns, per category, the most popular ones
    /// (the pool orders draw from).
    func write(_ db: Database, progress: (Int) -> Void) throws -> [[DemoProductRef]] {
        let categories = DemoCatalogSpec.categories
        // Accessories and consumables make up a smaller share of the catalog.
        let shares = categories.map { $0.consumable || $0.priceRange.upperBound < 70 ? 0.4 : 1.0 }
        var rng = DemoRandom.stream(seed: options.seed, "products")

        let productSQL = """
            INSERT INTO products (id, sku, handle, title, brand, category, description, tags, price_cents, currency,
              rating, review_count, stock, popularity, image_url, source, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, 'demo', ?, ?)
            """
        let insertProduct = try db.makeStatement(sql: productSQL)
        let insertVariant = try db.makeStatement(sql: """
            INSERT INTO product_variants (id, product_id, sku, title, size, color, material, price_cents, stock, options, image_url)
            VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL)
            """)
        let insertAttribute = try db.makeStatement(sql: """
            INSERT INTO product_attributes (product_id, name, value_text, value_number, unit, better) VALUES (?, ?, ?, ?, ?, ?)
            """)

        var byCategory = Array(repeating: [DemoProductRef](), count: categories.count)
        var nextVariantID: Int64 = 1
        let step = max(1, options.products / 200)

        for index in 0..<options.products {
            let id = Int64(index + 1)
            let c = rng.weightedIndex(shares)
            let spec = categories[c]
            let quality = rng.unit()
            let brand = rng.pick(spec.brands)
            let model = rng.pick(spec.models)
            let number = spec.consumable ? "" : rng.pick(Self.modelNumbers)

            // Attributes first: the title and description mention them.
            var titleWords: [String] = []
            var phrases: [String] = []
            var attributeRows: [(String, String?, Double?, String?, String?)] = []
            for attribute in spec.attributes {
                let (text, number, titleWord) = value(of: attribute, quality: quality, rng: &rng)
                if let titleWord { titleWords.append(titleWord) }
                let shown = attribute.unit.map { text + " " + $0 } ?? text
                phrases.append(attribute.phrase.replacingOccurrences(of: "%@", with: shown))
                attributeRows.append((attribute.name, text, number, attribute.unit, attribute.better?.rawValue))
            }

            let sku = spec.code + "-" + Self.padded(index + 1, 7)
            var title = brand + " " + model
            if !number.isEmpty { title += " " + number }
            for word in titleWords where !title.contains(word) { title += " " + word }
            title += " " + spec.noun

            let lo = Double(spec.priceRange.lowerBound), hi = Double(spec.priceRange.upperBound)
            let dollars = Int(lo + (hi - lo) * (0.85 * pow(quality, 1.6) + 0.15 * rng.unit()))
            let ending = rng.pick(Self.priceEndings)
            let priceCents = ending == 0 ? max(100, dollars * 100) : max(99, dollars * 100 - 100 + ending)

            let reviewCount = max(0, Int(exp(rng.double(0, 8.3))) - 1)
            let noise = (rng.unit() + rng.unit() + rng.unit() - 1.5) * 0.8
            let rating: Double? = reviewCount == 0 ? nil : (min(5, max(1.5, 3.3 + 1.5 * quality + noise)) * 10).rounded() / 10
            let stock = rng.chance(0.08) ? 0 : rng.int(1...240)
            let popularity = ((log(1 + Double(reviewCount)) * (rating ?? 3) / 5 + rng.unit()) * 1000).rounded() / 1000
            let created = reference - Int64(rng.int(1...900)) * StorageDate.day - Int64(rng.int(0..<86_400))

            let colorCount = spec.maxColors == 0 ? 0 : rng.int(1...spec.maxColors)
            let colors = rng.sample(spec.colors, colorCount)

            var description = "The \(brand) \(model)\(number.isEmpty ? "" : " " + number) \(spec.noun.lowercased()): "
            description += Self.list(Array(phrases.prefix(3)))
            description += ". " + rng.pick(spec.blurbs)
            if !colors.isEmpty { description += " Available in \(Self.list(colors))." }
            var tags = rng.sample(spec.tags, 3)
            tags.append(contentsOf: colors.map { $0.lowercased() })
            tags.append(contentsOf: titleWords.map { $0.lowercased() })

            let createdText = StorageDate.sql(created)
            insertProduct.setUncheckedArguments([
                id, sku, sku.lowercased(), title, brand, spec.name, description, tags.joined(separator: " "), priceCents,
                rating, reviewCount, stock, popularity, "https://img.example.com/demo/\(sku).jpg", createdText, createdText,
            ])
            try insertProduct.execute()

            for row in attributeRows {
                insertAttribute.setUncheckedArguments([id, row.0, row.1, row.2, row.3, row.4])
                try insertAttribute.execute()
            }

            // Variants: one per color × size; stock spread over them (sum = product stock).
            let firstVariant = nextVariantID
            if !colors.isEmpty {
                let sizes = spec.sizes.isEmpty ? [""] : spec.sizes
                let count = colors.count * sizes.count
                var remaining = stock
                var made = 0
                for color in colors {
                    for size in sizes {
                        made += 1
                        let share = made == count ? remaining : (stock == 0 ? 0 : min(remaining, rng.int(0...(2 * stock / count + 1))))
                        remaining -= share
                        let colorCode = color.uppercased().replacingOccurrences(of: " ", with: "")
                        let variantSKU = size.isEmpty ? "\(sku)-\(colorCode)" : "\(sku)-\(colorCode)-\(size)"
                        let options = size.isEmpty ? "{\"Color\":\"\(color)\"}" : "{\"Color\":\"\(color)\",\"Size\":\"\(size)\"}"
                        insertVariant.setUncheckedArguments([
                            nextVariantID, id, variantSKU, size.isEmpty ? color : "\(color) / \(size)",
                            size.isEmpty ? nil : size, color, spec.material, share, options,
                        ])
                        try insertVariant.execute()
                        nextVariantID += 1
                    }
                }
            }
            byCategory[c].append(DemoProductRef(
                id: id, category: c, brand: brand, priceCents: priceCents, popularity: popularity,
                firstVariantID: firstVariant, variantCount: Int(nextVariantID - firstVariant)
            ))
            // The last product is reported once, below.
            if (index + 1) % step == 0, index + 1 < options.products { progress(index + 1) }
        }
        progress(options.products)
        // Orders draw from each category's most popular products, so purchases overlap.
        return byCategory.map { refs in
            Array(refs.sorted { ($0.popularity, -$0.id) > ($1.popularity, -$1.id) }.prefix(300))
        }
    }

    /// A value for one attribute: display text, number, and a word for the title.
    private func value(of attribute: DemoAttributeSpec, quality: Double, rng: inout DemoRandom) -> (String, Double?, String?) {
        switch attribute.kind {
        case let .number(min, max, step):
            let position: Double
            switch attribute.better {
            case .higher: position = 0.65 * quality + 0.35 * rng.unit()
            case .lower: position = 1 - (0.65 * quality + 0.35 * rng.unit())
            case nil: position = rng.unit()
            }
            let steps = ((max - min) / step).rounded()
            let value = min + (position * steps).rounded() * step
            let rounded = (value * 10).rounded() / 10
            return (Self.format(rounded, decimals: step < 1), rounded, nil)
        case let .flag(probability, titleWord):
            let p = attribute.better == .higher ? probability + (1 - probability) * 0.6 * quality : probability
            let yes = rng.chance(p)
            return (yes ? "yes" : "no", yes ? 1 : 0, yes ? titleWord : nil)
        case let .choice(options, titleWords):
            let choice = rng.pick(options)
            return (choice, Double(choice), titleWords ? choice : nil)
        }
    }

    static func format(_ value: Double, decimals: Bool) -> String {
        if decimals {
            let tenths = Int((value * 10).rounded())
            return "\(tenths / 10).\(abs(tenths % 10))"
        }
        return String(Int(value.rounded()))
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}
