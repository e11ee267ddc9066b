/// A stretch of a line between two word boundaries, before the shopping rules
/// (money, percent, order ids, compounds, emails) glue pieces into tokens.
struct Piece: Equatable {
    var start: Int
    var end: Int
    var cls: PieceClass
}

enum PieceClass: UInt8 {
    /// Letters, possibly with digits and inner `'` `.` `_` (`o'neill`, `4k`, `a10234`).
    case word
    /// Digits with inner `.` `,` (`10.5`, `1,000`).
    case number
    /// White space, control and format characters: never a token.
    case space
    /// One punctuation mark or symbol.
    case single
    /// An emoji, including ZWJ sequences, flags and keycaps.
    case emoji
    /// An e-mail address found before segmentation.
    case email
}

extension PieceClass {
    /// Classifies a word-like stretch by its content: digits with inner separators
    /// are a number, anything else a word.
    static func wordOrNumber(_ scalars: ArraySlice<UInt32>) -> PieceClass {
        // A run of only `_` or `@` is punctuation, whichever path segmented it.
        if scalars.allSatisfy({ $0 == 0x5F || $0 == 0x40 }) { return .single }
        guard let first = scalars.first, let last = scalars.last,
              Scalars.isDigit(first), Scalars.isDigit(last) else { return .word }
        for s in scalars where !(Scalars.isDigit(s) || s == 0x2E || s == 0x2C) { return .word }
        return .number
    }
}

/// Character tests shared by the segmenters and the token rules.
enum Scalars {
    @inline(__always) static func isDigit(_ s: UInt32) -> Bool { s >= 0x30 && s <= 0x39 }
    @inline(__always) static func isASCIILetter(_ s: UInt32) -> Bool { (s | 0x20) >= 0x61 && (s | 0x20) <= 0x7A }
    @inline(__always) static func isASCIIAlnum(_ s: UInt32) -> Bool { isDigit(s) || isASCIILetter(s) }

    static func isLetter(_ s: UInt32) -> Bool {
        if s < 0x80 { return isASCIILetter(s) }
        guard let u = Unicode.Scalar(s) else { return false }
        return u.properties.isAlphabetic
    }

    /// White space, controls and invisible format characters: never part of a token on their own.
    static func isSpaceLike(_ s: UInt32) -> Bool {
        if s < 0x80 { return s <= 0x20 || s == 0x7F }
        guard let u = Unicode.Scalar(s) else { return true }
        if u.properties.isWhitespace { return true }
        switch u.properties.generalCategory {
        case .control, .format: return true
        default: return false
        }
    }

    static func isEmojiPart(_ s: UInt32) -> Bool {
        if s == 0xFE0F || s == 0x200D || s == 0x20E3 || (0x1F1E6...0x1F1FF).contains(s) { return true }
        guard s > 0xFF, let u = Unicode.Scalar(s) else { return false }
        return u.properties.isEmojiPresentation || u.properties.isEmojiModifier
    }

    static func generalCategory(_ s: UInt32) -> Unicode.GeneralCategory? {
        Unicode.Scalar(s)?.properties.generalCategory
    }

    /// ISO code of a currency sign.
    static func currency(_ s: UInt32) -> String? {
        switch s {
        case 0x24: return "USD"
        case 0x20AC: return "EUR"
        case 0xA3: return "GBP"
        case 0xA5: return "JPY"
        case 0x20B9: return "INR"
        case 0x20A9: return "KRW"
        case 0x20BD: return "RUB"
        case 0x20BA: return "TRY"
        default: return nil
        }
    }

    @inline(__always) static func isDash(_ s: UInt32) -> Bool { s == 0x2D || s == 0x2010 || s == 0x2011 }
}
