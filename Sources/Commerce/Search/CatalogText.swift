import Foundation

/// How the search services turn catalog and shopper text into comparable words.
///
/// One normalisation for everything the in-memory indexes hold (vocabulary, completion,
/// facet values), so "Café", "cafe" and "CAFE" meet: lower-cased, diacritics folded,
/// split on anything that is not a letter or digit. ASCII takes a fast path because
/// completion runs on every keystroke.
public enum CatalogText {
    /// The folded, lower-cased form of `text` (diacritics removed, spacing kept).
    public static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    /// The words of `text`, folded, in order. Apostrophes inside a word are dropped
    /// ("men's" → "mens") so possessives match their plain form.
    public static func words(_ text: String) -> [String] {
        let folded = fold(text)
        var words: [String] = []
        var current = ""
        for scalar in folded.unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" { continue }
            if CharacterSet.alphanumerics.contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// The words of `text` joined by single spaces: the key form of a phrase.
    public static func key(_ text: String) -> String {
        words(text).joined(separator: " ")
    }
}
