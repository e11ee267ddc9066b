import Foundation

/// Free user text turned into a safe FTS5 `MATCH` expression.
///
/// Why: FTS5 has its own query language (`"phrases"`, `*`, `-`, `NEAR(…)`, `AND`/`OR`/`NOT`,
/// `column:`, parentheses). Passing what a shopper typed straight to `MATCH` raises syntax
/// errors on `"`, `(` or `-`, and gives operators meaning the shopper never meant. This type
/// keeps only runs of letters and digits, lower-cases them, drops filler words, and quotes
/// every term, so the expression is always valid and means "these words".
///
/// ```swift
/// FTSQuery("Show me NEAR(\"noise-cancelling\" headphones*").matchExpression()
/// // "\"near\" AND \"noise\" AND \"cancelling\" AND \"headphones\""
/// ```
public struct FTSQuery: Sendable, Hashable {
    /// How terms combine.
    public enum Mode: String, Sendable, Hashable {
        /// Every term must occur (AND).
        case all
        /// Any term may occur (OR); bm25 still ranks rows with more terms first.
        case any
    }

    /// The normalized terms, in the order typed, without duplicates.
    public let terms: [String]

    /// The most terms kept; longer texts are cut (a hostile 10 KB query stays cheap).
    public static let maxTerms = 12
    /// The longest term kept, in characters.
    public static let maxTermLength = 40

    /// Words that carry no product meaning in a shopping request.
    public static let stopwords: Set<String> = [
        "a", "an", "the", "and", "or", "not", "of", "for", "to", "in", "on", "at", "by", "with", "from",
        "is", "are", "be", "it", "its", "this", "that", "these", "those", "some", "any", "me", "my", "i",
        "im", "we", "you", "your", "please", "show", "find", "search", "looking", "look", "want", "wanna",
        "need", "get", "buy", "can", "could", "would", "like", "do", "does", "have", "has", "there",
        "something", "anything", "one", "ones", "got",
    ]

    /// Normalizes `text`; with `dropStopwords`, filler words go unless nothing else is left.
    public init(_ text: String, dropStopwords: Bool = true) {
        var raw: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { raw.append(String(current.prefix(Self.maxTermLength))) }
            current = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                // Keep only the letters/digits of a grapheme (drops combining marks' oddities).
                for scalar in character.unicodeScalars where scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    current.unicodeScalars.append(scalar)
                }
            } else {
                flush()
            }
        }
        flush()
        var seen = Set<String>()
        var unique = raw.filter { seen.insert($0).inserted }
        if dropStopwords {
            let content = unique.filter { !Self.stopwords.contains($0) && !($0.count == 1 && $0.first?.isLetter == true) }
            if !content.isEmpty { unique = content }
        }
        terms = Array(unique.prefix(Self.maxTerms))
    }

    /// Terms that also match as prefixes (`"headphon"*`), e.g. index stems from spelling repair.
    public var prefixTerms: Set<String> = []

    /// Builds from already-normalized terms (e.g. after spelling correction).
    public init(terms: [String], prefixTerms: Set<String> = []) {
        self.terms = Array(terms.prefix(Self.maxTerms))
        self.prefixTerms = prefixTerms
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// The FTS5 expression, or nil when no term is left (then there is nothing to match).
    ///
    /// With `prefixLast`, the last term also matches as a prefix (`"headph"*`) for
    /// search-as-you-type.
    public func matchExpression(_ mode: Mode = .all, prefixLast: Bool = false) -> String? {
        guard !terms.isEmpty else { return nil }
        let quoted = terms.enumerated().map { index, term -> String in
            let phrase = "\"" + term.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let prefix = prefixTerms.contains(term) || (prefixLast && index == terms.count - 1)
            return prefix ? phrase + "*" : phrase
        }
        return quoted.joined(separator: mode == .all ? " AND " : " OR ")
    }
}
