import Foundation
import GRDB

/// The shopping cart and checkout.
///
/// A cart belongs to a customer or, for a guest, to a session; it holds lines of a
/// product (and variant) with a quantity and the unit price seen when added. Totals are
/// integer cents, so they are exact. Checkout turns the cart into an order in
/// `processing` (order status finds it at once) and takes the stock in the same
/// transaction, with conditional updates: when two shoppers — even in two processes —
/// check out the last unit at once, exactly one gets it and the other is told it sold out.
///
/// ```swift
/// let cart = CartService(store: store)
/// try cart.add(.session(id: "s1"), productID: 12, variantID: 40, quantity: 2)
/// let view = try cart.view(.session(id: "s1"))          // lines, subtotal, shipping, total
/// let receipt = try cart.checkout(.session(id: "s1"), details: CheckoutDetails(email: "ada@example.com", postcode: "94110"))
/// receipt.orderNumber                                    // "A10613"
/// ```
public struct CartService: Sendable {
    public let store: ShopStore
    public let shipping: ShippingPolicy
    public let now: @Sendable () -> Date
    /// Days from checkout to the first delivery estimate.
    public static let deliveryDays = 5

    public init(store: ShopStore, shipping: ShippingPolicy = ShippingPolicy(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.shipping = shipping
        self.now = now
    }

    // MARK: - Editing

    /// Adds `quantity` of a product (a variant is required when the product has several;
    /// a product with a single variant uses it);
    /// adding the same product and variant again raises the line's quantity.
    @discardableResult
    public func add(_ owner: CartOwner, productID: Int64, variantID requestedVariant: Int64? = nil, quantity: Int = 1) throws -> CartView {
        guard (1...99).contains(quantity) else { throw CartError.invalidQuantity(quantity) }
        let at = now()
        return try store.database.write { db in
            guard let product = try Product.fetchOne(db.cachedStatement(sql: "SELECT * FROM products WHERE id = ?"), arguments: [productID]) else { throw CartError.unknownProduct(productID) }
            let variants = try ProductVariant.fetchAll(db.cachedStatement(sql: "SELECT * FROM product_variants WHERE product_id = ? ORDER BY id"), arguments: [productID])
            let variantID = requestedVariant ?? (variants.count == 1 ? variants.first?.id : nil)
            var price = product.priceCents
            if let variantID {
                guard let variant = variants.first(where: { $0.id == variantID }) else {
                    throw CartError.unknownVariant(productTitle: product.title, variantID: variantID)
                }
                price = variant.priceCents ?? product.priceCents
            } else if !variants.isEmpty {
                throw CartError.variantRequired(productTitle: product.title, options: variants.map { Self.variantTitle($0) })
            }
            let cartID = try cart(db, owner, create: true, at: at) ?? 0
            let existing = try CartLine.fetchOne(db.cachedStatement(sql: "SELECT * FROM cart_lines WHERE cart_id = ? AND product_id = ? AND variant_id IS ?"),
                                                 arguments: [cartID, productID, variantID])
            let total = (existing?.quantity ?? 0) + quantity
            let available = try Inventory.available(db, productID: productID, variantID: variantID)
            guard total <= available else { throw CartError.notEnoughStock(title: product.title, requested: total, available: available) }
            guard total <= 99 else { throw CartError.invalidQuantity(total) }
            if var line = existing {
                line.quantity = total
                try line.update(db)
            } else {
                var line = CartLine(cartId: cartID, productId: productID, variantId: variantID, quantity: quantity, unitPriceCents: price, addedAt: at)
                try line.insert(db)
            }
            try touch(db, cartID, at: at)
            var event = ShopEvent(at: at, type: .addedToCart, sessionId: Self.sessionID(owner), customerId: Self.customerID(owner),
                                  productId: productID, sku: product.sku, payload: "{\"quantity\":\(quantity)}")
            try event.insert(db)
            return try view(db, cartID: cartID)
        }
    }

    /// Removes a line.
    @discardableResult
    public func remove(_ owner: CartOwner, lineID: Int64) throws -> CartView {
        let at = now()
        return try store.database.write { db in
            let (cartID, line) = try ownLine(db, owner, lineID)
            try CartLine.deleteOne(db, key: lineID)
            try touch(db, cartID, at: at)
            var event = ShopEvent(at: at, type: .removedFromCart, sessionId: Self.sessionID(owner), customerId: Self.customerID(owner), productId: line.productId)
            try event.insert(db)
            return try view(db, cartID: cartID)
        }
    }

    /// Sets a line's quantity; 0 removes it.
    @discardableResult
    public func setQuantity(_ owner: CartOwner, lineID: Int64, quantity: Int) throws -> CartView {
        if quantity == 0 { return try remove(owner, lineID: lineID) }
        guard (1...99).contains(quantity) else { throw CartError.invalidQuantity(quantity) }
        let at = now()
        return try store.database.write { db in
            var (cartID, line) = try ownLine(db, owner, lineID)
            let available = try Inventory.available(db, productID: line.productId, variantID: line.variantId)
            if quantity > available {
                let title = try String.fetchOne(db.cachedStatement(sql: "SELECT title FROM products WHERE id = ?"), arguments: [line.productId]) ?? "item"
                throw CartError.notEnoughStock(title: title, requested: quantity, available: available)
            }
            line.quantity = quantity
            try line.update(db)
            try touch(db, cartID, at: at)
            return try view(db, cartID: cartID)
        }
    }

    /// The cart with totals (an empty view when there is no cart yet).
    public func view(_ owner: CartOwner) throws -> CartView {
        try store.database.read { db in
            guard let cartID = try cart(db, owner, create: false, at: now()) else { return emptyView() }
            return try view(db, cartID: cartID)
        }
    }

    // MARK: - Checkout

    /// Places the order: takes stock, writes the order in `processing` with its lines,
    /// closes the cart, all in one transaction; refuses with `outOfStock` (and changes
    /// nothing) when any line can no longer be had.
    public func checkout(_ owner: CartOwner, details: CheckoutDetails = CheckoutDetails()) throws -> CheckoutReceipt {
        let at = now()
        return try store.database.write { db in
            guard let cartID = try cart(db, owner, create: false, at: at) else { throw CartError.emptyCart }
            let cartView = try view(db, cartID: cartID)
            guard !cartView.isEmpty else { throw CartError.emptyCart }

            var email = details.email?.trimmingCharacters(in: .whitespaces) ?? ""
            var name = details.name ?? ""
            var postcode = details.postcode ?? ""
            var customerID: Int64? = nil
            if case let .customer(id) = owner, let customer = try Customer.fetchOne(db.cachedStatement(sql: "SELECT * FROM customers WHERE id = ?"), arguments: [id]) {
                customerID = id
                if email.isEmpty { email = customer.email }
                if name.isEmpty { name = customer.name }
                if postcode.isEmpty { postcode = customer.postcode }
            }
            guard email.contains("@") else { throw CartError.missingContact(field: "email address") }

            var shortfalls: [StockShortfall] = []
            for line in cartView.lines {
                if try !Inventory.take(db, productID: line.productID, variantID: line.variantID, quantity: line.quantity) {
                    let left = try Inventory.available(db, productID: line.productID, variantID: line.variantID)
                    shortfalls.append(StockShortfall(title: line.title, requested: line.quantity, available: left))
                }
            }
            // Throwing rolls the whole transaction back: no stock is taken for the other lines either.
            guard shortfalls.isEmpty else { throw CartError.outOfStock(shortfalls) }

            let number = try Self.nextOrderNumber(db)
            let estimate = at.addingTimeInterval(Double(Self.deliveryDays) * 86_400)
            var order = Order(number: number, customerId: customerID, email: email, status: .processing, createdAt: at,
                              subtotalCents: cartView.subtotalCents, shippingCents: cartView.shippingCents,
                              totalCents: cartView.totalCents, currency: cartView.currency,
                              shippingName: name.isEmpty ? "Guest" : name, shippingPostcode: postcode, estimatedDelivery: estimate)
            try order.insert(db)
            let orderID = order.id ?? 0
            for line in cartView.lines {
                let sku = try String.fetchOne(db.cachedStatement(sql: "SELECT COALESCE((SELECT sku FROM product_variants WHERE id = ?), (SELECT sku FROM products WHERE id = ?))"),
                                              arguments: [line.variantID, line.productID]) ?? ""
                let title = line.variantTitle.map { "\(line.title) (\($0))" } ?? line.title
                var orderLine = OrderLine(orderId: orderID, productId: line.productID, variantId: line.variantID, sku: sku, title: title,
                                          quantity: line.quantity, unitPriceCents: line.unitPriceCents)
                try orderLine.insert(db)
                var event = ShopEvent(at: at, type: .purchased, sessionId: Self.sessionID(owner), customerId: customerID, productId: line.productID,
                                      sku: sku, payload: "{\"order\":\"\(number)\",\"quantity\":\(line.quantity)}")
                try event.insert(db)
            }
            try db.cachedStatement(sql: "UPDATE carts SET status = 'checked_out', updated_at = ? WHERE id = ?").execute(arguments: [at, cartID])
            return CheckoutReceipt(orderNumber: number, status: .processing, lines: cartView.lines, subtotalCents: cartView.subtotalCents,
                                   shippingCents: cartView.shippingCents, totalCents: cartView.totalCents, email: email, estimatedDelivery: estimate)
        }
    }

    /// The next order number in the shop's pattern (`A` + digits): one past the newest
    /// order's number, skipping any already taken. Runs inside the checkout's write
    /// transaction, so two checkouts never draw the same number.
    static func nextOrderNumber(_ db: Database) throws -> String {
        let latest = try String.fetchOne(db.cachedStatement(sql: "SELECT number FROM orders ORDER BY id DESC LIMIT 1"))
        var next = (latest.flatMap { Int($0.dropFirst()) } ?? 10_000) + 1
        while try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM orders WHERE number = ?"), arguments: ["A\(next)"]) != nil { next += 1 }
        return "A\(next)"
    }

    // MARK: - Internals

    func cart(_ db: Database, _ owner: CartOwner, create: Bool, at: Date) throws -> Int64? {
        let found: Int64?
        switch owner {
        case let .customer(id):
            found = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM carts WHERE customer_id = ? AND status = 'active' ORDER BY id DESC LIMIT 1"), arguments: [id])
        case let .session(id):
            found = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM carts WHERE session_id = ? AND customer_id IS NULL AND status = 'active' ORDER BY id DESC LIMIT 1"), arguments: [id])
        }
        if let found { return found }
        guard create else { return nil }
        var cart = Cart(customerId: Self.customerID(owner), sessionId: Self.sessionID(owner), createdAt: at)
        try cart.insert(db)
        return cart.id
    }

    func ownLine(_ db: Database, _ owner: CartOwner, _ lineID: Int64) throws -> (Int64, CartLine) {
        guard let cartID = try cart(db, owner, create: false, at: now()),
              let line = try CartLine.fetchOne(db.cachedStatement(sql: "SELECT * FROM cart_lines WHERE id = ? AND cart_id = ?"), arguments: [lineID, cartID])
        else { throw CartError.unknownLine(lineID) }
        return (cartID, line)
    }

    func touch(_ db: Database, _ cartID: Int64, at: Date) throws {
        try db.cachedStatement(sql: "UPDATE carts SET updated_at = ? WHERE id = ?").execute(arguments: [at, cartID])
    }

    func emptyView() -> CartView {
        CartView(lines: [], itemCount: 0, subtotalCents: 0, shippingCents: 0, totalCents: 0, currency: "USD", freeShippingRemainingCents: 0)
    }

    func view(_ db: Database, cartID: Int64) throws -> CartView {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT l.id, l.product_id, l.variant_id, l.quantity, l.unit_price_cents, p.title, p.currency,
                   v.size, v.color, v.material, v.title AS variant_title,
                   CASE WHEN l.variant_id IS NULL THEN p.stock ELSE COALESCE(v.stock, 0) END AS available
            FROM cart_lines l JOIN products p ON p.id = l.product_id
            LEFT JOIN product_variants v ON v.id = l.variant_id
            WHERE l.cart_id = ? ORDER BY l.id
            """), arguments: [cartID])
        var lines: [CartLineView] = []
        var currency = "USD"
        for row in rows {
            let quantity: Int = row["quantity"], unit: Int = row["unit_price_cents"], available: Int = row["available"]
            currency = row["currency"]
            var variantTitle: String? = nil
            if row["variant_id"] as Int64? != nil {
                let parts = [row["color"], row["size"], row["material"]].compactMap { $0 as String? }.filter { !$0.isEmpty }
                variantTitle = parts.isEmpty ? (row["variant_title"] as String?) : parts.joined(separator: " / ")
            }
            let issue: String? = available >= quantity ? nil : available == 0 ? "Out of stock" : "Only \(available) left"
            lines.append(CartLineView(lineID: row["id"], productID: row["product_id"], variantID: row["variant_id"], title: row["title"],
                                      variantTitle: variantTitle, quantity: quantity, unitPriceCents: unit, lineTotalCents: unit * quantity,
                                      available: available, issue: issue))
        }
        let subtotal = lines.reduce(0) { $0 + $1.lineTotalCents }
        let ship = shipping.charge(subtotalCents: subtotal)
        return CartView(lines: lines, itemCount: lines.reduce(0) { $0 + $1.quantity }, subtotalCents: subtotal, shippingCents: ship,
                        totalCents: subtotal + ship, currency: currency,
                        freeShippingRemainingCents: subtotal == 0 ? 0 : max(0, shipping.freeFromCents - subtotal))
    }

    static func variantTitle(_ v: ProductVariant) -> String {
        let parts = [v.color, v.size, v.material].compactMap { $0 }.filter { !$0.isEmpty }
        return parts.isEmpty ? (v.title.isEmpty ? v.sku : v.title) : parts.joined(separator: " / ")
    }

    static func customerID(_ owner: CartOwner) -> Int64? {
        if case let .customer(id) = owner { return id }
        return nil
    }

    static func sessionID(_ owner: CartOwner) -> String? {
        if case let .session(id) = owner { return id }
        return nil
    }
}
