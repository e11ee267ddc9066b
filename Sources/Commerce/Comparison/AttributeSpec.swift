import Foundation

/// A product attribute value as the comparison sees it.
public enum AttributeValue: Sendable, Equatable, Hashable, Codable {
    /// A measured amount in `unit` (e.g. 30 "h", 250 "g"); unit may be empty.
    case number(Double, unit: String)
    /// Has it or not (waterproof, noise cancelling).
    case flag(Bool)
    /// Anything else ("IPX7", "Bluetooth 5.3").
    case text(String)

    /// How the value is shown in a table cell: "30 h", "Yes", "IPX7".
    public var display: String {
        switch self {
        case let .number(value, unit):
            let number = AttributeValue.format(value)
            return unit.isEmpty ? number : "\(number) \(unit)"
        case let .flag(on): return on ? "Yes" : "No"
        case let .text(text): return text
        }
    }

    /// A number without a trailing ".0": 30 → "30", 4.25 → "4.25".
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int(value)) }
        var s = String(format: "%.2f", value)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// The number, when there is one.
    public var number: Double? {
        if case let .number(v, _) = self { return v }
        return nil
    }
}

/// Which way an attribute is better, when it has a direction at all.
public enum ComparisonDirection: String, Sendable, Equatable, Codable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"
    /// For features: having it is better than not.
    case presentIsBetter = "present"
    /// Colour, material…: different, neither better.
    case none
}

/// How an attribute is labelled, measured and judged in a comparison.
///
/// The shop's attribute keys are snake_case (`battery_hours`, `weight_g`); known keys
/// carry a label, unit and direction here; unknown keys still show (label from the key,
/// direction guessed from words like "weight" or "battery") so nothing a product has is hidden.
public struct AttributeSpec: Sendable, Equatable {
    public var key: String
    /// Row label: "Battery life".
    public var label: String
    public var direction: ComparisonDirection
    /// "is 40 g lighter": the word for a better value when the attribute has one.
    public var betterAdjective: String?
    /// "has 10 more hours of battery": what a difference is counted in (plural).
    public var differenceNoun: String?
    /// "has the longest battery": the phrase for the best of three or four.
    public var bestPhrase: String?
    /// Order of rows in the table (lower first).
    public var rank: Int

    /// The order of a comparison's attribute rows (and of one product's specifications):
    /// by rank, then label, then key.
    public static func rowOrder(_ a: AttributeSpec, _ b: AttributeSpec) -> Bool {
        (a.rank, a.label, a.key) < (b.rank, b.label, b.key)
    }

    /// `noun` (plural) for `count` of it: "hours of battery", but "hour of battery" for 1.
    public static func counted(_ noun: String, _ count: Double) -> String {
        guard count == 1 else { return noun }
        let singular = ["hours": "hour", "years": "year", "months": "month", "litres": "litre", "days": "day"]
        let words = noun.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = words.first, let one = singular[String(first)] else { return noun }
        return ([one] + words.dropFirst().map(String.init)).joined(separator: " ")
    }

    public init(key: String, label: String, direction: ComparisonDirection, betterAdjective: String? = nil,
                differenceNoun: String? = nil, bestPhrase: String? = nil, rank: Int = 100) {
        self.key = key
        self.label = label
        self.direction = direction
        self.betterAdjective = betterAdjective
        self.differenceNoun = differenceNoun
        self.bestPhrase = bestPhrase
        self.rank = rank
    }

    /// The spec of the price row.
    public static let price = AttributeSpec(key: "price", label: "Price", direction: .lowerIsBetter, betterAdjective: "cheaper", bestPhrase: "is the cheapest", rank: 0)
    /// The spec of the rating row.
    public static let rating = AttributeSpec(key: "rating", label: "Rating", direction: .higherIsBetter, betterAdjective: "better rated", bestPhrase: "is the best rated", rank: 1)

