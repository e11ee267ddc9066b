import Foundation

/// Which compared product fits a need the shopper stated, and why.
///
/// Need words map to what matters for them ("rain" → waterproof, "running" → light and
/// sweat-proof, "flights" → noise cancelling and battery); each product scores a point
/// per feature it has and per "better" row it wins that the need cares about. The
/// reasons name the evidence from the table, so the answer can be checked.
public struct NeedFit: Sendable, Equatable, Codable {
    /// The shopper's words.
    public var need: String
    /// What the need was understood to ask for ("waterproof", "light weight").
    public var understoodAs: [String]
    /// Index (into the table's products) of the best fit; nil when none fits better than the others.
    public var best: Int?
    /// One sentence: "For running in the rain the Aria fits better: it is waterproof and 40 g lighter."
    public var sentence: String

    /// Something a need asks of a product.
    enum Requirement: Equatable {
        /// Has one of these features (tags or true flags); `label` is how to say it.
        case feature([String], label: String)

        /// Wins one of these table rows (the first that the table has).
        case better(keys: [String], label: String)
        /// Has this text value ("terrain" = "trail").
        case value(key: String, value: String, label: String)
    }

    /// Need words and what they ask for. Words are matched after folding and plural "s" removal.
    static let vocabulary: [(words: Set<String>, requirements: [Requirement])] = {
        let water = Requirement.feature(["waterproof", "water_resistant", "water_resistance", "waterproof_rating", "waterproof_depth", "sweatproof"], label: "waterproof")
        let light = Requirement.better(keys: ["weight", "weight_g", "weight_kg"], label: "lighter")
        let quiet = Requirement.feature(["noise_cancelling", "anc"], label: "noise cancelling")
        let battery = Requirement.better(keys: ["battery_life", "battery_hours", "battery_capacity"], label: "longer battery")
        let mic = Requirement.feature(["microphone", "mic"], label: "a microphone")
        let cheap = Requirement.better(keys: ["price"], label: "cheaper")
        let rated = Requirement.better(keys: ["rating"], label: "better rated")
        let wireless = Requirement.feature(["wireless", "cordless", "bluetooth"], label: "wireless")
        let gps = Requirement.feature(["gps"], label: "GPS")
        let trail = Requirement.value(key: "terrain", value: "trail", label: "made for trails")
        let road = Requirement.value(key: "terrain", value: "road", label: "made for roads")
        let cushioned = Requirement.better(keys: ["cushioning"], label: "more cushioned")
        let lightKg = light
        return [
            (["rain", "rainy", "wet", "water", "swim", "swimming", "shower", "snow", "beach", "pool", "waterproof"], [water]),
            (["run", "running", "jog", "jogging", "gym", "workout", "sport", "sports", "training", "exercise", "cycling"], [light, wireless, gps]),
            (["marathon", "long", "distance", "ultra"], [cushioned, battery]),
            (["hike", "hiking", "trail", "mountain", "camping", "outdoor", "outdoors", "trek", "trekking"], [water, trail, light, gps]),
            (["road", "pavement", "city", "street"], [road]),
            (["travel", "flight", "flying", "plane", "commute", "commuting", "train", "bus", "noisy", "office", "focus", "study"], [quiet, battery]),
            (["allday", "battery", "trip", "trips"], [battery]),
            (["call", "calls", "meeting", "meetings", "zoom", "podcast", "gaming"], [mic]),
            (["budget", "cheap", "affordable", "student", "gift", "value"], [cheap]),
            (["reliable", "quality", "best", "durable"], [rated]),
            (["light", "lightweight", "carry", "portable", "backpack"], [lightKg]),
        ]
    }()

    /// "is waterproof" / "is not waterproof", "has a microphone" / "has no microphone".
    static func predicate(_ label: String, has: Bool) -> String {
        let hasWords: Set<String> = ["noise cancelling", "GPS", "a microphone"]
        if hasWords.contains(label) {
            return has ? "has \(label)" : "has no \(label.hasPrefix("a ") ? String(label.dropFirst(2)) : label)"
        }
        return has ? "is \(label)" : "is not \(label)"
    }

