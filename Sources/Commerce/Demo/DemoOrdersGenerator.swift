import Foundation
import GRDB

/// Writes customers, orders with shipments and tracking, interaction events and carts.
///
/// Purchase histories carry signal: each customer prefers two or three categories and is
/// loyal to a brand in most of them; orders often add a complement (laptop + sleeve,
/// running shoes + socks, phone + case); customers with a coffee maker or running shoes
/// re-order the same consumable (beans, socks, gels) again and again.
struct DemoOrdersGenerator {
    let options: DemoShopOptions
    let reference: Int64
    let pools: [[DemoProductRef]]

    struct PlannedCustomer {
        var id: Int64
        var name: String
        var email: String
        var postcode: String
        var city: Int
        var createdAt: Int64
        var activity: Double
        var preferences: [Int]
        var loyalBrands: [Int: String]
        var staples: [DemoProductRef]
        var consentPersonalization: Bool
        var consentMarketing: Bool
        var orderCount = 0
        var spentCents = 0
    }

    struct PlannedLine {
        var product: DemoProductRef
        var variantID: Int64?
        var quantity: Int
        var recommended: Bool
    }

    struct PlannedOrder {
        var customer: Int?
        var status: OrderStatus
        var createdAt: Int64
        var lines: [PlannedLine]
        var guestEmail: String?
        var guestPostcode: String?
        var guestCity: Int
    }

    /// Share of each status among generated orders (every status always occurs).
    static let statusWeights: [(OrderStatus, Double)] = [
        (.delivered, 0.60), (.shipped, 0.08), (.outForDelivery, 0.04), (.processing, 0.05),
        (.placed, 0.04), (.delayed, 0.05), (.cancelled, 0.07), (.returned, 0.07),
    ]

