/// Numbers written in words, read across tokens ("twenty five" → 25,
/// "a hundred and fifty" → 150, "two thousand" → 2000, "2 dozen" → 24).
///
/// The tokenizer keeps one token per word (so that entity spans in training data
/// keep their boundaries) and sets `Token.numericValue` on each number word alone
/// ("twenty" → 20, "hundred" → 100, and a hyphenated "twenty-five" → 25). Reading a
/// whole sequence is this helper's job; the builtin entity extractors use it.
public enum NumberWords {
    /// A number read from one or more tokens.
    public struct Reading: Sendable, Hashable {
        public var value: Double
        /// Indices of the tokens read: `tokens[range]`.
        public var range: Range<Int>
    }

    static let units: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    ]
    static let teens: [String: Double] = [
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Double] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let scales: [String: Double] = ["thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000]

    /// The value of one number word or hyphenated compound (`twenty-five`), folded form.
    public static func value(ofWord word: String) -> Double? {
        if let v = units[word] ?? teens[word] ?? tens[word] ?? scales[word] { return v }
        if word == "hundred" { return 100 }
        if word == "dozen" { return 12 }
        if let dash = word.firstIndex(of: "-") {
            let head = word[..<dash], tail = word[word.index(after: dash)...]
            if let t = tens[String(head)], let u = units[String(tail)], u > 0 { return t + u }
        }
        return nil
    }

    private enum Last { case none, digits, unit, teen, tens, hundred, scale, dozen, article }

    /// Reads the number that starts at `tokens[index]`, in digits ("25", "1.5") or
    /// words, with an optional scale ("2 thousand"). Returns nil when no number starts there.
    public static func read(_ tokens: [Token], at index: Int) -> Reading? {
        var total = 0.0, current = 0.0
        var last = Last.none
        var lastScale = Double.infinity
        var end = index          // one past the last token that completes a number
        var j = index
        while j < tokens.count {
            let token = tokens[j]
            let word = token.normalized
            if j == index, token.kind == .number, let v = token.numericValue {
                current = v; last = .digits; end = j + 1; j += 1; continue
            }
            if token.kind != .word { break }
            if (word == "a" || word == "an") && j == index {
                current = 1; last = .article; j += 1; continue
            }
            if word == "and" {
                guard last == .hundred || last == .scale, j + 1 < tokens.count,
                      let next = value(ofWord: tokens[j + 1].normalized), next < 100 else { break }
                j += 1; continue
            }
            if let v = units[word] {
                guard [.none, .tens, .hundred, .scale].contains(last) else { break }
                current += v; last = .unit
            } else if let v = teens[word] {
                guard [.none, .hundred, .scale].contains(last) else { break }
                current += v; last = .teen
            } else if let v = tens[word] {
                guard [.none, .hundred, .scale].contains(last) else { break }
                current += v; last = .tens
            } else if word == "hundred" {
                guard [.none, .article, .unit, .teen, .tens, .digits].contains(last), current < 100 else { break }
                current = max(current, 1) * 100; last = .hundred
            } else if let scale = scales[word] {
                guard [.none, .article, .unit, .teen, .tens, .hundred, .digits].contains(last), scale < lastScale else { break }
                total += max(current, 1) * scale; current = 0; last = .scale; lastScale = scale
            } else if word == "dozen" {
                guard [.none, .article, .unit, .teen, .tens, .digits].contains(last) else { break }
                current = max(current, 1) * 12; last = .dozen
            } else if let v = value(ofWord: word) {  // twenty-five
                guard [.none, .hundred, .scale].contains(last) else { break }
                current += v; last = .unit
            } else {
                break
            }
            end = j + 1
            j += 1
            if last == .dozen { break }
        }
        guard end > index else { return nil }
        return Reading(value: total + current, range: index..<end)
    }
}
