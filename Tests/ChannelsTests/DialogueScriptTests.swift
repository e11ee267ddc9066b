import Foundation
import Dialogue
import NLU
import Testing
@testable import Channels

@Suite("Dialogue scripts")
struct DialogueScriptTests {
    let yaml = """
    name: a shopper narrows a search
    given:
      customer: 12
      cart:
        - sku: HP-001
          quantity: 2
    turns:
      - user: show me headphones
        intent: search_products
        entities: {category: headphones}
        products: at least 3
      - user: only the blue ones
        reply contains: blue
        handoff: no
    """

    @Test("a dialogue reads into turns and expectations")
    func parses() throws {
        let scripts = try DialogueScript.parse(yaml, file: "x.yml")
        #expect(scripts.count == 1)
        let script = try #require(scripts.first)
        #expect(script.name == "a shopper narrows a search")
        #expect(script.given.customer == 12)
        #expect(script.given.cart == [.init(sku: "HP-001", quantity: 2)])
        #expect(script.turns.count == 2)
        #expect(script.turns[0].expectations == [.intent("search_products"), .entities(["category": "headphones"]), .productCount(.atLeast, 3)])
        #expect(script.turns[1].expectations == [.replyContains("blue"), .handoff(false)])
    }

    @Test("mistakes in a dialogue file are named with their line", arguments: [
        ("name: x\nturns:\n  - user: hi\n    intnet: greet\n", 4, "unknown key 'intnet'"),
        ("name: x\nturns:\n  - intent: greet\n", 3, "no 'user:'"),
        ("turns:\n  - user: hi\n", 1, "no 'name'"),
        ("name: x\nturns:\n  - user: hi\n    products: lots\n", 4, "'products' must be"),
        ("name: x\nturns:\n  - user: \"hi\n", 4, "quoted scalar in line 3"),
    ])
    func errors(text: String, line: Int, message: String) {
        do {
            _ = try DialogueScript.parse(text, file: "bad.yml")
            Issue.record("expected an error for \(text)")
        } catch let error as DialogueScriptError {
            #expect(error.line == line, "\(error)")
            #expect(error.description.contains(message), "\(error)")
            #expect(error.file == "bad.yml")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

@Suite("Dialogue expectations")
struct TurnExpectationTests {
    let observed = ObservedTurn(intent: "search_products", entities: ["color": ["blue"]], texts: ["Here are 2 blue headphones."], productSKUs: ["A", "B"], orderStatus: "shipped", suggestions: ["cheaper"])

    @Test("expectations hold or fail with a tagged difference", arguments: [
        (TurnExpectation.intent("search_products"), nil as String?),
        (.intent("recommend"), "intent"),
        (.entities(["color": "Blue"]), nil),
        (.entities(["color": "red"]), "entity"),
        (.replyContains("blue headphones"), nil),
        (.replyContains("sorry"), "text"),
        (.replyLacks("sorry"), nil),
        (.replyMatches("\\d+ blue"), nil),
        (.productCount(.exactly, 2), nil),
        (.productCount(.atLeast, 3), "products"),
        (.productSKUs(["B"]), nil),
        (.productSKUs(["C"]), "products"),
        (.comparison(nil), "comparison"),
        (.orderStatus("SHIPPED"), nil),
        (.orderStatus("delivered"), "order"),
        (.handoff(false), nil),
        (.handoff(true), "handoff"),
        (.suggestionsInclude(["Cheaper"]), nil),
    ])
    func check(expectation: TurnExpectation, failingKind: String?) {
        #expect(expectation.check(observed)?.kind == failingKind)
    }

    @Test("a failure says what was expected and what came instead")
    func message() {
        let failure = TurnExpectation.intent("recommend").check(observed)
        #expect(failure?.description == "[intent] expected intent recommend; got intent search_products")
    }

    @Test("a resolved quantity matches its count: quantity 2 for {count: 2, unit: pair}")
    func quantityCount() {
        let quantity = ExtractedEntity(entity: "quantity", value: .object(["count": .number(2), "unit": .string("pair")]), text: "2", start: 4, end: 5, extractor: "tagger", confidence: 1)
        let parse = Parse(text: "add 2 pairs", intent: IntentScore(name: "add_to_cart", confidence: 0.9), ranking: [], entities: [quantity])
        let observed = ObservedTurn(reply: Reply(session: "s", turn: 1, parse: parse))
        #expect(TurnExpectation.entities(["quantity": "2"]).check(observed) == nil)
        #expect(TurnExpectation.entities(["quantity": "3"]).check(observed) != nil)
    }
}

/// A scripted fake engine: answers each line with a fixed observation.
struct FakeDriver: DialogueDriver {
    var replies: [String: ObservedTurn]
    struct Conversation: DialogueConversation {
        var replies: [String: ObservedTurn]
        func send(_ text: String) throws -> ObservedTurn { replies[text] ?? ObservedTurn(intent: "out_of_scope", texts: ["Sorry?"]) }
    }
    func start(_ script: DialogueScript) throws -> any DialogueConversation { Conversation(replies: replies) }
}

@Suite("Dialogue runner")
struct DialogueRunnerTests {
    let driver = FakeDriver(replies: ["hi": ObservedTurn(intent: "greet", texts: ["Hello!"])])

    @Test("a passing and a failing dialogue are reported, the failure with its turn and difference")
    func report() throws {
        let good = try DialogueScript.parse("name: greets\nturns:\n  - user: hi\n    intent: greet\n", file: "a.yml")[0]
        let bad = try DialogueScript.parse("name: says bye\nturns:\n  - user: hi\n    reply contains: goodbye\n", file: "b.yml")[0]
        let runner = DialogueRunner(driver: driver)
        let results = [runner.run(good), runner.run(bad)]
        #expect(results.map(\.passed) == [true, false])
        let text = DialogueRunner.report(results)
        #expect(text.contains("PASS  greets"))
        #expect(text.contains("FAIL  says bye"))
        #expect(text.contains("turn 1 (line 3): user: hi"))
        #expect(text.contains("[text]"))
        #expect(text.contains("- expected: a reply containing \"goodbye\""))
        #expect(text.contains("+ got:      \"Hello!\""))
        #expect(text.hasSuffix("1 passed, 1 failed"))
        let xml = DialogueRunner.junit(results)
        #expect(xml.contains(#"<testsuite name="dialogues" tests="2" failures="1" errors="0""#))
        #expect(xml.contains("<failure message=\"turn 1: hi\">"))
    }
}

@Suite("Dialogue checks on what cards and tables show")
struct ShownTextTests {
    @Test("reply contains sees card reasons; skus absent, comparison no and order status none are checks")
    func shown() throws {
        let observed = ObservedTurn(texts: ["Picked for you."], productSKUs: ["A"], shownText: ["Trail Shoe — Stridewell — Because you bought the Trailblaze 3"])
        #expect(TurnExpectation.replyContains("because you bought").check(observed) == nil)
        #expect(TurnExpectation.productsAbsent(["B"]).check(observed) == nil)
        #expect(TurnExpectation.productsAbsent(["A"]).check(observed)?.kind == "products")
        #expect(TurnExpectation.noComparison.check(observed) == nil)
        #expect(TurnExpectation.noOrder.check(observed) == nil)
        let script = try DialogueScript.parse("name: x\nturns:\n  - user: hi\n    comparison: no\n    order status: none\n    skus absent: [A, B]\n", file: "x.yml")[0]
        #expect(script.turns[0].expectations == [.noComparison, .noOrder, .productsAbsent(["A", "B"])])
    }
}
