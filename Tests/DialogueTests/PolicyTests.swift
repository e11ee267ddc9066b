import Foundation
import NLU
import Testing
@testable import Dialogue

@Suite("Dialogue policy on hand-made parses")
struct PolicyTests {
    @Test("a search is refined three times: cheaper, in blue, only Sony")
    func refineThreeTimes() {
        var c = Conversation()
        let r1 = c.say("show me headphones", "search_products", 0.95, [P.s("category", "headphones")])
        #expect(r1.cards.count == 5)
        let r2 = c.say("cheaper", "refine_search")
        #expect(!r2.cards.isEmpty)
        let firstPrices = r1.cards.map(\.price).sorted()
        #expect(r2.cards.allSatisfy { $0.price < firstPrices[firstPrices.count / 2] })
        let r3 = c.say("in blue", "refine_search", 0.9, [P.s("color", "blue")])
        #expect(Set(r3.cards.map(\.sku)) == ["H4", "H7"])
        let r4 = c.say("only Sony", "refine_search", 0.9, [P.s("brand", "Sony")])
        #expect(r4.cards.isEmpty)
        #expect(r4.text.contains("Sony"))
        let r5 = c.say("only JBL", "refine_search", 0.9, [P.s("brand", "JBL")])
        #expect(r5.cards.map(\.sku) == ["H4"])
        #expect(c.state.search?.category == "headphones")
        #expect(c.state.search?.colors == ["blue"])
        #expect(c.state.search?.brands == ["JBL"])
        #expect(c.state.search?.maxPrice ?? 0 < 129)
        #expect(c.state.preferences.likedBrands == ["Sony", "JBL"])
    }

    @Test("without the red ones excludes a color; show more pages on")
    func excludeAndMore() {
        var c = Conversation()
        c.say("headphones", "search_products", 0.95, [P.s("category", "headphones")])
        let more = c.say("show more", "refine_search")
        #expect(more.cards.map(\.sku) == ["H6", "H7"])
        let r = c.say("without the red ones", "refine_search", 0.9, [P.s("color", "red")])
        #expect(!r.cards.isEmpty)
        #expect(r.cards.allSatisfy { $0.sku != "H5" && $0.sku != "H6" })
        #expect(c.state.search?.excludedColors == ["red"])
        #expect(c.state.search?.offset == 0)
    }

    @Test("compare the first two after a search shows a comparison table of those two")
    func compareFirstTwo() {
        var c = Conversation()
        let r1 = c.say("headphones", "search_products", 0.95, [P.s("category", "headphones")])
        let r2 = c.say("compare the first two", "compare_products", 0.9, [("ordinal", .object(["position": .number(1)]), "first")])
        #expect(r2.comparison?.products.map(\.sku) == Array(r1.cards.prefix(2).map(\.sku)))
        #expect(c.state.compared == Array(r1.cards.prefix(2).map(\.sku)))
    }

    @Test("add the cheaper one, checkout with confirmation, then the status of the new order")
    func cartCheckoutStatus() {
        var c = Conversation(customer: "7")
        c.say("headphones", "search_products", 0.95, [P.s("category", "headphones")])
        c.say("compare the first two", "compare_products")
        let add = c.say("add the cheaper one to my cart", "add_to_cart")
        #expect(add.cart?.lines.map(\.sku) == ["H2"])
        let confirm = c.say("checkout", "checkout")
        #expect(confirm.task == "checkout")
        #expect(confirm.suggestions.map(\.payload) == ["yes", "no"])
        #expect(c.shop.events.filter { $0.kind == .purchased }.isEmpty)
        let placed = c.say("yes", "affirm")
        let id = placed.order?.orderID
        #expect(id != nil)
        #expect(c.shop.events.contains { $0.kind == .purchased && $0.sku == "H2" })
        let status = c.say("where is my new order?", "order_status")
        #expect(status.order?.orderID == id)
        #expect(status.order?.status == "placed")
        #expect(c.state.task == nil)
    }