    func write(_ db: Database, progress: (Int) -> Void) throws -> (customers: Int, orders: Int) {
        var rng = DemoRandom.stream(seed: options.seed, "customers")
        let categories = DemoCatalogSpec.categories
        let categoryIndex = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($0.element.name, $0.offset) })
        let mainCategories = categories.indices.filter { !categories[$0].consumable && categories[$0].priceRange.upperBound >= 70 && !pools[$0].isEmpty }

        // Customers.
        var customers: [PlannedCustomer] = []
        var usedEmails = Set<String>()
        for index in 0..<options.customers {
            let first = rng.pick(DemoCatalogSpec.firstNames), last = rng.pick(DemoCatalogSpec.lastNames)
            let base = Self.emailLocal(first) + "." + Self.emailLocal(last)
            var email = base + "@example.com"
            var n = 2
            while usedEmails.contains(email) { email = "\(base)\(n)@example.com"; n += 1 }
            usedEmails.insert(email)
            let city = rng.int(0..<DemoCatalogSpec.cities.count)
            let postcode = DemoCatalogSpec.cities[city].zip + DemoCatalogGenerator.padded(rng.int(1...99), 2)
            let weights = mainCategories.map { categories[$0].demand }
            var preferences: [Int] = []
            for _ in 0..<rng.int(2...3) where !mainCategories.isEmpty {
                let pick = mainCategories[rng.weightedIndex(weights)]
                if !preferences.contains(pick) { preferences.append(pick) }
            }
            var loyal: [Int: String] = [:]
            for c in preferences where rng.chance(0.75) { loyal[c] = rng.pick(categories[c].brands) }
            // Consumables that go with what they like, bought as the same SKU again.
            var staples: [DemoProductRef] = []
            for c in preferences {
                for name in categories[c].complements {
                    if let k = categoryIndex[name], categories[k].consumable, !pools[k].isEmpty {
                        staples.append(pools[k][rng.skewedIndex(min(pools[k].count, 40), power: 2)])
                    }
                }
            }
            customers.append(PlannedCustomer(
                id: Int64(index + 1), name: "\(first) \(last)", email: email, postcode: postcode, city: city,
                createdAt: reference - Int64(rng.int(400...1200)) * StorageDate.day + Int64(rng.int(0..<86_400)),
                activity: exp(rng.double(0, 2.5)), preferences: preferences, loyalBrands: loyal, staples: staples,
                consentPersonalization: rng.chance(0.75), consentMarketing: rng.chance(0.45)
            ))
        }

        // Orders, planned in memory, then numbered by date.
        var orng = DemoRandom.stream(seed: options.seed, "orders")
        var planned: [PlannedOrder] = []
        let activity = customers.map(\.activity)
        let statusWeights = Self.statusWeights.map(\.1)
        for index in 0..<(mainCategories.isEmpty ? 0 : options.orders) {
            // The first orders cover every status once, so even a tiny shop has them all.
            let status = index < Self.statusWeights.count ? Self.statusWeights[index].0 : Self.statusWeights[orng.weightedIndex(statusWeights)].0
            let created = createdAt(for: status, rng: &orng) + Int64(orng.int(0..<3_600))
            if customers.isEmpty || orng.chance(0.12) {
                let c = mainCategories.isEmpty ? 0 : mainCategories[orng.int(0..<mainCategories.count)]
                let lines = pools[c].isEmpty ? [] : [line(pools[c][orng.skewedIndex(pools[c].count)], rng: &orng)]
                guard !lines.isEmpty else { continue }
                let city = orng.int(0..<DemoCatalogSpec.cities.count)
                planned.append(PlannedOrder(
                    customer: nil, status: status, createdAt: created, lines: lines,
                    guestEmail: "guest\(index + 1)@example.net",
                    guestPostcode: DemoCatalogSpec.cities[city].zip + DemoCatalogGenerator.padded(orng.int(1...99), 2), guestCity: city
                ))
                continue
            }
            let who = orng.weightedIndex(activity)
            let customer = customers[who]
            var lines: [PlannedLine] = []
            if !customer.staples.isEmpty && orng.chance(0.3) {
                for staple in orng.sample(customer.staples, orng.int(1...2)) {
                    lines.append(PlannedLine(product: staple, variantID: variant(of: staple, rng: &orng), quantity: orng.int(1...3), recommended: false))
                }
            } else {
                let c = customer.preferences.isEmpty || orng.chance(0.2)
                    ? mainCategories[orng.weightedIndex(mainCategories.map { categories[$0].demand })]
                    : orng.pick(customer.preferences)
                lines.append(line(pick(in: c, brand: customer.loyalBrands[c], rng: &orng), rng: &orng))
                let complements = categories[c].complements.compactMap { categoryIndex[$0] }.filter { !pools[$0].isEmpty }
                if !complements.isEmpty && orng.chance(0.5) {
                    let k = complements[orng.weightedIndex(complements.indices.map { 1.0 / Double($0 + 1) })]
                    var extra = line(pick(in: k, brand: nil, rng: &orng, depth: 20), rng: &orng)
                    extra.recommended = orng.chance(0.6)
                    lines.append(extra)
                }
            }
            customers[who].orderCount += 1
            customers[who].spentCents += lines.reduce(0) { $0 + $1.product.priceCents * $1.quantity }
            planned.append(PlannedOrder(customer: who, status: status, createdAt: created, lines: lines, guestEmail: nil, guestPostcode: nil, guestCity: customer.city))
        }
        planned.sort { $0.createdAt < $1.createdAt }

        try insertCustomers(db, customers)
        try insertOrders(db, planned, customers, rng: &orng, progress: progress)
        try insertCarts(db, customers, rng: &orng)
        return (customers.count, planned.count)
    }

    // MARK: - Planning

    private func createdAt(for status: OrderStatus, rng: inout DemoRandom) -> Int64 {
        let h = StorageDate.hour, d = StorageDate.day
        switch status {
        case .placed: return reference - Int64(rng.int(1...20)) * h
        case .processing: return reference - Int64(rng.int(26...70)) * h
        case .shipped: return reference - Int64(rng.int(40...90)) * h
        case .outForDelivery: return reference - Int64(rng.int(72...140)) * h
        case .delayed: return reference - Int64(rng.int(7...12)) * d - Int64(rng.int(0...20)) * h
        case .delivered: return reference - Int64(rng.int(8...365)) * d - Int64(rng.int(0...23)) * h
        case .cancelled: return reference - Int64(rng.int(2...365)) * d - Int64(rng.int(0...23)) * h
        case .returned: return reference - Int64(rng.int(25...365)) * d - Int64(rng.int(0...23)) * h
        }
    }

    private func pick(in category: Int, brand: String?, rng: inout DemoRandom, depth: Int = 300) -> DemoProductRef {
        let pool = pools[category]
        if let brand, rng.chance(0.85) {
            let branded = pool.prefix(depth).filter { $0.brand == brand }
            if !branded.isEmpty { return branded[rng.skewedIndex(branded.count, power: 2)] }
        }
        return pool[rng.skewedIndex(min(depth, pool.count), power: 2.5)]
    }

    private func variant(of product: DemoProductRef, rng: inout DemoRandom) -> Int64? {
        product.variantCount == 0 ? nil : product.firstVariantID + Int64(rng.int(0..<product.variantCount))
    }

    private func line(_ product: DemoProductRef, rng: inout DemoRandom) -> PlannedLine {
        let consumable = DemoCatalogSpec.categories[product.category].consumable
        return PlannedLine(product: product, variantID: variant(of: product, rng: &rng), quantity: consumable ? rng.int(1...3) : (rng.chance(0.06) ? 2 : 1), recommended: false)
    }

    static func emailLocal(_ name: String) -> String {
        name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    // MARK: - Writing

    private func insertCustomers(_ db: Database, _ customers: [PlannedCustomer]) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO customers (id, name, email, postcode, loyalty_tier, consent_personalization, consent_personalization_at,
              consent_marketing, consent_marketing_at, created_at, erased, erased_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL)
            """)
        for c in customers {
            let tier: LoyaltyTier = c.orderCount >= 20 || c.spentCents >= 500_000 ? .gold
                : c.orderCount >= 10 || c.spentCents >= 200_000 ? .silver
                : c.orderCount >= 3 ? .bronze : .none
            let consentAt = StorageDate.sql(c.createdAt + 2 * StorageDate.hour)
            statement.setUncheckedArguments([
                c.id, c.name, c.email, c.postcode, tier.rawValue,
                c.consentPersonalization, c.consentPersonalization ? consentAt : nil,
                c.consentMarketing, c.consentMarketing ? consentAt : nil, StorageDate.sql(c.createdAt),
            ])
            try statement.execute()
        }
    }

    private func insertOrders(_ db: Database, _ orders: [PlannedOrder], _ customers: [PlannedCustomer], rng: inout DemoRandom, progress: (Int) -> Void) throws {
        let insertOrder = try db.makeStatement(sql: """
            INSERT INTO orders (id, number, customer_id, email, status, created_at, updated_at, subtotal_cents, shipping_cents,
              discount_cents, total_cents, currency, shipping_name, shipping_postcode, estimated_delivery)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 'USD', ?, ?, ?)
            """)
        let insertLine = try db.makeStatement(sql: """
            INSERT INTO order_lines (order_id, product_id, variant_id, sku, title, quantity, unit_price_cents)
            SELECT ?, p.id, ?, COALESCE((SELECT sku FROM product_variants WHERE id = ?), p.sku), p.title, ?, p.price_cents
            FROM products p WHERE p.id = ?
            """)
        let insertShipment = try db.makeStatement(sql: """
            INSERT INTO shipments (id, order_id, carrier, tracking_number, shipped_at, estimated_delivery, delivered_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let insertTracking = try db.makeStatement(sql: """
            INSERT INTO tracking_events (shipment_id, at, status, location, description) VALUES (?, ?, ?, ?, ?)
            """)
        let insertEvent = try db.makeStatement(sql: """
            INSERT INTO events (at, type, session_id, customer_id, product_id, sku, channel, variant, payload)
            SELECT ?, ?, ?, ?, p.id, p.sku, ?, NULL, ? FROM products p WHERE p.id = ?
            """)

        var number = 10_000
        var shipmentID: Int64 = 0
        let h = StorageDate.hour, d = StorageDate.day
        for (index, order) in orders.enumerated() {
            let orderID = Int64(index + 1)
            number += rng.int(1...3)
            let orderNumber = "A\(number)"
            let customer = order.customer.map { customers[$0] }
            let email = customer?.email ?? order.guestEmail ?? ""
            let postcode = customer?.postcode ?? order.guestPostcode ?? ""
            let subtotal = order.lines.reduce(0) { $0 + $1.product.priceCents * $1.quantity }
            let shipping = subtotal >= 5_000 ? 0 : 599
            let created = order.createdAt
            let dest = DemoCatalogSpec.cities[order.guestCity]
            let destination = "\(dest.city), \(dest.state)"

            // The shipment timeline, consistent with the status and never after `reference`.
            var events: [(Int64, String, String, String)] = []
            var shippedAt: Int64?, deliveredAt: Int64?, estimate: Int64
            var updated = created
            let hub = rng.pick(DemoCatalogSpec.hubs)
            switch order.status {
            case .placed, .processing, .cancelled:
                estimate = created + 5 * d
                updated = order.status == .cancelled ? created + Int64(rng.int(1...20)) * h : created + (order.status == .processing ? 6 * h : 0)
            case .shipped, .outForDelivery, .delayed, .delivered, .returned:
                let ship = created + Int64(rng.int(10...26)) * h
                shippedAt = ship
                estimate = ship + Int64(rng.int(3...5)) * d
                events.append((created + Int64(rng.int(2...8)) * h, "label_created", "Reno, NV", "Shipping label created"))
                events.append((ship, "picked_up", "Reno, NV", "Picked up by the carrier"))
                let transit = ship + Int64(rng.int(8...20)) * h
                switch order.status {
                case .shipped:
                    if transit < reference { events.append((transit, "in_transit", hub, "In transit")) }
                    estimate = max(estimate, reference + Int64(rng.int(1...3)) * d)
                    updated = events.last?.0 ?? ship
                case .outForDelivery:
                    let out = reference - Int64(rng.int(1...5)) * h
                    events.append((min(transit, out - 10 * h), "in_transit", hub, "In transit"))
                    events.append((out - 4 * h - Int64(rng.int(0...3)) * h, "in_transit", destination, "Arrived at the local facility"))
                    events.append((out, "out_for_delivery", destination, "Out for delivery"))
                    estimate = reference + Int64(rng.int(10...18)) * h // later today
                    updated = out
                case .delayed:
                    let originalEstimate = estimate
                    events.append((transit, "in_transit", hub, "In transit"))
                    events.append((min(originalEstimate - 10 * h, reference - 6 * h), "exception", hub, rng.pick(DemoCatalogSpec.delayReasons)))
                    estimate = reference + Int64(rng.int(1...3)) * d
                    updated = events.last?.0 ?? ship
                default: // delivered, returned
                    let delivered = min(ship + Int64(rng.int(2...5)) * d + Int64(rng.int(0...8)) * h, reference - 2 * h)
                    events.append((transit, "in_transit", hub, "In transit"))
                    events.append((delivered - 5 * h, "out_for_delivery", destination, "Out for delivery"))
                    events.append((delivered, "delivered", destination, rng.pick(["Delivered to the front door", "Delivered, signed for", "Left with a neighbour", "Delivered to the mailroom"])))
                    deliveredAt = delivered
                    updated = delivered
                    if order.status == .returned {
                        let started = delivered + Int64(rng.int(3...10)) * d
                        let back = min(started + Int64(rng.int(3...5)) * d, reference - h)
                        events.append((started, "in_transit", destination, "Return on its way to the warehouse"))
                        events.append((back, "returned", "Reno, NV", "Return received at the warehouse"))
                        updated = back
                    }
                }
            }

            insertOrder.setUncheckedArguments([
                orderID, orderNumber, customer?.id, email, order.status.rawValue, StorageDate.sql(created), StorageDate.sql(updated),
                subtotal, shipping, subtotal + shipping, customer?.name ?? "Guest", postcode, StorageDate.sql(estimate),
            ])
            try insertOrder.execute()
            for line in order.lines {
                insertLine.setUncheckedArguments([orderID, line.variantID, line.variantID, line.quantity, line.product.id])
                try insertLine.execute()
            }

            if let shippedAt {
                shipmentID += 1
                let carrier = rng.pick(DemoCatalogSpec.carriers)
                insertShipment.setUncheckedArguments([
                    shipmentID, orderID, carrier, trackingNumber(carrier, rng: &rng), StorageDate.sql(shippedAt),
                    StorageDate.sql(estimate), deliveredAt.map(StorageDate.sql),
                ])
                try insertShipment.execute()
                for (at, status, location, text) in events.sorted(by: { $0.0 < $1.0 }) {
                    insertTracking.setUncheckedArguments([shipmentID, StorageDate.sql(at), status, location, text])
                    try insertTracking.execute()
                }
            }

            // Interaction events for customers who allow personalization.
            if let customer, customer.consentPersonalization {
                let session = "demo-\(customer.id)-\(orderNumber.lowercased())"
                let channel = rng.pick(["web", "web", "app", "chat"])
                for line in order.lines {
                    let pid = line.product.id
                    if line.recommended {
                        insertEvent.setUncheckedArguments([StorageDate.sql(created - 30 * 60), ShopEventType.recommendationShown.rawValue, session, customer.id, channel, "{}", pid])
                        try insertEvent.execute()
                        insertEvent.setUncheckedArguments([StorageDate.sql(created - 25 * 60), ShopEventType.recommendationAccepted.rawValue, session, customer.id, channel, "{}", pid])
                        try insertEvent.execute()
                    } else {
                        insertEvent.setUncheckedArguments([StorageDate.sql(created - 50 * 60), ShopEventType.productShown.rawValue, session, customer.id, channel, "{}", pid])
                        try insertEvent.execute()
                        insertEvent.setUncheckedArguments([StorageDate.sql(created - 40 * 60), ShopEventType.productClicked.rawValue, session, customer.id, channel, "{}", pid])
                        try insertEvent.execute()
                    }
                    insertEvent.setUncheckedArguments([StorageDate.sql(created - 10 * 60), ShopEventType.addedToCart.rawValue, session, customer.id, channel, "{}", pid])
                    try insertEvent.execute()
                    insertEvent.setUncheckedArguments([StorageDate.sql(created), ShopEventType.purchased.rawValue, session, customer.id, channel, "{\"order\":\"\(orderNumber)\"}", pid])
                    try insertEvent.execute()
                }
                // A recommendation that was shown and not taken.
                if rng.chance(0.4), let c = customer.preferences.first, let other = pools[c].dropFirst(5).first {
                    insertEvent.setUncheckedArguments([StorageDate.sql(created - 20 * 60), ShopEventType.recommendationShown.rawValue, session, customer.id, channel, "{}", other.id])
                    try insertEvent.execute()
                }
            }
            // The last order is reported once, below.
            if (index + 1) % 50 == 0, index + 1 < orders.count { progress(index + 1) }
        }
        progress(orders.count)
    }

    private func trackingNumber(_ carrier: String, rng: inout DemoRandom) -> String {
        let alnum = Array("0123456789ABCDEFGHJKLMNPRSTUVWXYZ")
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(rng.int(0...9))) }) }
        switch carrier {
        case "UPS": return "1Z" + String((0..<6).map { _ in alnum[rng.int(0..<alnum.count)] }) + digits(10)
        case "FedEx": return digits(12)
        case "USPS": return "9400" + digits(18)
        default: return digits(10)
        }
    }

    /// A few carts: an active one for the first customers, an abandoned one, a guest's.
    private func insertCarts(_ db: Database, _ customers: [PlannedCustomer], rng: inout DemoRandom) throws {
        let cartSQL = try db.makeStatement(sql: "INSERT INTO carts (id, customer_id, session_id, status, currency, created_at, updated_at) VALUES (?, ?, ?, ?, 'USD', ?, ?)")
        let lineSQL = try db.makeStatement(sql: """
            INSERT INTO cart_lines (cart_id, product_id, variant_id, quantity, unit_price_cents, added_at)
            SELECT ?, id, ?, ?, price_cents, ? FROM products WHERE id = ?
            """)
        let plans: [(customer: Int?, session: String?, status: CartStatus, age: Int64, lines: Int)] = [
            (0, nil, .active, 2 * StorageDate.hour, 2),
            (1, nil, .abandoned, 5 * StorageDate.day, 1),
            (2, nil, .active, 20 * 60, 1),
            (nil, "demo-guest-session", .active, 45 * 60, 2),
        ]
        var cartID: Int64 = 0
        for plan in plans {
            if let c = plan.customer, c >= customers.count { continue }
            cartID += 1
            let at = StorageDate.sql(reference - plan.age)
            cartSQL.setUncheckedArguments([cartID, plan.customer.map { customers[$0].id }, plan.session, plan.status.rawValue, at, at])
            try cartSQL.execute()
            let preferred = plan.customer.flatMap { customers[$0].preferences.first } ?? 0
            for n in 0..<plan.lines {
                let pool = pools[n == 0 ? preferred : rng.int(0..<pools.count)]
                guard !pool.isEmpty else { continue }
                let product = pool[rng.skewedIndex(pool.count)]
                lineSQL.setUncheckedArguments([cartID, variant(of: product, rng: &rng), 1, at, product.id])
                try lineSQL.execute()
            }
        }
    }
}
