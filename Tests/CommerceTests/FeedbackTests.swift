import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("Feedback: sentiment, storage, export and forget")
struct FeedbackTests {
    let scorer = SentimentScorer()

    @Test("the scorer reads polarity, negation and intensifiers")
    func polarity() {
        #expect(scorer.score("this was really helpful") > 0.3)
        #expect(scorer.score("the recommendations were terrible") < -0.3)
        #expect(scorer.score("the search results were not relevant") < 0)
        #expect(scorer.score("not bad at all") > 0)
        #expect(scorer.score("it doesn't work, the search isn't helpful") < 0)
        #expect(scorer.score("very good") > scorer.score("good"))
        #expect(scorer.score("where is my parcel") == 0)
        #expect((-1...1).contains(scorer.score(String(repeating: "awful terrible ", count: 200))))
    }

    @Test("feedback is stored with its score and the signed-in customer; the export lists it")
    func exportIncludesFeedback() throws {
        let shop = try ConsentFixture.shop()
        let row = try FeedbackService(store: shop.store).record(text: "the checkout in Zyxwvut was awful", session: "sess-zq", customerID: shop.customerID)
        #expect(row.score < 0 && row.customerId == shop.customerID)
        let json = try CustomerDataExport(store: shop.store).json(customerID: shop.customerID)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let feedback = try #require(object["feedback"] as? [[String: Any]])
        #expect(feedback.first?["text"] as? String == "the checkout in Zyxwvut was awful")
    }

    @Test("forget-me deletes the customer's feedback text, to the last byte")
    func forgetDeletesFeedback() throws {
        let shop = try ConsentFixture.shop()
        let path = try #require(shop.store.path)
        let marker = "Qwertzuiop delivery was slow"
        try FeedbackService(store: shop.store).record(text: marker, session: "sess-zq", customerID: shop.customerID)
        // Given in the customer's session while signed out: theirs too.
        try FeedbackService(store: shop.store).record(text: "Asdfghjkl search is confusing", session: "sess-zq", customerID: nil)
        try FeedbackService(store: shop.store).record(text: "someone else's feedback", session: "other", customerID: nil)
        try CustomerErasure.compact(shop.store)
        #expect(DataRightsTests.scan(path, for: "Qwertzuiop"))
        let summary = try CustomerErasure(store: shop.store).forget(customerID: shop.customerID)
        #expect(summary.feedback == 2)
        try CustomerErasure.compact(shop.store)
        #expect(!DataRightsTests.scan(path, for: "Qwertzuiop"))
        #expect(!DataRightsTests.scan(path, for: "Asdfghjkl"))
        #expect(try shop.store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feedback") } == 1)
    }
}