    @Test("a guest order-status form asks for the order number, then the email, and re-asks invalid values with the reason")
    func guestOrderForm() {
        var c = Conversation()
        let r1 = c.say("where is my order", "order_status")
        #expect(r1.task == "order_status")
        #expect(c.state.task?.awaiting == "order_id")
        let bad = c.say("A12", "out_of_scope", 0.3)
        #expect(bad.text.contains("A10234"))
        #expect(c.state.task?.awaiting == "order_id")
        let r2 = c.say("#a10234", "out_of_scope", 0.3)
        #expect(r2.order == nil)
        #expect(c.state.task?.slots["order_id"] == "A10234")
        #expect(c.state.task?.awaiting == "email")
        let wrong = c.say("someone@else.com", "out_of_scope", 0.3, [P.s("email", "someone@else.com")])
        #expect(wrong.order == nil)
        #expect(c.state.task?.awaiting == "email")
        let r3 = c.say("guest@example.com", "out_of_scope", 0.3)
        #expect(r3.order?.orderID == "A10234")
        #expect(r3.order?.status == "shipped")
        #expect(c.state.task == nil)
    }

    @Test("a topic switch in the middle of a form is answered and the form resumes")
    func topicSwitch() {
        var c = Conversation()
        c.say("where is my order", "order_status")
        let side = c.say("by the way do you deliver to 10115?", "delivery_options", 0.9, [P.s("postcode", "10115")])
        #expect(side.text.contains("Express"))
        #expect(side.task == "order_status")
        #expect(c.state.task?.awaiting == "order_id")
        let r = c.say("A10234", "out_of_scope", 0.3, [P.s("order_id", "A10234")])
        #expect(c.state.task?.awaiting == "email")
        #expect(r.task == "order_status")
    }

    @Test("a new search mid-form is answered, then the form comes back")
    func searchMidForm() {
        var c = Conversation()
        c.say("where is my order", "order_status")
        let r = c.say("do you have red shoes", "search_products", 0.9, [P.s("color", "red"), P.s("category", "shoes")])
        #expect(r.cards.map(\.sku) == ["S1"])
        #expect(c.state.task?.kind == .orderStatus)
    }

    @Test("a correction replaces a slot: no, I meant A10235")
    func correctionInForm() {
        var c = Conversation()
        c.say("where is my order", "order_status")
        c.say("A10234", "out_of_scope", 0.3)
        #expect(c.state.task?.slots["order_id"] == "A10234")
        c.say("no, I meant A10235", "deny", 0.7, [P.s("order_id", "A10235")])
        #expect(c.state.task?.slots["order_id"] == "A10235")
        #expect(c.state.task?.awaiting == "email")
    }

    @Test("a correction replaces a search filter: no, I meant blue")
    func correctionInSearch() {
        var c = Conversation()
        c.say("red headphones", "search_products", 0.95, [P.s("color", "red"), P.s("category", "headphones")])
        let r = c.say("no, I meant blue", "deny", 0.6, [P.s("color", "blue")])
        #expect(c.state.search?.colors == ["blue"])
        let colors = r.cards.map { card in c.shop.products.first { $0.sku == card.sku }?.color }
        #expect(!colors.isEmpty && colors.allSatisfy { $0 == "blue" })
    }

    @Test("a size correction is remembered as a preference")
    func sizeCorrection() {
        var c = Conversation()
        c.say("running shoes size 9", "search_products", 0.95, [P.s("category", "shoes", "running shoes"), P.s("size", "9")])
        c.say("no, I meant size 10", "deny", 0.6, [P.s("size", "10")])
        #expect(c.state.search?.size == "10")
        #expect(c.state.preferences.size == "10")
    }

    @Test("low confidence asks which of the top two was meant, a second miss offers a human, and handoff carries a summary")
    func fallbackThenHandoff() {
        var c = Conversation()
        c.say("headphones", "search_products", 0.95, [P.s("category", "headphones")])
        let r1 = c.say(P.make("the thing with the stuff", "recommend", 0.3, ranking: [("recommend", 0.3), ("product_details", 0.25), ("greet", 0.1)]))
        #expect(r1.suggestions.map(\.payload) == ["/recommend", "/product_details"])
        #expect(c.state.clarification?.intents == ["recommend", "product_details"])
        let r2 = c.say(P.make("blorp", "greet", 0.2, ranking: [("greet", 0.2), ("help", 0.15)]))
        #expect(r2.suggestions.first?.payload == "/human_handoff")
        let r3 = c.say("/human_handoff", "human_handoff", 1)
        let handoff = r3.handoff
        #expect(handoff != nil)
        #expect(handoff?.summary.contains("headphones") == true)
        #expect(handoff?.summary.contains("blorp") == true)
    }

    @Test("out of scope says what the assistant can do")
    func outOfScope() {
        var c = Conversation()
        let r = c.say("what's the weather", "out_of_scope", 0.9)
        #expect(r.text.contains("product") || r.text.contains("order"))
        #expect(!r.suggestions.isEmpty)
    }

