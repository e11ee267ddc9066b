/// Splits a line into tokens with offsets and normalized forms.
///
/// PLACEHOLDER IMPLEMENTATION (whitespace/punctuation split) so that other parts of
/// the NLU can be built against the API; the ICU-based tokenizer replaces the body.
public struct Tokenizer: Sendable {
    public init() {}

    public func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var start = 0
        var offset = 0
        func flush() {
            if !current.isEmpty {
                tokens.append(Token(text: current, normalized: ICU.fold(current), start: start, end: offset, kind: current.allSatisfy(\.isNumber) ? .number : .word, numericValue: Double(current)))
                current = ""
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if current.isEmpty { start = offset }
                current.unicodeScalars.append(scalar)
            } else {
                flush()
            }
            offset += 1
        }
        flush()
        return tokens
    }
}
