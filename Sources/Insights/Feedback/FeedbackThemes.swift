import Commerce
import Foundation
import GRDB

/// A recurring subject of negative feedback: a content word or a pair of adjacent content words.
public struct FeedbackTheme: Sendable, Hashable, Codable {
    public var theme: String
    /// How many negative feedbacks mention it.
    public var count: Int
    /// The most negative feedback that mentions it.
    public var example: String
}

/// The feedback part of the report: how many, how they feel, and what the negative ones are about.
public struct FeedbackSummary: Sendable, Hashable, Codable {
    public var total: Int
    public var negative: Int
    public var averageScore: Double?
    public var themes: [FeedbackTheme]

    public static let empty = FeedbackSummary(total: 0, negative: 0, averageScore: nil, themes: [])

    enum CodingKeys: String, CodingKey {
        case total, negative, themes
        case averageScore = "average_score"
    }
}

/// Finds the themes of negative feedback: the most frequent content words and bigrams.
///
/// Each feedback counts once per theme (document frequency), so one long rant does not make a
/// theme. A bigram ("search results") is preferred to its words when it is as frequent as
/// them; a word is listed on its own only when it recurs beyond its bigrams.
public enum FeedbackThemes {
    public static func summary(_ db: Database, since: String?, until: String?, limit: Int = 8) throws -> FeedbackSummary {
        let (whereSQL, arguments) = KPIQuery.range(since: since, until: until)
        let stats = try Row.fetchOne(db, sql: "SELECT COUNT(*), AVG(score) FROM feedback WHERE 1 = 1\(whereSQL)", arguments: StatementArguments(arguments))
        let negative = try Row.fetchAll(db, sql: "SELECT text, score FROM feedback WHERE score < ?\(whereSQL) ORDER BY score, id",
                                        arguments: StatementArguments([SentimentScorer.negativeBelow] + arguments)).map { ($0[0] as String, $0[1] as Double) }
        return FeedbackSummary(total: stats?[0] ?? 0, negative: negative.count, averageScore: stats?[1], themes: themes(negative.map(\.0), limit: limit))
    }

    /// Themes of `texts` (given most negative first, which picks the examples).
    public static func themes(_ texts: [String], limit: Int = 8, minimumCount: Int = 2) -> [FeedbackTheme] {
        var counts: [String: Int] = [:]
        var examples: [String: String] = [:]
        var isBigram: [String: Bool] = [:]
        for text in texts {
            let words = FeedbackText.words(text)
            var seen = Set<String>()
            for (i, w) in words.enumerated() where isContent(w) {
                seen.insert(w)
                if i + 1 < words.count, isContent(words[i + 1]) { seen.insert(w + " " + words[i + 1]) }
            }
            for term in seen {
                counts[term, default: 0] += 1
                if examples[term] == nil { examples[term] = text }
                isBigram[term] = term.contains(" ")
            }
        }
        // A word whose every mention sits in an equally frequent bigram adds nothing.
        let bigrams = counts.filter { isBigram[$0.key] == true && $0.value >= minimumCount }
        let ranked = counts.filter { term, n in
            guard n >= minimumCount else { return false }
            if isBigram[term] == true { return true }
            return !bigrams.contains { $0.key.split(separator: " ").contains(Substring(term)) && $0.value >= n }
        }.sorted { a, b in
            if a.value != b.value { return a.value > b.value }
            if (isBigram[a.key] ?? false) != (isBigram[b.key] ?? false) { return isBigram[a.key] ?? false }
            return a.key < b.key
        }
        return ranked.prefix(limit).map { FeedbackTheme(theme: $0.key, count: $0.value, example: examples[$0.key] ?? "") }
    }

    static func isContent(_ word: String) -> Bool {
        word.count >= 3 && !FeedbackText.stopwords.contains(word) && !word.allSatisfy(\.isNumber)
    }
}
