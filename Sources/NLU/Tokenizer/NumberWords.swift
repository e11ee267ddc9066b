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

    enum WordClass { case unit, teen, tens, hundred, scale, dozen }

    /// Every number word with its value and class, for one look-up per token.
    static let lexicon: [String: (value: Double, cls: WordClass)] = {
        var all: [String: (value: Double, cls: WordClass)] = [:]
        for (w, v) in units { all[w] = (v, .unit) }
        for (w, v) in teens { all[w] = (v, .teen) }
        for (w, v) in tens { all[w] = (v, .tens) }
        for (w, v) in scales { all[w] = (v, .scale) }
        all["hundred"] = (100, .hundred)
        all["dozen"] = (12, .dozen)
        return all
    }()

    /// The value of one number word or hyphenated compound (`twenty-five`), folded form.
    public static func value(ofWord word: String) -> Double? {
        if let entry = lexicon[word] { return entry.value }
        return compound(word)
    }

    /// `twenty-five` → 25.
    static func compound(_ word: String) -> Double? {
        guard word.utf8.count >= 8, let dash = word.firstIndex(of: "-") else { return nil }
        if let t = tens[String(word[..<dash])], let u = units[String(word[word.index(after: dash)...])], u > 0 { return t + u }
        return nil
    }

    private enum Last { case none, digits, unit, teen, tens, hundred, scale, dozen, article }

    /// Reads the number that starts at `tokens[index]`, in digits ("25", "1.5") or
    /// words, with an optional scale ("2 thousand"). Returns nil when no number starts there.
    public static func read(_ tokens: [Token], at index: Int) -> Reading? {
        guard index >= 0, index < tokens.count else { return nil }
        var total = 0.0, current = 0.0
        var last = Last.none
        var lastScale = Double.infinity
        var end = index          // one past the last token that completes a number
        var j = index
        scan: while j < tokens.count {
            let token = tokens[j]
            if j == index, token.kind == .number, let v = token.numericValue {
                current = v; last = .digits; end = j + 1; j += 1; continue
            }
            if token.kind != .word { break scan }
            let word = token.normalized
            if j == index && (word == "a" || word == "an") {
                current = 1; last = .article; j += 1; continue
            }
            if word == "and" {
                guard last == .hundred || last == .scale, j + 1 < tokens.count,
                      let next = value(ofWord: tokens[j + 1].normalized), next < 100 else { break scan }
                j += 1; continue
            }
            if let entry = lexicon[word] {
                let v = entry.value
                switch entry.cls {
                case .unit:
                    guard last == .none || last == .tens || last == .hundred || last == .scale else { break scan }
                    current += v; last = .unit
                case .teen:
                    guard last == .none || last == .hundred || last == .scale else { break scan }
                    current += v; last = .teen
                case .tens:
                    guard last == .none || last == .hundred || last == .scale else { break scan }
                    current += v; last = .tens
                case .hundred:
                    guard last != .hundred && last != .scale && last != .dozen, current < 100 else { break scan }
                    current = max(current, 1) * 100; last = .hundred
                case .scale:
                    guard last != .scale && last != .dozen, v < lastScale else { break scan }
                    total += max(current, 1) * v; current = 0; last = .scale; lastScale = v
                case .dozen:
                    guard last != .hundred && last != .scale && last != .dozen else { break scan }
                    current = max(current, 1) * 12; last = .dozen
                }
            } else if let v = compound(word) {  // twenty-five
                guard last == .none || last == .hundred || last == .scale else { break scan }
                current += v; last = .unit
            } else {
                break scan
            }
            end = j + 1
            j += 1
            if last == .dozen { break scan }
        }
        guard end > index else { return nil }
        return Reading(value: total + current, range: index..<end)
    }
}
