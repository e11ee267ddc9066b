import CICUShim

/// Thin Swift face of the ICU shim: word segmentation and Latin/ASCII folding.
public enum ICU {
    /// A segment between two ICU word boundaries, in UTF-16 offsets.
    public struct Segment: Sendable, Equatable {
        public var start: Int
        public var end: Int
        /// ICU's rule status: 0 none (spaces, punctuation), 100..<200 number,
        /// 200..<300 letter, 300..<400 kana, 400..<500 ideographic.
        public var ruleStatus: Int32
    }

    /// Splits `utf16` at ICU word boundaries.
    public static func wordSegments(_ utf16: [UInt16]) -> [Segment] {
        if utf16.isEmpty { return [] }
        var capacity = utf16.count + 2
        while true {
            var boundaries = [Int32](repeating: 0, count: capacity)
            var statuses = [Int32](repeating: 0, count: capacity)
            let n = cicu_word_boundaries(utf16, Int32(utf16.count), &boundaries, &statuses, Int32(capacity))
            if n == -1 { return [Segment(start: 0, end: utf16.count, ruleStatus: 0)] }
            if n < 0 { capacity = Int(-n); continue }
            var segments: [Segment] = []
            segments.reserveCapacity(Int(n))
            for i in 1..<Int(n) {
                segments.append(Segment(start: Int(boundaries[i - 1]), end: Int(boundaries[i]), ruleStatus: statuses[i]))
            }
            return segments
        }
    }

    /// Case and diacritics folding ("Crème" → "creme", "Straße" → "strasse"), the same
    /// form as `Token.normalized`. ASCII and Latin text fold in Swift (a transliterator
    /// call costs microseconds; the Latin table is ICU's own answer per letter); other
    /// scripts go through ICU, and are lower-cased if ICU fails.
    public static func fold(_ text: String) -> String { Folding.fold(text) }

    /// The ICU transliterator itself (see `cicu_fold`).
    static func transliterate(_ text: String) -> String {
        let utf16 = Array(text.utf16)
        if utf16.isEmpty { return "" }
        var capacity = utf16.count * 2 + 16
        while true {
            var out = [UInt16](repeating: 0, count: capacity)
            let n = cicu_fold(utf16, Int32(utf16.count), &out, Int32(capacity))
            if n == -1 { return text.lowercased() }
            if n < 0 { capacity = Int(-n); continue }
            return String(decoding: out[0..<Int(n)], as: UTF16.self)
        }
    }
}
