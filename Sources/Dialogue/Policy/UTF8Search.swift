/// Substring search over UTF-8 bytes, for the policy's cue phrases.
///
/// The standard library's `String` search compares `Character`s (grapheme clusters) and
/// Foundation's goes through `NSString`; both cost more than the rest of reading a short
/// line. The cues are ASCII and the text is UTF-8, which no multi-byte character can fake.
enum UTF8Search {
    /// The byte offset of the first occurrence of `needle` in `text`, nil when there is none (or `needle` is empty).
    static func firstOffset(of needle: String, in text: [UInt8]) -> Int? {
        offsets(of: needle, in: text, last: false)
    }

    /// The byte offset of the last occurrence of `needle` in `text`.
    static func lastOffset(of needle: String, in text: [UInt8]) -> Int? {
        offsets(of: needle, in: text, last: true)
    }

    /// True when `needle` occurs in `text`.
    static func contains(_ needle: String, in text: String) -> Bool {
        firstOffset(of: needle, in: Array(text.utf8)) != nil
    }

    private static func offsets(of needle: String, in text: [UInt8], last: Bool) -> Int? {
        var needle = needle
        return needle.withUTF8 { p -> Int? in
            let n = p.count
            guard n > 0, text.count >= n else { return nil }
            let starts = last ? stride(from: text.count - n, through: 0, by: -1) : stride(from: 0, through: text.count - n, by: 1)
            return starts.first { text[$0] == p[0] && p.elementsEqual(text[$0..<($0 + n)]) }
        }
    }
}