    @Test("cancel clears an open form; start over clears the search too")
    func cancelAndStartOver() {
        var c = Conversation()
        c.say("headphones", "search_products", 0.95, [P.s("category", "headphones")])
        c.say("where is my order", "order_status")
        #expect(c.state.task != nil)
        c.say("cancel", "cancel")
        #expect(c.state.task == nil)
        #expect(c.state.search != nil)
        c.say("let's start over", "cancel", 0.5)
        #expect(c.state.search == nil)
        #expect(c.state.shown.isEmpty)
    }

    @Test("saying no to a destructive step changes nothing")
    func denyDestructive() {
        var c = Conversation(customer: "7")
        c.say("headphones", "search_products", 0.95, [P.s("category", "headphones")])
        c.say("add the first one", "add_to_cart", 0.9, [("ordinal", .object(["position": .number(1)]), "first")])
        c.say("checkout", "checkout")
        let r = c.say("no", "deny")
        #expect(r.order == nil)
        #expect(c.state.task == nil)
        #expect((try? c.shop.cart(.customer("7")).lines.count) == 1)
    }

    @Test("cancelling an order asks yes/no and reports the service's refusal reason")
    func cancelOrderRefused() {
        var c = Conversation()
        c.say("cancel order A10234", "cancel_order", 0.9, [P.s("order_id", "A10234")])
        #expect(c.state.task?.awaiting == "email")
        let confirm = c.say("guest@example.com", "out_of_scope", 0.3)
        #expect(confirm.text.contains("shipped"))
        #expect(c.state.task?.confirming == true)
        let r = c.say("yes", "affirm")
        #expect(r.text.contains("already shipped"))
    }

    @Test("forget me needs a yes and then calls the data-rights service")
    func forgetMe() {
        var c = Conversation(customer: "7")
        c.say("delete my data", "forget_me")
        #expect(c.shop.forgotten.isEmpty)
        c.say("yes", "affirm")
        #expect(c.shop.forgotten == ["7"])
        #expect(c.state.customer == nil)
    }

    @Test("a returning customer is greeted by name and an abandoned cart is mentioned once")
    func greetReturning() {
        let shop = FakeShop()
        shop.abandoned["7"] = CartView(lines: [.init(sku: "H4", title: "JBL", quantity: 1, unitPrice: 89, lineTotal: 89)], subtotal: 89, total: 89, currency: "USD")
        var c = Conversation(customer: "7", shop: shop)
        let r1 = c.say("hi", "greet")
        #expect(r1.text.contains("Ann"))
        #expect(r1.cart?.lines.count == 1)
        let r2 = c.say("hello again", "greet")
        #expect(r2.cart == nil)
        var guest = Conversation(shop: shop)
        #expect(!guest.say("hi", "greet").text.contains("Ann"))
    }

    @Test("shown, clicked, added, recommended and accepted products are logged as events")
    func events() {
        var c = Conversation()
        c.say("headphones", "search_products", 0.95, [P.s("category", "headphones")])
        c.say("recommend something similar to the first one", "recommend", 0.9, [("ordinal", .object(["position": .number(1)]), "first")])
        let recommended = c.state.recommended
        #expect(!recommended.isEmpty)
        c.say("tell me about the first one", "product_details", 0.9, [("ordinal", .object(["position": .number(1)]), "first")])
        c.say("add it to my cart", "add_to_cart")
        let kinds = c.shop.events.map(\.kind)
        for kind in [DialogueEvent.Kind.productShown, .recommendationShown, .productClicked, .recommendationAccepted, .addedToCart] {
            #expect(kinds.contains(kind), "missing \(kind)")
        }
        #expect(c.shop.events.first { $0.kind == .recommendationAccepted }?.sku == recommended.first)
    }

    @Test("a bare value answers the search prompt")
    func searchPrompt() {
        var c = Conversation()
        let ask = c.say("I want to buy something", "search_products")
        #expect(ask.task == "search")
        let r = c.say("headphones", "out_of_scope", 0.3, [P.s("category", "headphones")])
        #expect(r.cards.count == 5)
        #expect(c.state.task == nil)
    }

    @Test("the turn history keeps each parse")
    func history() {
        var c = Conversation()
        c.say("hi", "greet")
        c.say("headphones", "search_products", 0.95, [P.s("category", "headphones")])
        #expect(c.state.history.map(\.text) == ["hi", "headphones"])
        #expect(c.state.history.last?.parse?.intent.name == "search_products")
        #expect(c.state.turns == 2)
    }
}
