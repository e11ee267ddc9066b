/// Writes the short summary of real differences under a comparison table.
///
/// Only rows with a direction and a single better product are mentioned; equal values
/// and missing values are left out, so the summary never claims a difference the table
/// does not show. Two products: "The A is $40 cheaper; the B has 10 more hours of
/// battery and noise cancelling." Three or four: each product's bests ("The A is the
/// cheapest; the C has the longest battery (30 h)").
enum ComparisonSummary {
    static func write(products: [ComparedProduct], rows: [ComparisonRow], specs: [AttributeSpec]) -> String {
        let specByKey = Dictionary(([AttributeSpec.price, .rating] + specs).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var isParts = [[String]](repeating: [], count: products.count)
        var hasParts = [[String]](repeating: [], count: products.count)
        var onlyParts = [[String]](repeating: [], count: products.count)
        for row in rows where row.better.count >= 1 && row.better.count < products.count {
            guard let spec = specByKey[row.key] else { continue }
            if products.count == 2 {
                guard row.better.count == 1, let w = row.better.first else { continue }
                let other = 1 - w
                addPairPart(row: row, spec: spec, winner: w, other: other, products: products, isParts: &isParts, hasParts: &hasParts)
            } else {
                addBestPart(row: row, spec: spec, products: products, isParts: &isParts, hasParts: &hasParts, onlyParts: &onlyParts)
            }
        }
        var clauses: [String] = []
        for i in products.indices {
            var verbs: [String] = []
            if !isParts[i].isEmpty { verbs.append("is " + list(isParts[i])) }
            if !hasParts[i].isEmpty { verbs.append("has " + list(hasParts[i])) }
            if !onlyParts[i].isEmpty { verbs.append("is the only one with " + list(onlyParts[i])) }
            // "is A and B, and has C": a comma once a group already has its own "and".
            let joined = verbs.count > 1 && verbs.dropLast().contains { $0.contains(" and ") }
                ? verbs.dropLast().joined(separator: ", ") + ", and " + (verbs.last ?? "")
                : list(verbs)
            if !verbs.isEmpty { clauses.append("the \(products[i].shortName) " + joined) }
        }
        guard let first = clauses.first else {
            return "They are alike on price\(rows.count > 2 ? " and on everything both list" : ""); nothing sets one apart."
        }
        clauses[0] = first.prefix(1).uppercased() + first.dropFirst()
        return clauses.joined(separator: "; ") + "."
    }

    private static func addPairPart(row: ComparisonRow, spec: AttributeSpec, winner w: Int, other: Int, products: [ComparedProduct],
                                    isParts: inout [[String]], hasParts: inout [[String]]) {
        switch row.direction {
        case .presentIsBetter:
            hasParts[w].append(spec.differenceNoun ?? spec.label.lowercased())
        case .higherIsBetter, .lowerIsBetter:
            guard let a = row.values[w]?.number, let b = row.values[other]?.number else { return }
            let diff = abs(a - b)
            if row.key == "price" {
                isParts[w].append("\(MoneyFormat.dollars(abs(products[w].priceCents - products[other].priceCents))) cheaper")
            } else if row.key == "rating" {
                isParts[w].append("better rated (\(row.display[w].split(separator: " ").first ?? "") vs \(row.display[other].split(separator: " ").first ?? ""))")
            } else if let adjective = spec.betterAdjective {
                var unit = ""
                if case let .number(_, u)? = row.values[w], !u.isEmpty { unit = " \(u)" }
                isParts[w].append("\(AttributeValue.format(diff))\(unit) \(adjective)")
            } else if let noun = spec.differenceNoun {
                hasParts[w].append("\(AttributeValue.format(diff)) more \(AttributeSpec.counted(noun, diff))")
            } else {
                var unit = ""
                if case let .number(_, u)? = row.values[w], !u.isEmpty { unit = " \(u)" }
                hasParts[w].append("\(AttributeValue.format(diff))\(unit) more \(lowered(spec.label))")
            }
        case .none:
            return
        }
    }

    private static func addBestPart(row: ComparisonRow, spec: AttributeSpec, products: [ComparedProduct],
                                    isParts: inout [[String]], hasParts: inout [[String]], onlyParts: inout [[String]]) {
        if row.direction == .presentIsBetter {
            if row.better.count == 1, let w = row.better.first {
                onlyParts[w].append(spec.differenceNoun ?? spec.label.lowercased())
            }
            return
        }
        guard row.better.count == 1, let w = row.better.first else { return }
        let phrase = spec.bestPhrase ?? "has the best \(spec.label.lowercased())"
        let shown = row.key == "rating" ? String(row.display[w].split(separator: " ").first ?? "") : row.display[w]
        let detail = row.key == "price" ? "" : " (\(shown))"
        if phrase.hasPrefix("is ") {
            isParts[w].append(String(phrase.dropFirst(3)) + detail)
        } else if phrase.hasPrefix("has ") {
            hasParts[w].append(String(phrase.dropFirst(4)) + detail)
        } else {
            isParts[w].append(phrase + detail)
        }
    }

    /// A label in running text: lower case, acronyms kept ("RAM", "GPS").
    static func lowered(_ label: String) -> String {
        label.split(separator: " ").map { w in w.count > 1 && w.allSatisfy(\.isUppercase) ? String(w) : w.lowercased() }.joined(separator: " ")
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}
