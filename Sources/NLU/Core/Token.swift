/// One token of a line, with its place in the original text.
///
/// Offsets count Unicode scalars (code points) from the start of the line, as Rasa
/// and Python do, so `start`/`end` of a token or entity mean the same thing in a
/// training file, in a parse and in JSON sent to a widget.
public struct Token: Sendable, Hashable, Codable {
    /// The text as typed.
    public var text: String
    /// Case- and diacritics-folded form used for features and look-ups ("Crème" → "creme").
    public var normalized: String
    /// Unicode-scalar offset of the first character.
    public var start: Int
    /// Unicode-scalar offset just past the last character.
    public var end: Int
    public var kind: Kind
    /// The value of a number, a number word sequence ("twenty five") or an amount ("$49.99").
    public var numericValue: Double?

    public enum Kind: String, Sendable, Hashable, Codable {
        case word, number, money, percent, orderID, email, punctuation, symbol, emoji, other
    }

    public init(text: String, normalized: String, start: Int, end: Int, kind: Kind, numericValue: Double? = nil) {
        self.text = text
        self.normalized = normalized
        self.start = start
        self.end = end
        self.kind = kind
        self.numericValue = numericValue
    }
}
