import Commerce
import Foundation
import GRDB
import Testing
@testable import Insights

@Suite("Feedback themes in the report")
struct FeedbackThemeTests {
    @Test("the most frequent content bigrams and words of negative feedback, with counts and the most negative example")
    func themes() {
        let texts = [
            "the search results were terrible",
            "search results not relevant at all",
            "bad search results and slow delivery",
            "delivery was slow",
            "checkout is confusing",
        ]
        let themes = FeedbackThemes.themes(texts)
        #expect(themes.first?.theme == "search results")
        #expect(themes.first?.count == 3)
        #expect(themes.first?.example == "the search results were terrible")
        #expect(themes.contains { $0.theme == "slow" && $0.count == 2 } || themes.contains { $0.theme == "delivery" && $0.count == 2 })
        // "search" and "results" alone add nothing beyond the bigram; a single mention is not a theme.
        #expect(!themes.contains { $0.theme == "search" || $0.theme == "results" || $0.theme == "checkout" })
        #expect(!themes.contains { FeedbackText.stopwords.contains($0.theme) })
    }

    @Test("report lists negative themes in text, JSON and HTML; positive feedback makes none")
    func report() throws {
        let store = try ShopStore.inMemory()
        let service = FeedbackService(store: store)
        for text in ["the recommendations were useless", "useless recommendations again", "recommendations were not relevant",
                     "great service, really helpful", "love it"] {
            try service.record(text: text, session: "s-\(text.count)", customerID: nil)
        }
        let report = try KPIReport.build(store: store)
        #expect(report.feedback.total == 5 && report.feedback.negative == 3)
        let top = try #require(report.feedback.themes.first)
        #expect(top.theme == "recommendations" && top.count == 3)
        #expect(report.text().contains("Most negative themes"))
        #expect(report.text().contains("recommendations: 3"))
        #expect(try report.json().contains("\"themes\""))
        #expect(report.html().contains("negative theme"))
        #expect(!report.feedback.themes.contains { $0.theme.contains("great") || $0.theme.contains("helpful") })
    }
}
