import Foundation
import NLU
import Testing
@testable import Dialogue

@Suite("probe")
struct NLUProbe {
    @Test("probe parses") func probe() throws {
        let (a, store, _) = try DemoFixture.assistant()
        print(try Assistant.catalogVocabulary(store).mapValues { $0.prefix(8) })
        let nlu = a.parser
        for line in ["hi", "show me headphones", "cheaper", "in blue", "only Sony", "show more", "without the red ones", "compare the first two",
                     "add the cheaper one to my cart", "checkout", "yes", "where is my new order?", "where is my order", "A10234", "guest@example.com",
                     "by the way where is my order?", "no, I meant size 10", "asdf qwerty", "I want to talk to a human", "the second one", "tell me about the second one",
                     "red running shoes size 10 under 120", "start over", "cancel"] {
            let p = nlu.parse(line)
            print("\(line) => \(p.intent.name) \(String(format: "%.2f", p.intent.confidence)) [\(p.ranking.prefix(2).map { "\($0.name) \(String(format: "%.2f", $0.confidence))" }.joined(separator: ", "))] \(p.entities.map { "\($0.entity)=\($0.value)" })")
        }
    }
}
