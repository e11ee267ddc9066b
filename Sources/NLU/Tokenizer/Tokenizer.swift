/// Splits a line into tokens with offsets, normalized forms, kinds and numbers.
///
/// Word boundaries come from Unicode word segmentation (ICU through `CICUShim` for
/// lines with non-ASCII text, so Chinese, Japanese and Thai are segmented with ICU's
/// dictionaries; a pure-Swift implementation of the same rules for ASCII lines,
/// which is most shopping text and several times faster). Shopping rules then keep
/// together what word segmentation splits or drops:
///
/// | text | token kind | `numericValue` |
/// |---|---|---|
/// | `$49.99`, `€30`, `£5`, `30€`, `$4k` | `money` | 49.99, 30, 5, 30, 4000 |
/// | `50%` | `percent` | 50 |
/// | `#A10234`, `a10234` | `orderID` (normalized `a10234`) | nil |
/// | `john.doe@shop.com` | `email` | nil |
/// | `t-shirt`, `usb-c`, `h&m` | `word` (one token) | nil |
/// | `o'neill`, `don't`, `4k`, `2nd` | `word` | nil |
/// | `10.5`, `1,000` | `number` | 10.5, 1000 |
/// | `twenty`, `twenty-five`, `hundred` | `word` | 20, 25, 100 |
///
/// Number words stay one token per word; `NumberWords.read(_:at:)` reads a whole
/// sequence ("a hundred and fifty" → 150). Offsets count Unicode scalars.
/// Spaces, control and format characters never become tokens.
///
/// ```swift
/// Tokenizer().tokenize("Crème t-shirt under $49.99").map(\.normalized)
/// // ["creme", "t-shirt", "under", "$49.99"]
/// ```
public struct Tokenizer: Sendable {
    public init() {}

    public func tokenize(_ text: String) -> [Token] {
        tokenize(text, forceICU: false)
    }

    /// `forceICU` sends ASCII lines through ICU too (tests check both paths agree).
    func tokenize(_ text: String, forceICU: Bool) -> [Token] {
        if text.isEmpty { return [] }
        let line = ScalarLine(text)
        var pieces = line.isASCII && !forceICU ? ASCIISegmenter.segment(line.scalars) : ICUSegmenter.segment(line)
        if line.utf8.contains(0x40) { EmailSpans.apply(line, &pieces) }
        return TokenBuilder(line: line).build(pieces)
    }
}

/// Finds e-mail addresses in the raw scalars (segmentation splits them at `@`
/// and sometimes at `-`/`+`) and replaces the pieces they cover by one piece.
enum EmailSpans {
    private static func isLocal(_ s: UInt32) -> Bool {
        Scalars.isASCIIAlnum(s) || s == 0x2E || s == 0x5F || s == 0x25 || s == 0x2B || s == 0x2D
    }
    private static func isDomain(_ s: UInt32) -> Bool { Scalars.isASCIIAlnum(s) || s == 0x2E || s == 0x2D }

    static func find(_ s: [UInt32]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var k = 0
        while k < s.count {
            defer { k += 1 }
            guard s[k] == 0x40 else { continue }
            var left = k
            while left > 0 && isLocal(s[left - 1]) { left -= 1 }
            while left < k && s[left] == 0x2E { left += 1 }
            if let previous = spans.last, previous.upperBound > left { continue }
            var right = k + 1
            while right < s.count && isDomain(s[right]) { right += 1 }
            while right > k + 1 && (s[right - 1] == 0x2E || s[right - 1] == 0x2D) { right -= 1 }
            guard left < k, right > k + 1 else { continue }
            // Domain: at least two dot-separated labels, none empty, TLD of 2+ letters.
            let labels = s[(k + 1)..<right].split(separator: 0x2E, omittingEmptySubsequences: false)
            guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
                  let tld = labels.last, tld.count >= 2, tld.allSatisfy(Scalars.isASCIILetter) else { continue }
            spans.append(left..<right)
            k = right - 1
        }
        return spans
    }

    static func apply(_ line: ScalarLine, _ pieces: inout [Piece]) {
        let spans = find(line.scalars)
        if spans.isEmpty { return }
        var out: [Piece] = []
        out.reserveCapacity(pieces.count)
        var si = 0, emitted = -1
        for piece in pieces {
            var start = piece.start
            while start < piece.end {
                while si < spans.count && spans[si].upperBound <= start { si += 1 }
                if si < spans.count && spans[si].lowerBound <= start {
                    if emitted < si {
                        out.append(Piece(start: spans[si].lowerBound, end: spans[si].upperBound, cls: .email))
                        emitted = si
                    }
                    start = min(piece.end, spans[si].upperBound)
                    continue
                }
                let stop = si < spans.count ? min(piece.end, spans[si].lowerBound) : piece.end
                let part = Piece(start: start, end: stop, cls: piece.cls)
                out.append(part == piece ? part : reclassified(line, part))
                start = stop
            }
        }
        pieces = out
    }

    private static func reclassified(_ line: ScalarLine, _ piece: Piece) -> Piece {
        guard piece.cls == .word || piece.cls == .number else { return piece }
        var p = piece
        p.cls = PieceClass.wordOrNumber(line.scalars[piece.start..<piece.end])
        return p
    }
}
