import Foundation

/// A small lexicon-based sentiment scorer for shopper feedback, with negation and intensifiers.
///
/// Each word found in the lexicon adds its weight (−3…+3); a negator ("not", "never", "n't",
/// "no") within the three words before a sentiment word flips it and halves it ("not great"
/// is mildly negative, "not bad" mildly positive); an intensifier ("very", "really", "so")
/// right before one multiplies it by 1.5. The score is the sum squashed onto −1…1 by
/// `x / sqrt(x² + 15)` (as VADER does), so a long rant and a short one land on the same scale.
///
/// Why a lexicon and not a model: feedback lines are short, the words that carry them are few,
/// and a scorer whose every number can be explained is what a support team can trust.
/// ```swift
/// SentimentScorer().score("the search is not helpful and delivery was slow")  // < 0
/// ```
public struct SentimentScorer: Sendable {
    public var lexicon: [String: Double]
    public init(lexicon: [String: Double] = SentimentScorer.defaultLexicon) { self.lexicon = lexicon }

    /// Below this a feedback counts as negative (and above its opposite, positive).
    public static let negativeBelow = -0.05

    public func score(_ text: String) -> Double {
        let words = FeedbackText.words(text)
        var total = 0.0
        for (i, word) in words.enumerated() {
            guard var weight = lexicon[word] else { continue }
            if i > 0, FeedbackText.intensifiers.contains(words[i - 1]) { weight *= 1.5 }
            let window = words[max(0, i - 3)..<i]
            if window.contains(where: FeedbackText.isNegator) { weight *= -0.5 }
            total += weight
        }
        return total / (total * total + 15).squareRoot()
    }

    public static let defaultLexicon: [String: Double] = {
        var l: [String: Double] = [:]
        for w in ["good", "nice", "fine", "helpful", "useful", "easy", "fast", "quick", "quickly", "works", "worked", "like", "liked",
                  "friendly", "clear", "smooth", "cheap", "glad", "happy", "thanks", "thank", "right", "relevant", "accurate", "polite",
                  "recommend", "pleased", "better", "fair", "reliable", "handy", "well", "simple", "smart", "cool", "satisfied"] { l[w] = 2 }
        for w in ["great", "love", "loved", "excellent", "perfect", "amazing", "awesome", "fantastic", "wonderful", "brilliant", "best",
                  "superb", "outstanding", "delighted"] { l[w] = 3 }
        for w in ["bad", "slow", "wrong", "poor", "confusing", "confused", "annoying", "annoyed", "unhelpful", "useless", "broken",
                  "expensive", "irrelevant", "difficult", "hard", "frustrating", "frustrated", "late", "missing", "lost", "weird", "stupid",
                  "problem", "problems", "issue", "issues", "bug", "buggy", "error", "errors", "fail", "failed", "fails", "failing", "sucks",
                  "disappointed", "disappointing", "unhappy", "hate", "hated", "rude", "clunky", "worse", "never", "nothing", "doesnt",
                  "cant", "wont", "didnt", "repetitive", "repeats", "misunderstood", "misunderstands", "ignored", "ignores", "pointless"] { l[w] = -2 }
        for w in ["terrible", "awful", "horrible", "worst", "garbage", "rubbish", "disaster", "ridiculous", "pathetic", "infuriating"] { l[w] = -3 }
        // Words that carry no sentiment on their own but negate the next one are handled as negators, not here.
        for w in ["never", "nothing", "doesnt", "cant", "wont", "didnt"] { l[w] = nil }
        return l
    }()
}

/// Word splitting and the small word lists shared by the scorer and the feedback themes.
public enum FeedbackText {
    /// Lowercased words of letters, digits and apostrophes, with "n't" folded ("doesn't" → "doesnt").
    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber { current.append(ch) }
            else if ch == "'" || ch == "’" { continue }
            else if !current.isEmpty { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    public static let negators: Set<String> = ["not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "without", "hardly", "barely"]
    public static let intensifiers: Set<String> = ["very", "really", "so", "extremely", "super", "too", "totally", "incredibly", "quite"]

    /// "not", "never", or any word ending in "nt" from a contraction ("doesnt", "isnt", "wasnt", "cant", "wont").
    public static func isNegator(_ word: String) -> Bool {
        negators.contains(word) || (word.hasSuffix("nt") && contractions.contains(word))
    }

    static let contractions: Set<String> = ["dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wont", "wouldnt",
                                             "shouldnt", "havent", "hasnt", "hadnt", "aint"]

    /// Words too common to name a theme.
    public static let stopwords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is",
        "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "i", "im", "ive", "me", "my", "we",
        "you", "your", "he", "she", "they", "them", "their", "our", "us", "do", "does", "did", "have", "has", "had", "will", "would",
        "can", "could", "should", "just", "very", "really", "too", "also", "all", "any", "some", "what", "when", "which", "who", "how",
        "there", "here", "about", "up", "out", "again", "more", "most", "much", "than", "get", "got", "one", "thing", "things", "bit",
        "feedback", "assistant", "bot", "shop", "shopassist", "quite", "even", "still", "always", "every", "lot", "way", "want", "like",
        "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "wasnt", "cant", "wont", "am", "s", "t", "ok", "okay", "please",
    ]
}
