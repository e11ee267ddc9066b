/// What a reply showed, reduced to the facts a dialogue test checks.
public struct ObservedTurn: Sendable, Equatable {
    public var intent: String?
    /// Entity name → resolved value, as text.
    public var entities: [String: [String]]
    /// Every text message of the reply, in order.
    public var texts: [String]
    /// SKUs of the product cards shown, in order.
    public var productSKUs: [String]
    /// SKUs in a comparison table, when there was one.
    public var comparisonSKUs: [String]?
    public var orderStatus: String?
    public var orderNumber: String?
    public var cartLines: Int?
    public var handoff: Bool
    public var suggestions: [String]
    /// What the cards, comparison table and order showed as text (titles, reasons, rows,
    /// timeline notes), so `reply contains` sees a recommendation's reason too.
    public var shownText: [String]

    public init(intent: String? = nil, entities: [String: [String]] = [:], texts: [String] = [], productSKUs: [String] = [], comparisonSKUs: [String]? = nil, orderStatus: String? = nil, orderNumber: String? = nil, cartLines: Int? = nil, handoff: Bool = false, suggestions: [String] = [], shownText: [String] = []) {
        self.intent = intent
        self.entities = entities
        self.texts = texts
        self.productSKUs = productSKUs
        self.comparisonSKUs = comparisonSKUs
        self.orderStatus = orderStatus
        self.orderNumber = orderNumber
        self.cartLines = cartLines
        self.handoff = handoff
        self.suggestions = suggestions
        self.shownText = shownText
    }

    /// All reply text in one string — messages, then what cards and tables showed — for contains/matches checks.
    public var fullText: String { (texts + shownText).joined(separator: "\n") }
}

/// One expectation that did not hold: what was expected and what came instead.
public struct ExpectationFailure: Sendable, Equatable, CustomStringConvertible {
    public var kind: String
    public var expected: String
    public var actual: String
    public var description: String { "[\(kind)] expected \(expected); got \(actual)" }
}

extension TurnExpectation {
    /// Checks this expectation against what a reply showed; nil when it holds.
    public func check(_ observed: ObservedTurn) -> ExpectationFailure? {
        func fail(_ expected: String, _ actual: String) -> ExpectationFailure { ExpectationFailure(kind: kind, expected: expected, actual: actual) }
        let shownText = observed.texts.isEmpty ? "no text" : observed.texts.map { "\"\($0)\"" }.joined(separator: " / ")
        switch self {
        case .intent(let name):
            return observed.intent == name ? nil : fail("intent \(name)", "intent \(observed.intent ?? "none")")
        case .entities(let wanted):
            var missing: [String] = []
            for (entity, value) in wanted.sorted(by: { $0.key < $1.key }) {
                let values = observed.entities[entity] ?? []
                if !values.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) { missing.append("\(entity)=\(value)") }
            }
            if missing.isEmpty { return nil }
            let got = observed.entities.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.joined(separator: "|"))" }.joined(separator: ", ")
            return fail(missing.joined(separator: ", "), got.isEmpty ? "no entities" : got)
        case .replyIs(let text):
            return observed.texts.contains(text) ? nil : fail("the reply \"\(text)\"", shownText)
        case .replyContains(let text):
            return observed.fullText.localizedCaseInsensitiveContains(text) ? nil : fail("a reply containing \"\(text)\"", shownText)
        case .replyLacks(let text):
            return observed.fullText.localizedCaseInsensitiveContains(text) ? fail("a reply without \"\(text)\"", shownText) : nil
        case .replyMatches(let pattern):
            let matches = observed.fullText.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
            return matches ? nil : fail("a reply matching /\(pattern)/", shownText)
        case .productCount(let comparison, let n):
            let count = observed.productSKUs.count
            let ok = switch comparison { case .exactly: count == n; case .atLeast: count >= n; case .atMost: count <= n }
            return ok ? nil : fail("\(comparison == .exactly ? "" : comparison.rawValue + " ")\(n) product(s)", "\(count)")
        case .productSKUs(let skus):
            let shown = Set(observed.productSKUs)
            let missing = skus.filter { !shown.contains($0) }
            return missing.isEmpty ? nil : fail("products \(skus.joined(separator: ", "))", observed.productSKUs.isEmpty ? "no products" : observed.productSKUs.joined(separator: ", "))
        case .productsAbsent(let skus):
            let shown = skus.filter { observed.productSKUs.contains($0) }
            return shown.isEmpty ? nil : fail("none of \(skus.joined(separator: ", ")) among the products", "\(shown.joined(separator: ", ")) shown")
        case .noComparison:
            return observed.comparisonSKUs == nil ? nil : fail("no comparison", "a comparison of \(observed.comparisonSKUs?.count ?? 0)")
        case .noOrder:
            return observed.orderNumber == nil ? nil : fail("no order shown", "order \(observed.orderNumber ?? "")")
        case .comparison(let n):
            guard let skus = observed.comparisonSKUs else { return fail("a comparison", "no comparison") }
            if let n, skus.count != n { return fail("a comparison of \(n) products", "a comparison of \(skus.count)") }
            return nil
        case .orderStatus(let status):
            return observed.orderStatus?.caseInsensitiveCompare(status) == .orderedSame ? nil : fail("order status \(status)", observed.orderStatus.map { "order status \($0)" } ?? "no order shown")
        case .orderNumber(let number):
            return observed.orderNumber?.caseInsensitiveCompare(number) == .orderedSame ? nil : fail("order \(number)", observed.orderNumber ?? "no order shown")
        case .cartLines(let n):
            return observed.cartLines == n ? nil : fail("a cart with \(n) line(s)", observed.cartLines.map { "\($0) line(s)" } ?? "no cart shown")
        case .handoff(let wanted):
            return observed.handoff == wanted ? nil : fail(wanted ? "a handoff to a person" : "no handoff", observed.handoff ? "a handoff" : "no handoff")
        case .suggestionsInclude(let wanted):
            let missing = wanted.filter { w in !observed.suggestions.contains { $0.caseInsensitiveCompare(w) == .orderedSame } }
            return missing.isEmpty ? nil : fail("quick replies \(wanted.joined(separator: ", "))", observed.suggestions.isEmpty ? "none" : observed.suggestions.joined(separator: ", "))
        }
    }
}