    /// "has the longer battery (37 h)", "is lighter (205 g)", "is cheaper".
    static func betterPredicate(_ label: String, key: String, shown: String) -> String {
        let detail = key == "price" || key == "rating" ? "" : " (\(shown))"
        if label.hasPrefix("longer ") { return "has the \(label)\(detail)" }
        return "is \(label)\(detail)"
    }

    /// Judges `products` for `need`; nil when no word of the need is understood.
    static func assess(need: String, products: [ComparedProduct], rows: [ComparisonRow]) -> NeedFit? {
        let words = Set(CatalogText.words(need).flatMap { w in w.hasSuffix("s") && w.count > 3 ? [w, String(w.dropLast())] : [w] })
        var requirements: [Requirement] = []
        for entry in vocabulary where !entry.words.isDisjoint(with: words) {
            for r in entry.requirements where !requirements.contains(r) { requirements.append(r) }
        }
        // Only what the table can judge: a "better" row that exists.
        requirements = requirements.compactMap { requirement in
            switch requirement {
            case let .better(keys, label):
                return keys.first { key in rows.contains { $0.key == key } }.map { .better(keys: [$0], label: label) }
            case let .value(key, _, _):
                return rows.contains { $0.key == key } ? requirement : nil
            case let .feature(names, _):
                // A feature no product states either way cannot tell them apart.
                return products.contains { p in names.contains { p.attributes[$0] != nil || p.has(feature: $0) } } ? requirement : nil
            }
        }
        guard !requirements.isEmpty else { return nil }
        var scores = [Int](repeating: 0, count: products.count)
        var reasons = [[String]](repeating: [], count: products.count)
        var lacks = [[String]](repeating: [], count: products.count)
        var understood: [String] = []
        for requirement in requirements {
            switch requirement {
            case let .feature(names, label):
                understood.append(label)
                let having = products.indices.filter { i in names.contains { products[i].has(feature: $0) } }
                for i in products.indices {
                    if having.contains(i) { scores[i] += 2; reasons[i].append(Self.predicate(label, has: true)) }
                    else { lacks[i].append(Self.predicate(label, has: false)) }
                }
            case let .value(key, value, label):
                understood.append(label)
                for i in products.indices {
                    if case let .text(text)? = products[i].attributes[key], CatalogText.key(text) == value {
                        scores[i] += 2
                        reasons[i].append(Self.predicate(label, has: true))
                    } else {
                        lacks[i].append(Self.predicate(label, has: false))
                    }
                }
            case let .better(keys, label):
                understood.append(label)
                guard let key = keys.first, let row = rows.first(where: { $0.key == key }) else { continue }
                for i in row.better where row.better.count < products.count {
                    scores[i] += 1
                    reasons[i].append(Self.betterPredicate(label, key: key, shown: key == "rating" ? "" : row.display[i]))
                }
            }
        }
        let top = scores.max() ?? 0
        let leaders = scores.indices.filter { scores[$0] == top }
        let needText = need.trimmingCharacters(in: .whitespacesAndNewlines)
        let sentence: String
        var best: Int? = nil
        if top == 0 {
            sentence = "None of these stands out \(needText): what matters there (\(ComparisonSummary.list(understood))) sets none of them apart."
        } else if leaders.count > 1 {
            let names = leaders.map { "the \(products[$0].shortName)" }
            sentence = "\(ComparisonSummary.list(names).capitalizedFirst) fit \(needText) equally well: each \(ComparisonSummary.list(reasons[leaders[0]]))."
        } else if let w = leaders.first {
            best = w
            var s = "\(needText.capitalizedFirst), the \(products[w].shortName) fits best: it \(ComparisonSummary.list(reasons[w]))"
            let others = products.indices.filter { $0 != w && !lacks[$0].isEmpty }
            if let o = others.first, let missing = lacks[o].first, !lacks[w].contains(missing) {
                s += "; the \(products[o].shortName) \(missing)"
            }
            sentence = s + "."
        } else {
            sentence = ""
        }
        return NeedFit(need: needText, understoodAs: understood, best: best, sentence: sentence)
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
