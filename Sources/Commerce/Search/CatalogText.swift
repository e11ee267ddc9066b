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
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(text) }
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

    /// The fast path for ASCII text: bytes, not Unicode scalars.
    static func asciiWords(_ text: String) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
            case UInt8(ascii: "'"): continue
            default:
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// A light stem (Porter's step 1: plurals, -ed, -ing, final y), so "shoes", "shoe",
    /// "running" and "run" meet in the text index. Query and catalog use the same one.
    public static func stem(_ word: String) -> String {
        guard word.count > 3, word.utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return word }
        var w = Array(word.utf8)
        func ends(_ s: String) -> Bool { let b = Array(s.utf8); return w.count >= b.count && Array(w.suffix(b.count)) == b }
        func isVowel(_ i: Int) -> Bool {
            switch w[i] {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): return true
            case UInt8(ascii: "y"): return i > 0 && !isVowel(i - 1)
            default: return false
            }
        }
        func hasVowel(_ end: Int) -> Bool { (0..<end).contains { isVowel($0) } }
        // 1a
        if ends("sses") { w.removeLast(2) }
        else if ends("ies") { w.removeLast(2) }
        else if ends("ss") {}
        else if ends("s"), w.count > 3 { w.removeLast() }
        // 1b
        var trimmed = false
        if ends("eed") { if w.count > 4 { w.removeLast() } }
        else if ends("ed"), hasVowel(w.count - 2), w.count > 4 { w.removeLast(2); trimmed = true }
        else if ends("ing"), hasVowel(w.count - 3), w.count > 5 { w.removeLast(3); trimmed = true }
        if trimmed {
            if ends("at") || ends("bl") || ends("iz") { w.append(UInt8(ascii: "e")) }
            else if w.count >= 2, w[w.count - 1] == w[w.count - 2], !isVowel(w.count - 1),
                    ![UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "z")].contains(w[w.count - 1]) { w.removeLast() }
        }
        // 1c
        if ends("y"), w.count > 2, hasVowel(w.count - 1) { w[w.count - 1] = UInt8(ascii: "i") }
        return String(decoding: w, as: UTF8.self)
    }

    /// The words of `text` joined by single spaces: the key form of a phrase.
    public static func key(_ text: String) -> String {
        words(text).joined(separator: " ")
    }
}
