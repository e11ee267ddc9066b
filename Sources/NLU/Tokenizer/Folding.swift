/// Case and diacritics folding of token text ("Crème" → "creme", "STRASSE" and
/// "Straße" → "strasse", "’" → "'").
///
/// ASCII is lower-cased in Swift; Latin-1 and Latin Extended letters go through a
/// table built once from ICU (so they fold exactly as ICU folds them, without a
/// transliterator call per token); anything else goes to ICU.
enum Folding {
    /// Folded form of every scalar below U+0250.
    private static let latinTable: [String] = (0..<0x250).map { v -> String in
        guard let u = Unicode.Scalar(UInt32(v)) else { return "" }
        return ICU.transliterate(String(u))
    }

    static func fold(_ line: ScalarLine, _ start: Int, _ end: Int, text: String) -> String {
        let scalars = line.scalars[start..<end]
        var ascii = true, latin = true
        for s in scalars {
            if s >= 0x80 { ascii = false; if s >= 0x250 { latin = false; break } }
        }
        if ascii { return lowercasedASCII(text) }
        if latin {
            var out = ""
            out.reserveCapacity(scalars.count)
            for s in scalars { out += latinTable[Int(s)] }
            return out
        }
        return ICU.transliterate(text)
    }

    /// Folds any string (look-up keys, synonyms, training text).
    static func fold(_ text: String) -> String {
        var ascii = true
        for b in text.utf8 where b >= 0x80 { ascii = false; break }
        if ascii { return lowercasedASCII(text) }
        let line = ScalarLine(text)
        return fold(line, 0, line.count, text: text)
    }

    static func lowercasedASCII(_ text: String) -> String {
        var hasUpper = false
        for b in text.utf8 where b >= 0x41 && b <= 0x5A { hasUpper = true; break }
        if !hasUpper { return text }
        return String(decoding: text.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

extension Tokenizer {
    /// The folded form the tokenizer gives a token, for any text: use it for
    /// look-up tables, synonyms and gazetteers so they match `Token.normalized`.
    public static func fold(_ text: String) -> String { Folding.fold(text) }
}
