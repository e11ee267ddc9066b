import Dialogue
import Foundation

/// Renders a `Reply` for a terminal: numbered product cards, an aligned comparison
/// table with the better value marked, an order status with its timeline, the cart
/// with totals, and quick replies as hints. All catalog text is sanitized first.
public struct TerminalRenderer: Sendable {
    public let style: TerminalStyle

    public init(style: TerminalStyle) { self.style = style }

    public func render(_ reply: Reply) -> String {
        var blocks: [String] = []
        for message in reply.messages {
            switch message {
            // The text's own line breaks (a list of offers) stay; each line is sanitized.
            case .text(let text): blocks.append(text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.sanitize(String($0)) }.joined(separator: "\n"))
            case .products(let cards): blocks.append(render(cards))
            case .comparison(let table): blocks.append(render(table))
            case .order(let order): blocks.append(render(order))
            case .cart(let cart): blocks.append(render(cart))
            case .handoff(let handoff):
                blocks.append(style.magenta("→ Passing you to a person: ") + TerminalText.sanitize(handoff.reason))
            }
        }
        if !reply.suggestions.isEmpty {
            blocks.append(style.dim("Try: " + reply.suggestions.map { "“\(TerminalText.sanitize($0.title))”" }.joined(separator: " · ")))
        }
        return blocks.joined(separator: "\n")
    }

    static func money(_ amount: Double, _ currency: String) -> String {
        let symbol = ["USD": "$", "EUR": "€", "GBP": "£"][currency]
        let number = String(format: "%.2f", amount)
        return symbol.map { "\($0)\(number)" } ?? "\(number) \(currency)"
    }

    func render(_ cards: [ProductCard]) -> String {
        cards.enumerated().map { index, card in
            var line = style.bold("\(index + 1).") + " " + style.bold(TerminalText.sanitize(card.title))
            line += "  " + style.dim(TerminalText.sanitize(card.brand))
            line += "  " + style.green(Self.money(card.price, card.currency))
            if let rating = card.rating { line += "  " + style.yellow(String(format: "★ %.1f", rating)) }
            if let reason = card.reason { line += "\n   " + style.cyan(TerminalText.sanitize(reason)) }
            return line
        }.joined(separator: "\n")
    }

    func render(_ table: ComparisonTable) -> String {
        let header = [""] + table.products.map { TerminalText.sanitize($0.title) }
        let rows = table.rows.map { row in [TerminalText.sanitize(row.attribute)] + row.values.map(TerminalText.sanitize) }
        let columns = header.count
        var widths = [Int](repeating: 0, count: columns)
        for cells in [header] + rows { for (i, cell) in cells.enumerated() where i < columns { widths[i] = max(widths[i], min(28, TerminalWidth.of(cell) + 2)) } }
        // Room for the ✓ that marks the better value.
        for i in 1..<max(1, columns) { widths[i] += 2 }
        func fit(_ text: String, _ width: Int) -> String {
            var out = ""
            for character in text {
                if TerminalWidth.of(out) + TerminalWidth.width(of: character) > width - 2 { out += "…"; break }
                out.append(character)
            }
            return out + String(repeating: " ", count: max(0, width - TerminalWidth.of(out)))
        }
        var lines = [style.bold(zip(header, widths).map { fit($0, $1) }.joined(separator: " "))]
        for (rowIndex, cells) in rows.enumerated() {
            let better = table.rows[rowIndex].better
            let rendered = cells.enumerated().map { i, cell -> String in
                let marked = better == i - 1 ? cell + " ✓" : cell
                let padded = fit(marked, widths[i])
                return better == i - 1 ? style.green(padded) : padded
            }
            lines.append(rendered.joined(separator: " "))
        }
        for sentence in [table.summary, table.fit].compactMap({ $0 }) where !sentence.isEmpty {
            lines.append(TerminalText.sanitize(sentence))
        }
        return lines.joined(separator: "\n")
    }

    func render(_ order: OrderView) -> String {
        let status = order.status.replacingOccurrences(of: "_", with: " ")
        var lines = [style.bold("Order \(TerminalText.sanitize(order.orderID))") + " — " + style.cyan(status) + "  " + Self.money(order.total, order.currency)]
        for line in order.lines { lines.append("   \(line.quantity) × \(TerminalText.sanitize(line.title))") }
        for event in order.timeline {
            let when = String(event.at.prefix(16)).replacingOccurrences(of: "T", with: " ")
            var text = "   " + style.dim(when) + "  " + event.status.replacingOccurrences(of: "_", with: " ")
            if let note = event.note { text += " — " + TerminalText.sanitize(note) }
            lines.append(text)
        }
        return lines.joined(separator: "\n")
    }

    func render(_ cart: CartView) -> String {
        if cart.isEmpty { return "Your cart is empty." }
        var lines = cart.lines.map { "   \($0.quantity) × \(TerminalText.sanitize($0.title))  \(Self.money($0.lineTotal, cart.currency))" }
        lines.insert(style.bold("Cart"), at: 0)
        if cart.discount > 0 { lines.append("   discount  −\(Self.money(cart.discount, cart.currency))") }
        if cart.shipping > 0 { lines.append("   shipping  \(Self.money(cart.shipping, cart.currency))") }
        lines.append(style.bold("   total     \(Self.money(cart.total, cart.currency))"))
        return lines.joined(separator: "\n")
    }
}
