import Dialogue

extension ObservedTurn {
    /// The facts of a reply that dialogue tests check.
    public init(reply: Reply) {
        var entities: [String: [String]] = [:]
        for entity in reply.parse?.entities ?? [] {
            entities[entity.entity, default: []].append(entity.value.description)
            // A resolved quantity ({count: 2, unit: pair}) also reads as its count: `quantity: 2`.
            if entity.entity == "quantity", let count = entity.value["count"] { entities[entity.entity, default: []].append(count.description) }
        }
        // Slots of the open task count as entities too: "the form knows the color is blue".
        for (slot, value) in reply.slots where !(entities[slot]?.contains(value) ?? false) { entities[slot, default: []].append(value) }
        self.init(
            intent: reply.parse?.intent.name,
            entities: entities,
            texts: reply.messages.compactMap { if case .text(let t) = $0 { return t } else { return nil } },
            productSKUs: reply.cards.map(\.sku),
            comparisonSKUs: reply.comparison?.products.map(\.sku),
            orderStatus: reply.order?.status,
            orderNumber: reply.order?.orderID,
            cartLines: reply.cart?.lines.count,
            handoff: reply.handoff != nil,
            suggestions: reply.suggestions.map(\.title) + reply.suggestions.map(\.payload),
            shownText: Self.shownText(reply)
        )
    }

    static func shownText(_ reply: Reply) -> [String] {
        var lines: [String] = []
        for message in reply.messages {
            switch message {
            case .text: continue
            case .products(let cards): lines += cards.map { [$0.title, $0.brand, $0.reason].compactMap { $0 }.joined(separator: " — ") }
            case .comparison(let table): lines += table.rows.map { ([$0.attribute] + $0.values).joined(separator: " | ") }
            case .order(let order): lines += order.lines.map(\.title) + order.timeline.compactMap(\.note)
            case .cart(let cart): lines += cart.lines.map(\.title)
            case .handoff(let handoff): lines += [handoff.reason, handoff.summary]
            }
        }
        return lines
    }
}
