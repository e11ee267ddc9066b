import Foundation
import NLU
import Testing
@testable import Dialogue

@Suite("References to what was shown")
struct ReferenceTests {
    static let shown = FakeShop().products.filter { $0.category == "headphones" }.prefix(5).map { $0 }  // H1…H5

    static let cases: [(String, [(String, EntityValue, String)], [String])] = [
        ("the second one", [("ordinal", .object(["position": .number(2)]), "second")], ["H2"]),
        ("the last one", [("ordinal", .object(["position": .number(-1)]), "last")], ["H5"]),
        ("the third", [], ["H3"]),
        ("the last two", [], ["H4", "H5"]),
        ("the first 2", [], ["H1", "H2"]),
        ("both", [], ["H1", "H2"]),
        ("the cheaper one", [], ["H5"]),
        ("the most expensive one", [], ["H1"]),
        ("the best rated one", [], ["H1"]),
        ("the Bose", [], ["H2"]),
        ("the JBL one", [("brand", .string("JBL"), "JBL")], ["H4"]),
        ("the WH-CH720N", [], ["H3"]),
        ("the Sony", [], []),
        ("something nice", [], []),
    ]

    @Test("a reference resolves against the products shown", arguments: cases)
    func resolves(_ text: String, _ entities: [(String, EntityValue, String)], _ expected: [String]) {
        let resolver = ReferenceResolver(shown: Self.shown)
        #expect(resolver.resolve(P.make(text, "product_details", 0.9, entities)).map(\.sku) == expected)
    }

    @Test("that one is the product last talked about; both and the cheaper one prefer what was compared")
    func focusAndCompared() {
        let compared = [Self.shown[3], Self.shown[1]]
        let r = ReferenceResolver(shown: Self.shown, compared: compared, focus: Self.shown[2])
        #expect(r.resolve(P.make("that one", "add_to_cart")).map(\.sku) == ["H3"])
        #expect(r.resolve(P.make("both", "add_to_cart")).map(\.sku) == ["H4", "H2"])
        #expect(r.resolve(P.make("the cheaper one", "add_to_cart")).map(\.sku) == ["H4"])
    }
}
