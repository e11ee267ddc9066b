import GRDB

/// Stock arithmetic shared by checkout and cancellation.
///
/// The shop's convention (as the demo generator writes it): a product with variants
/// keeps each variant's stock and, in `products.stock`, their sum; a product without
/// variants keeps its stock in `products.stock` alone. Taking stock is a conditional
/// `UPDATE … WHERE stock >= n` inside the caller's write transaction, so two buyers of
/// the last unit cannot both succeed.
public enum Inventory {
    /// Units that can be sold now of a product, or of one of its variants.
    public static func available(_ db: Database, productID: Int64, variantID: Int64?) throws -> Int {
        if let variantID {
            return try Int.fetchOne(db.cachedStatement(sql: "SELECT stock FROM product_variants WHERE id = ? AND product_id = ?"), arguments: [variantID, productID]) ?? 0
        }
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT stock FROM products WHERE id = ?"), arguments: [productID]) ?? 0
    }

    /// Takes `quantity` units; false (and nothing changed) when fewer are left.
    public static func take(_ db: Database, productID: Int64, variantID: Int64?, quantity: Int) throws -> Bool {
        if let variantID {
            try db.execute(sql: "UPDATE product_variants SET stock = stock - ? WHERE id = ? AND product_id = ? AND stock >= ?",
                           arguments: [quantity, variantID, productID, quantity])
            guard db.changesCount == 1 else { return false }
            try db.cachedStatement(sql: "UPDATE products SET stock = MAX(0, stock - ?) WHERE id = ?").execute(arguments: [quantity, productID])
            return true
        }
        try db.cachedStatement(sql: "UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?").execute(arguments: [quantity, productID, quantity])
        return db.changesCount == 1
    }

    /// Puts `quantity` units back (a cancelled order).
    public static func restock(_ db: Database, productID: Int64?, variantID: Int64?, quantity: Int) throws {
        guard let productID else { return }
        if let variantID {
            try db.cachedStatement(sql: "UPDATE product_variants SET stock = stock + ? WHERE id = ?").execute(arguments: [quantity, variantID])
        }
        try db.cachedStatement(sql: "UPDATE products SET stock = stock + ? WHERE id = ?").execute(arguments: [quantity, productID])
    }
}
