import Foundation
import GRDB
@testable import Commerce

/// A small hand-made shop the service tests share: every product, customer and order is
/// written out here, so a test's expectation can be checked by reading this file.
enum ServiceFixture {
    static let now = Date(timeIntervalSince1970: 1_780_000_000) // a fixed "today"
    static let day: TimeInterval = 86_400

    struct Item {
        var sku: String, title: String, brand: String, category: String, price: Int, rating: Double?, reviews: Int
        var stock: Int, popularity: Double, tags: String
        var variants: [(color: String?, size: String?, stock: Int)] = []
        var attributes: [(String, String?, Double?, String?, String?)] = [] // name, text, number, unit, better
        var ageDays: Double = 100
    }

    static let items: [Item] = [
        Item(sku: "HP-1", title: "Sonora Quiet 700 Noise-Cancelling Headphones", brand: "Sonora", category: "Audio > Headphones", price: 249_00, rating: 4.7, reviews: 320, stock: 12, popularity: 90, tags: "wireless noise-cancelling bluetooth",
             variants: [("Black", nil, 5), ("Silver", nil, 3)],
             attributes: [("battery_life", "30 h", 30, "h", "higher"), ("weight", "250 g", 250, "g", "lower"), ("noise_cancelling", "yes", nil, nil, nil), ("waterproof", "no", nil, nil, nil)], ageDays: 30),
        Item(sku: "HP-2", title: "Sonora Lite Wireless Headphones", brand: "Sonora", category: "Audio > Headphones", price: 99_00, rating: 4.1, reviews: 85, stock: 20, popularity: 60, tags: "wireless bluetooth",
             variants: [("Red", nil, 4), ("Black", nil, 6)],
             attributes: [("battery_life", "20 h", 20, "h", "higher"), ("weight", "180 g", 180, "g", "lower"), ("noise_cancelling", "no", nil, nil, nil)], ageDays: 200),
        Item(sku: "HP-3", title: "Bolt Sport Waterproof Earbuds", brand: "Bolt", category: "Audio > Earbuds", price: 79_00, rating: 4.4, reviews: 150, stock: 0, popularity: 70, tags: "wireless waterproof sport",
             variants: [("Blue", nil, 0)],
             attributes: [("battery_life", "8 h", 8, "h", "higher"), ("waterproof", "yes", nil, nil, nil)], ageDays: 10),
        Item(sku: "HP-4", title: "Acme Studio Wired Headphones", brand: "Acme", category: "Audio > Headphones", price: 39_00, rating: 3.9, reviews: 40, stock: 7, popularity: 20, tags: "wired studio",
             variants: [("Black", nil, 7)], attributes: [("weight", "300 g", 300, "g", "lower")], ageDays: 400),
        Item(sku: "SH-1", title: "Trailblaze 3 Trail Running Shoe", brand: "Northpeak", category: "Shoes > Running Shoes", price: 129_00, rating: 4.6, reviews: 210, stock: 0, popularity: 80, tags: "trail waterproof running",
             variants: [("Red", "9", 2), ("Red", "10", 0), ("Grey", "10", 3), ("Grey", "11", 1)],
             attributes: [("waterproof", "yes", nil, nil, nil), ("weight", "290 g", 290, "g", "lower")], ageDays: 60),
        Item(sku: "SH-2", title: "Northpeak Road Runner Running Shoe", brand: "Northpeak", category: "Shoes > Running Shoes", price: 89_00, rating: 4.2, reviews: 95, stock: 0, popularity: 50, tags: "road running",
             variants: [("Blue", "9", 4), ("Blue", "10", 5)], attributes: [("weight", "240 g", 240, "g", "lower")], ageDays: 20),
        Item(sku: "SH-3", title: "Swiftfoot Racer Running Shoe", brand: "Swiftfoot", category: "Shoes > Running Shoes", price: 159_00, rating: 4.8, reviews: 60, stock: 0, popularity: 40, tags: "racing running lightweight",
             variants: [("White", "10", 2)], attributes: [("weight", "190 g", 190, "g", "lower")], ageDays: 5),
        Item(sku: "JK-1", title: "Northpeak Storm Rain Jacket", brand: "Northpeak", category: "Clothing > Jackets", price: 199_00, rating: 4.5, reviews: 130, stock: 0, popularity: 55, tags: "waterproof rain hiking",
             variants: [("Yellow", "M", 3), ("Navy Blue", "L", 2)], attributes: [("waterproof", "yes", nil, nil, nil)], ageDays: 90),
        Item(sku: "LS-1", title: "Last Unit Lamp", brand: "Lumo", category: "Home > Lighting", price: 45_50, rating: nil, reviews: 0, stock: 1, popularity: 5, tags: "lamp desk", ageDays: 300),
    ]

    /// Creates the shop in `store` and returns product ids by SKU.
    @discardableResult
    static func populate(_ store: ShopStore) throws -> [String: Int64] {
        try store.database.write { db in
            var ids: [String: Int64] = [:]
            for item in items {
                // The shop's convention: a product with variants holds their total stock.
                let stock = item.variants.isEmpty ? item.stock : item.variants.reduce(0) { $0 + $1.stock }
                var product = Product(sku: item.sku, title: item.title, brand: item.brand, category: item.category,
                                      description: "The \(item.title) by \(item.brand).", tags: item.tags, priceCents: item.price,
                                      rating: item.rating, reviewCount: item.reviews, stock: stock, popularity: item.popularity,
                                      createdAt: now.addingTimeInterval(-item.ageDays * day))
                try product.insert(db)
                guard let pid = product.id else { continue }
                ids[item.sku] = pid
                for (i, v) in item.variants.enumerated() {
                    var variant = ProductVariant(productId: pid, sku: "\(item.sku)-\(i)", title: [v.color, v.size].compactMap { $0 }.joined(separator: " / "),
                                                 size: v.size, color: v.color, stock: v.stock)
                    try variant.insert(db)
                    ids["\(item.sku)-\(i)"] = variant.id
                }
                for a in item.attributes {
                    var attribute = ProductAttribute(productId: pid, name: a.0, valueText: a.1, valueNumber: a.2, unit: a.3,
                                                     better: a.4.flatMap { Commerce.AttributeDirection(rawValue: $0) })
                    try attribute.insert(db)
                }
            }
            return ids
        }
    }
}
