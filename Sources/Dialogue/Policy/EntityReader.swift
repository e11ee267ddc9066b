import Foundation
import NLU

/// Reads the entities of a parse the way the policy needs them, plus the few cues
/// the NLU does not tag (negation before an entity, "cheaper", "show more").
struct EntityReader: Sendable {
    let parse: Parse
    /// The line lower-cased with runs of spaces collapsed.
    let folded: String
    /// The UTF-8 of `folded` with only letters, digits, spaces and apostrophes, between two
    /// spaces: what `has` looks in.
    let padded: [UInt8]

    init(_ parse: Parse) {
        self.parse = parse
        self.folded = Self.fold(parse.text)
        var padded: [UInt8] = [0x20]
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            padded += folded.utf8.filter { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x20 || $0 == 0x27 }
        } else {
            padded += folded.filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "'" }.utf8
        }
        padded.append(0x20)
        self.padded = padded
    }

    /// `text` lower-cased, diacritics folded, with runs of spaces, tabs and line feeds as one space.
    static func fold(_ text: String) -> String {
        // Most lines are ASCII: lower-cased and collapsed byte by byte, the same as below.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            var space = false, previous: UInt8 = 0
            for b in text.utf8 {
                defer { previous = b }
                // "\r\n" is one Character, not a separator, below.
                if b == 0x20 || b == 0x09 || (b == 0x0A && previous != 0x0D) { space = !out.isEmpty; continue }
                if space { out.append(0x20); space = false }
                out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
            }
            return String(decoding: out, as: UTF8.self)
        }
        let lower = text.lowercased()
        let plain = lower.utf8.allSatisfy { $0 < 0x80 } ? lower : lower.folding(options: [.diacriticInsensitive], locale: nil)
        return plain.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    /// `folded` without punctuation (Unicode category P, as `CharacterSet.punctuationCharacters`) at either end.
    var foldedWithoutEdgePunctuation: String {
        let scalars = folded.unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isPunctuation($0) }), let last = scalars.lastIndex(where: { !Self.isPunctuation($0) }) else { return "" }
        return String(folded.unicodeScalars[first...last])
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation: true
        default: false
        }
    }

    func all(_ name: String) -> [ExtractedEntity] { parse.entities.filter { $0.entity == name } }
    func first(_ name: String) -> ExtractedEntity? { parse.entities.first { $0.entity == name } }
    func string(_ name: String) -> String? { first(name).map { $0.value.stringValue ?? $0.value.description } }
    func strings(_ name: String) -> [String] { all(name).map { $0.value.stringValue ?? $0.value.description } }
    var isEmpty: Bool { parse.entities.isEmpty }

    /// True when a negation ("without", "no", "not", "except") sits just before the entity.
    func isNegated(_ e: ExtractedEntity) -> Bool {
        let scalars = parse.text.unicodeScalars
        let end = scalars.index(scalars.startIndex, offsetBy: max(0, e.start), limitedBy: scalars.endIndex) ?? scalars.endIndex
        var before = Array(String(scalars[..<end]).lowercased().utf8)
        // "no, I meant blue": a negation before the correction cue is not about the entity.
        for cue in [",", ".", ";", "!", "?", " meant ", " actually "] {
            if let found = UTF8Search.lastOffset(of: cue, in: before) { before.removeFirst(found + cue.utf8.count) }
        }
        let words = String(decoding: before, as: UTF8.self).split(whereSeparator: { !$0.isLetter && $0 != "'" }).suffix(3).map(String.init)
        return words.contains { Self.negations.contains($0) }
    }

    private static let negations: Set<String> = ["without", "no", "not", "except", "excluding", "exclude", "hate", "dislike", "don't", "dont", "nothing", "non", "minus"]

    /// True when one of `phrases` (lower-case words separated by single spaces) appears as
    /// whole words. Compares UTF-8 bytes: the policy asks this a dozen times a turn, and a
    /// `String` search compares by `Character`, several times slower.
    func has(_ phrases: [String]) -> Bool {
        phrases.contains { !$0.isEmpty && UTF8Search.firstOffset(of: " \($0) ", in: padded) != nil }
    }

    /// A promotion code named after "code", "coupon", "voucher" or "promo" ("checkout with code RUN15"), upper-cased.
    var promoCode: String? {
        let words = parse.text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "?" || $0 == "!" || $0 == ":" }).map(String.init)
        for (i, word) in words.enumerated().dropLast() where ["code", "coupon", "voucher", "promo"].contains(word.lowercased()) {
            let candidate = words[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: ".\"'"))
            if candidate.count >= 3, candidate.count <= 32, candidate.contains(where: \.isNumber) || candidate == candidate.uppercased(),
               candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) { return candidate.uppercased() }
        }
        return nil
    }

    /// An order number typed anywhere in the line, upper-cased, without `#`.
    var orderID: String? {
        if let v = string("order_id") { return Self.normalizeOrderID(v) }
        for word in parse.text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." || $0 == "?" || $0 == "!" }) {
            if let id = Self.normalizeOrderID(String(word)) { return id }
        }
        return nil
    }

    /// `A10234`, `a10234`, `#A10234` → `A10234`; anything else → nil.
    static func normalizeOrderID(_ raw: String) -> String? {
        var s = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if s.hasPrefix("#") { s.removeFirst() }
        guard s.first == "A" else { return nil }
        let digits = s.dropFirst()
        guard (5...7).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return s
    }

    var email: String? {
        if let v = string("email") { return v.lowercased() }
        return parse.text.split(separator: " ").map(String.init).first { Self.isEmail($0) }?.lowercased()
            .trimmingCharacters(in: CharacterSet(charactersIn: ".,;!?"))
    }

    static func isEmail(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: CharacterSet(charactersIn: ".,;!? "))
        let parts = t.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !t.contains(" ") else { return false }
        return true
    }

    var postcode: String? {
        if let v = string("postcode") { return v.uppercased() }
        return parse.text.split(separator: " ").map(String.init).first { w in
            w.count >= 4 && w.count <= 8 && w.contains(where: \.isNumber) && w.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }?.uppercased()
    }

    /// Quantity from a `quantity` or `number` entity (1…99).
    var quantity: Int? { amount(in: 1...99) }

    /// The first whole number in `range` from a `quantity` or `number` entity: "make it 0"
    /// or "make it 200" states an amount that `quantity` does not take, and the cart answers it.
    func amount(in range: ClosedRange<Double>) -> Int? {
        for name in ["quantity", "number"] {
            // A bare number that is also a size ("size 10") is not a quantity.
            let candidates = all(name).filter { e in
                name == "quantity" || !parse.entities.contains { $0.entity != "number" && $0.start < e.end && e.start < $0.end }
            }
            if let e = candidates.first {
                let n = e.value.numberValue ?? e.value["count"]?.numberValue ?? e.value["value"]?.numberValue ?? e.value["amount"]?.numberValue ?? Double(e.value.description)
                if let n, range.contains(n), n == n.rounded() { return Int(n) }
            }
        }
        return nil
    }

    /// 1-based positions (−1 = last) from ordinal entities, in the order typed.
    var ordinals: [Int] {
        all("ordinal").compactMap { e in
            if let p = e.value["position"]?.numberValue { return Int(p) }
            if let p = e.value.numberValue { return Int(p) }
            return nil
        }
    }

    /// Price bounds from `price_range` or `money` entities ("under 80", "between 50 and 100").
    var priceBounds: (min: Double?, max: Double?)? {
        if let r = first("price_range") {
            let lo = r.value["min"]?.numberValue
            let hi = r.value["max"]?.numberValue
            if lo != nil || hi != nil { return (lo, hi) }
        }
        if let m = first("money") {
            let amount = m.value["amount"]?.numberValue ?? m.value.numberValue
            guard let amount else { return nil }
            let before = folded
            if before.contains("over ") || before.contains("above ") || before.contains("more than") || before.contains("at least") || before.contains("from ") {
                return (amount, nil)
            }
            return (nil, amount)
        }
        return nil
    }
}
