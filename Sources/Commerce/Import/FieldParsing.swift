import Foundation

/// Parsers for the messy values of merchant files. Each says why a value is refused.
public enum FieldParsing {
    /// Why a price could not be read.
    public enum PriceProblem: Error, Sendable, Hashable, CustomStringConvertible {
        case empty
        case ambiguousComma(String)
        case notANumber(String)
        case negative(String)

        public var description: String {
            switch self {
            case .empty: return "price is empty"
            case .ambiguousComma(let v): return "price '\(v)' is ambiguous (decimal comma or thousands separator?); write it with a decimal point, e.g. 60.00"
            case .notANumber(let v): return "price '\(v)' is not a number"
            case .negative(let v): return "price '\(v)' is negative"
            }
        }
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
    private static let symbols: [String: String] = ["$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₫": "VND", "kč": "CZK", "kr": "SEK"]

    /// Reads `28.00 USD`, `59500 ARS`, `32.0 USD`, `USD 12`, `$12.50`, `69.99` (store currency), `1,299.00`.
    ///
    /// A comma that could be a decimal comma (`60,00`, `1,299`) is refused rather than guessed.
    public static func price(_ raw: String, defaultCurrency: String) -> Result<Money, PriceProblem> {
        // Fast path: plain `69.99` / `50`, the common case in Shopify exports.
        if !raw.isEmpty, raw.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }), raw.utf8.first != 0x2E,
           raw.utf8.lazy.filter({ $0 == 0x2E }).count <= 1, let amount = Decimal(string: raw, locale: posix) {
            return .success(Money(amount: amount, currency: defaultCurrency.uppercased()))
        }
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .failure(.empty) }
        var currency: String?
        // A trailing or leading 3-letter ISO code.
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 2 {
            if isCurrencyCode(parts[1]) { currency = parts[1].uppercased(); text = String(parts[0]) }
            else if isCurrencyCode(parts[0]) { currency = parts[0].uppercased(); text = String(parts[1]) }
        } else if parts.count > 2 {
            return .failure(.notANumber(raw))
        }
        let lowered = text.lowercased()
        for (symbol, code) in symbols where lowered.contains(symbol) {
            if lowered.hasPrefix(symbol) { text = String(text.dropFirst(symbol.count)).trimmingCharacters(in: .whitespaces); currency = currency ?? code; break }
            if lowered.hasSuffix(symbol) { text = String(text.dropLast(symbol.count)).trimmingCharacters(in: .whitespaces); currency = currency ?? code; break }
        }
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2C }),
              bytes.first != 0x2E, bytes.first != 0x2C else { return .failure(.notANumber(raw)) }
        let dots = bytes.filter { $0 == 0x2E }.count
        if bytes.contains(0x2C) {
            // Only `1,299.00`-style grouping with a decimal point is unambiguous.
            let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
            guard dots == 1, pieces.count == 2, isThousandsGrouped(pieces[0]) else { return .failure(.ambiguousComma(raw)) }
            text = text.replacingOccurrences(of: ",", with: "")
        } else if dots > 1 {
            return .failure(.notANumber(raw))
        }
        guard let amount = Decimal(string: text, locale: posix) else { return .failure(.notANumber(raw)) }
        if negative && amount != 0 { return .failure(.negative(raw)) }
        return .success(Money(amount: amount, currency: (currency ?? defaultCurrency).uppercased()))
    }

    private static func isCurrencyCode(_ s: Substring) -> Bool {
        s.count == 3 && s.allSatisfy { $0.isASCII && $0.isLetter }
    }

    private static func isThousandsGrouped(_ s: Substring) -> Bool {
        let groups = s.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 } && groups.allSatisfy { $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// Reads a stock quantity: nil for empty, `.failure` for non-integers.
    public static func stock(_ raw: String) -> Result<Int?, PriceProblem> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .success(nil) }
        if let v = Int(text) { return .success(v) }
        if let d = Double(text), d == d.rounded(), abs(d) < 1e12 { return .success(Int(d)) }
        return .failure(.notANumber(raw))
    }

    /// Recognises what an option name means across languages, case and UI phrasing
    /// (`Size`, `Größe`, `SIZE`, `Choose Ring Size`, `Choose Ring sSze`, `Colour`, `Farbe`, `Material`).
    public static func optionKind(_ name: String) -> OptionKind {
        let lowered = name.lowercased()
        let words = lowered.split { !$0.isLetter }.map(String.init)
        func matches(_ vocabulary: Set<String>) -> Bool {
            words.contains { w in vocabulary.contains(w) || (w.count >= 4 && vocabulary.contains { v in v.count >= 4 && withinOneEdit(w, v) }) }
        }
        if matches(sizeWords) { return .size }
        if matches(colorWords) { return .color }
        if matches(materialWords) { return .material }
        return .other
    }

    private static let sizeWords: Set<String> = ["size", "sizes", "größe", "grösse", "groesse", "grosse", "taille", "talla", "tamaño", "maat", "størrelse", "storlek", "koko", "misura", "taglia", "velikost", "rozmiar", "width", "length"]
    private static let colorWords: Set<String> = ["color", "colors", "colour", "colours", "farbe", "couleur", "kleur", "färg", "farve", "farge", "colore", "cor", "barva", "kolor", "väri", "shade"]
    private static let materialWords: Set<String> = ["material", "materials", "materiaal", "matériau", "matière", "materiale", "metal", "metall", "fabric", "stoff", "tela", "materiál"]

    /// True when two words differ by at most one insertion, deletion or substitution.
    static func withinOneEdit(_ a: String, _ b: String) -> Bool {
        let x = Array(a), y = Array(b)
        if abs(x.count - y.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count { i += 1 } else if x.count < y.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (x.count - i) + (y.count - j) <= 1
    }

    /// Trims whitespace (including no-break spaces); nil when nothing is left.
    public static func clean(_ raw: String?) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        let scalars = raw.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return nil }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return raw }
        return String(scalars[first...last])
    }

    /// The most specific step of a taxonomy path (`A > B > C` → `C`); nil for numeric ids.
    public static func categoryLeaf(_ path: String?) -> String? {
        guard let path = clean(path) else { return nil }
        if path.allSatisfy(\.isNumber) { return nil }
        let leaf = path.split(separator: ">").last.map { $0.trimmingCharacters(in: .whitespaces) }
        return clean(leaf)
    }
}