    /// Specs of attributes whose meaning the shop knows.
    public static let known: [String: AttributeSpec] = {
        let list: [AttributeSpec] = [
            price, rating,
            AttributeSpec(key: "battery_hours", label: "Battery life", direction: .higherIsBetter, differenceNoun: "hours of battery", bestPhrase: "has the longest battery", rank: 10),
            AttributeSpec(key: "battery_life", label: "Battery life", direction: .higherIsBetter, differenceNoun: "hours of battery", bestPhrase: "has the longest battery", rank: 10),
            AttributeSpec(key: "weight", label: "Weight", direction: .lowerIsBetter, betterAdjective: "lighter", bestPhrase: "is the lightest", rank: 11),
            AttributeSpec(key: "weight_g", label: "Weight", direction: .lowerIsBetter, betterAdjective: "lighter", bestPhrase: "is the lightest", rank: 11),
            AttributeSpec(key: "weight_kg", label: "Weight", direction: .lowerIsBetter, betterAdjective: "lighter", bestPhrase: "is the lightest", rank: 11),
            AttributeSpec(key: "noise_cancelling", label: "Noise cancelling", direction: .presentIsBetter, differenceNoun: "noise cancelling", rank: 12),
            AttributeSpec(key: "waterproof", label: "Waterproof", direction: .presentIsBetter, differenceNoun: "waterproofing", rank: 13),
            AttributeSpec(key: "water_resistance", label: "Water resistance", direction: .none, rank: 14),
            AttributeSpec(key: "wireless", label: "Wireless", direction: .presentIsBetter, differenceNoun: "wireless connection", rank: 15),
            AttributeSpec(key: "microphone", label: "Microphone", direction: .presentIsBetter, differenceNoun: "a microphone", rank: 16),
            AttributeSpec(key: "storage_gb", label: "Storage", direction: .higherIsBetter, differenceNoun: "GB of storage", bestPhrase: "has the most storage", rank: 20),
            AttributeSpec(key: "ram_gb", label: "Memory", direction: .higherIsBetter, differenceNoun: "GB of memory", bestPhrase: "has the most memory", rank: 21),
            AttributeSpec(key: "screen_inches", label: "Screen", direction: .none, rank: 22),
            AttributeSpec(key: "warranty_years", label: "Warranty", direction: .higherIsBetter, differenceNoun: "years of warranty", bestPhrase: "has the longest warranty", rank: 30),
            AttributeSpec(key: "warranty_months", label: "Warranty", direction: .higherIsBetter, differenceNoun: "months of warranty", bestPhrase: "has the longest warranty", rank: 30),
            AttributeSpec(key: "capacity_l", label: "Capacity", direction: .higherIsBetter, differenceNoun: "litres of capacity", bestPhrase: "holds the most", rank: 31),
            AttributeSpec(key: "capacity_mah", label: "Battery capacity", direction: .higherIsBetter, differenceNoun: "mAh of battery", bestPhrase: "has the biggest battery", rank: 31),
            AttributeSpec(key: "color", label: "Colour", direction: .none, rank: 50),
            AttributeSpec(key: "material", label: "Material", direction: .none, rank: 51),
        ]
        return Dictionary(list.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }()

    /// The spec for `key`: a known one, or one guessed from the key's words; a direction
    /// the catalog states wins over both.
    public static func spec(for key: String, value: AttributeValue?, stated: ComparisonDirection? = nil) -> AttributeSpec {
        var spec = guess(for: key, value: value)
        guard let stated, stated != spec.direction else { return spec }
        spec.direction = stated
        let noun = spec.label.lowercased()
        switch stated {
        case .higherIsBetter:
            spec.betterAdjective = nil
            spec.bestPhrase = spec.bestPhrase ?? "has the most \(noun)"
        case .lowerIsBetter:
            spec.betterAdjective = spec.betterAdjective ?? "lower in \(noun)"
            spec.bestPhrase = spec.bestPhrase ?? "has the lowest \(noun)"
        case .presentIsBetter:
            spec.differenceNoun = spec.differenceNoun ?? noun
        case .none:
            break
        }
        return spec
    }

    static func guess(for key: String, value: AttributeValue?) -> AttributeSpec {
        if let spec = known[key] { return spec }
        let words = key.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " }).map(String.init)
        let acronyms: Set<String> = ["ram", "gps", "ssd", "usb", "hdmi", "led", "uv", "anc", "cpu", "gpu"]
        let label = words.enumerated().map { i, w in
            acronyms.contains(w.lowercased()) ? w.uppercased() : i == 0 ? w.prefix(1).uppercased() + w.dropFirst() : w
        }.joined(separator: " ")
        if case .flag = value {
            return AttributeSpec(key: key, label: label, direction: .presentIsBetter, differenceNoun: words.joined(separator: " "), rank: 60)
        }
        let lowered = Set(words.map { $0.lowercased() })
        if !lowered.isDisjoint(with: ["weight", "mass"]) {
            return AttributeSpec(key: key, label: label, direction: .lowerIsBetter, betterAdjective: "lighter", bestPhrase: "is the lightest", rank: 60)
        }
        if !lowered.isDisjoint(with: ["battery", "storage", "memory", "capacity", "warranty", "range", "resolution"]) {
            let noun = label.lowercased()
            return AttributeSpec(key: key, label: label, direction: .higherIsBetter, bestPhrase: "has the most \(noun)", rank: 60)
        }
        return AttributeSpec(key: key, label: label, direction: .none, rank: 70)
    }
}
