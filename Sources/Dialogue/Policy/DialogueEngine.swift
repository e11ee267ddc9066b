import Foundation
import NLU

/// Turns a parse into a reply and a new session state: the dialogue policy.
///
/// Pure with respect to the session (state in, state out) so it can be tested with
/// hand-made parses; side effects go through `ShopServices`.
public struct DialogueEngine: Sendable {
    public var services: ShopServices
    public var templates: TemplateBook
    public var config: Config

    /// Tunables of the policy.
    public struct Config: Sendable {
        /// Below this top-intent confidence the assistant asks which of the top two was meant.
        public var clarifyBelow: Double = 0.45
        /// A different intent above this confidence interrupts an open form (topic switch).
        public var switchAbove: Double = 0.6
        /// Invalid answers to one prompt before the form gives up.
        public var maxRetries: Int = 3
        public var pageSize: Int = 5
        public init() {}
    }

    public init(services: ShopServices, templates: TemplateBook, config: Config = Config()) {
        self.services = services
        self.templates = templates
        self.config = config
    }

    /// Every template key the policy may use; the shipped templates must define them all.
    public static let templateKeys: [String] = [
        "greet", "greet_returning", "abandoned_cart", "goodbye", "thanks", "help", "feedback", "affirm_idle", "deny_idle",
        "cancelled", "start_over", "nothing_to_cancel", "out_of_scope", "clarify", "offer_human", "handoff", "handoff_summary_empty",
        "ask_what", "ask_order_id", "ask_email", "ask_checkout_email", "invalid_order_id", "invalid_email", "too_many_retries",
        "search_results", "search_more", "refine_not_understood", "search_relaxed", "did_you_mean", "no_results", "no_more_results", "nothing_cheaper",
        "need_products_first", "which_product", "compare_intro", "compare_need_two", "details", "recommend_intro", "no_recommendations", "recommendation_reason",
        "added_to_cart", "removed_from_cart", "not_in_cart", "named_not_in_cart", "quantity_changed", "cart_contents", "cart_empty",
        "confirm_checkout", "order_placed", "confirm_cancel_order", "order_cancelled", "confirm_return_item", "return_opened",
        "confirm_forget_me", "forgotten", "ok_not_done", "yes_or_no",
        "order_status", "order_not_found", "order_not_yours", "no_orders",
        "resume", "corrected", "refused", "service_error", "sign_in_needed",
        "promotions", "no_promotions", "delivery_options", "delivery_generic", "my_data", "not_available",
        "label_yes", "label_no", "label_cheaper", "label_show_more", "label_compare_first_two", "label_view_cart", "label_checkout",
        "label_human", "label_search", "label_order_status", "label_help",
        "task_search", "task_order_status", "task_cancel_order", "task_return_item", "task_checkout", "task_forget_me", "task_add_to_cart",
        "ask_size", "invalid_size",
    ] + intentLabels.map { "intent_\($0)" }

    /// The intents a clarifying question can offer, each with a template `intent_<name>`.
    public static let intentLabels = [
        "greet", "goodbye", "thanks", "help", "affirm", "deny", "cancel", "human_handoff", "out_of_scope", "search_products",
        "refine_search", "recommend", "product_details", "compare_products", "add_to_cart", "remove_from_cart", "view_cart",
        "checkout", "order_status", "cancel_order", "return_item", "delivery_options", "promotions", "my_data", "forget_me", "feedback",
    ]

    /// Answers one parsed line, updating `state`, and logs the turn's events.
    public func respond(to parse: Parse, state: inout SessionState, now: Date = Date()) -> Reply {
        let result = turn(parse, state: &state, now: now)
        if !result.events.isEmpty { try? services.events.log(result.events) }
        return result.reply
    }

    /// A reply and the events to log once the turn is saved.
    public struct TurnResult: Sendable {
        public var reply: Reply
        public var events: [DialogueEvent]
    }

    /// Answers one parsed line, updating `state`, without logging: the caller logs the
    /// events after the state is saved, so a turn recomputed after a conflict logs once.
    public func turn(_ parse: Parse, state: inout SessionState, now: Date = Date()) -> TurnResult {
        state.turns += 1
        var out = TurnOutput(templates: templates, session: state.id, turn: state.turns)
        let reader = EntityReader(parse)
        handle(parse, reader, &state, &out)
        let reply = Reply(session: state.id, turn: state.turns, messages: out.messages, suggestions: out.suggestions, parse: parse,
                          task: state.task?.kind.rawValue, slots: state.task?.slots ?? [:])
        let record = TurnRecord(index: state.turns, text: parse.text, parse: parse, reply: reply.text, at: Self.timestamp(now))
        state.history.append(record)
        if state.history.count > SessionState.historyLimit { state.history.removeFirst(state.history.count - SessionState.historyLimit) }
        return TurnResult(reply: reply, events: out.events)
    }

    /// ISO 8601 UTC without a formatter object (creating one costs more than a turn).
    static func timestamp(_ date: Date) -> String {
        let t = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let secs = t - days * 86_400
        let day = CalendarDate(days: Int(days))
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.year)-\(two(Int64(day.month)))-\(two(Int64(day.day)))T\(two(secs / 3600)):\(two(secs % 3600 / 60)):\(two(secs % 60))Z"
    }

    // MARK: - The policy

    private static let understoodAnyway: Set<String> = ["affirm", "deny", "cancel", "human_handoff", "greet", "goodbye", "thanks"]

    func handle(_ parse: Parse, _ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        let intent = parse.intent.name
        let confidence = parse.intent.confidence
        // What a "Which product?" of the last turn was for; it holds for one turn only.
        let pickFor = state.pickFor
        state.pickFor = nil

        // Start over / cancel clears whatever is open.
        let bare = reader.foldedWithoutEdgePunctuation
        let bareCancel = ["cancel", "cancel that", "cancel it", "stop", "quit that", "abort"].contains(bare)
        // "cancel it" with nothing open, after an order was shown, means that order.
        if bareCancel, state.task == nil, state.suspended.isEmpty, let order = state.lastOrderID, ["cancel that", "cancel it"].contains(bare) {
            state.clarification = nil
            state.misunderstandings = 0
            var task = TaskState(kind: .cancelOrder, slots: ["order_id": order])
            fill(&task, from: reader, state: state, replacing: false)
            advance(task, &state, &out)
            return
        }
        if bareCancel || reader.has(["start over", "start again", "restart", "reset", "forget it", "never mind", "nevermind"]) || (intent == "cancel" && confidence >= config.clarifyBelow) {
            let startOver = reader.has(["start over", "start again", "restart", "reset"])
            let hadTask = state.task != nil || !state.suspended.isEmpty
            state.task = nil
            state.suspended = []
            state.clarification = nil
            state.misunderstandings = 0
            if startOver {
                state.search = nil; state.shown = []; state.focus = nil; state.compared = []; state.lastAdded = nil; state.recommendationReasons = [:]
                out.say("start_over")
            } else {
                out.say(hadTask ? "cancelled" : "nothing_to_cancel")
            }
            out.suggest([("label_search", "show me something"), ("label_order_status", "where is my order"), ("label_help", "help")])
            return
        }

        // "make it 3" just after adding a product changes that cart line.
        if state.task == nil, let sku = state.lastAdded, let quantity = reader.amount(in: 0...9_999), isQuantityChange(reader) {
            state.misunderstandings = 0
            changeQuantity(of: sku, to: quantity, &state, &out)
            return
        }

        // A correction ("no, I meant size 10") replaces slots of the open task or the search.
        if isCorrection(reader), hasSlotEntities(reader) {
            state.misunderstandings = 0
            if var task = state.task, task.kind != .search {
                fill(&task, from: reader, state: state, replacing: true)
                task.confirming = false
                out.say("corrected")
                advance(task, &state, &out)
                return
            }
            if let query = state.search {
                var q = query
                apply(reader, to: &q, state: &state, replacing: true)
                q.offset = 0
                out.say("corrected")
                runSearch(q, &state, &out, announce: "search_results")
                return
            }
        }

        // A destructive step waits for yes/no.
        if let task = state.task, task.confirming {
            if task.kind == .checkout, let code = reader.promoCode {
                // "use code RUN15" while asked to confirm: note the code and ask again.
                var withCode = task
                withCode.slots["promo_code"] = code
                withCode.confirming = false
                advance(withCode, &state, &out)
                return
            }
            if intent == "affirm" || (confidence < config.switchAbove && reader.has(["yes", "yep", "yeah", "sure", "ok", "okay", "do it", "go ahead", "confirm"])) {
                state.task = nil
                state.misunderstandings = 0
                execute(task, &state, &out)
                resumeSuspended(&state, &out)
                return
            }
            if intent == "deny" || (confidence < config.switchAbove && reader.has(["no", "nope", "don't", "dont", "stop"])) {
                state.task = nil
                out.say("ok_not_done")
                resumeSuspended(&state, &out)
                return
            }
            if confidence >= config.switchAbove, !Self.understoodAnyway.contains(intent) {
                topicSwitch(parse, reader, &state, &out)
                return
            }
            out.say("yes_or_no")
            out.suggest([("label_yes", "yes"), ("label_no", "no")])
            return
        }

        // A form waits for a slot: a bare value answers it.
        if var task = state.task, let slot = task.awaiting {
            switch bareValue(for: slot, task: task, reader: reader, intent: intent, confidence: confidence) {
            case .value(let v):
                state.misunderstandings = 0
                task.slots[slot] = v
                task.retries = 0
                fill(&task, from: reader, state: state, replacing: false)
                advance(task, &state, &out)
                return
            case .invalid(let reasonKey):
                task.retries += 1
                if task.retries >= config.maxRetries {
                    state.task = nil
                    out.say("too_many_retries")
                    out.suggest([("label_human", "/human_handoff")])
                    return
                }
                state.task = task
                out.say(reasonKey, ["value": parse.text])
                return
            case .none:
                // "yes" is no answer to "what's your email?": ask again. "no": drop the form.
                if intent == "affirm" {
                    advance(task, &state, &out)
                    return
                }
                if intent == "deny" {
                    state.task = nil
                    out.say("ok_not_done")
                    resumeSuspended(&state, &out)
                    return
                }
                if confidence >= config.switchAbove || Self.understoodAnyway.contains(intent) {
                    topicSwitch(parse, reader, &state, &out)
                    return
                }
            }
        }

        // A bare pick from the list ("the third one", "number 3", "the last one please") asks
        // to see it: alone, a position says which product, not what to do with it.
        // After "Which product?" it does what was asked for.
        if state.task == nil, !state.shown.isEmpty, isBarePick(reader) {
            state.misunderstandings = 0
            state.clarification = nil
            if pickFor == "add_to_cart" { addToCart(reader, &state, &out) } else { details(reader, &state, &out) }
            return
        }

        // "why did you recommend the first one?": the reason each card gave, whatever the intent read.
        if state.task == nil, !state.recommendationReasons.isEmpty, asksWhyRecommended(reader, state) {
            state.misunderstandings = 0
            explainRecommendations(reader, &state, &out)
            return
        }

        // Low confidence: offer the top two interpretations.
        if confidence < config.clarifyBelow, !(state.search != nil && hasSearchEntities(reader)) {
            misunderstood(parse, &state, &out)
            return
        }
        state.clarification = nil
        if intent != "out_of_scope" { state.misunderstandings = 0 }
        dispatch(intent, parse, reader, &state, &out)
    }

    /// Answers another topic in the middle of a form, then comes back to the form.
    func topicSwitch(_ parse: Parse, _ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        guard let task = state.task else { return dispatch(parse.intent.name, parse, reader, &state, &out) }
        let intent = parse.intent.name
        if Self.intentTask(intent) == task.kind {
            // The same task again ("where is my order" while asked for the order number): re-ask.
            var same = task
            fill(&same, from: reader, state: state, replacing: false)
            advance(same, &state, &out)
            return
        }
        if intent == "goodbye" {
            // The shopper is leaving: a form left open would be asked again after the goodbye,
            // or come back at some later, unrelated turn. It is dropped, with any suspended ones.
            state.task = nil
            state.suspended.removeAll()
            dispatch(intent, parse, reader, &state, &out)
            return
        }
        state.suspended.insert(task, at: 0)
        state.task = nil
        dispatch(intent, parse, reader, &state, &out)
        resumeSuspended(&state, &out)
    }

    /// Brings back the most recently interrupted form, if nothing else is open.
    func resumeSuspended(_ state: inout SessionState, _ out: inout TurnOutput) {
        guard state.task == nil, !state.suspended.isEmpty else { return }
        let task = state.suspended.removeFirst()
        out.messages.append(.text(out.word("resume", ["task": out.word("task_\(task.kind.rawValue)")])))
        advance(task, &state, &out)
    }

    /// Counts a misunderstanding and logs the fallback; at the second in a row, offers a
    /// person and returns true (the caller says nothing more).
    func offeredHuman(after intent: String, else reason: String, _ state: inout SessionState, _ out: inout TurnOutput) -> Bool {
        state.misunderstandings += 1
        let second = state.misunderstandings >= 2
        fallback(intent, second ? "offer_human" : reason, state, &out)
        guard second else { return false }
        out.say("offer_human")
        out.suggest([("label_human", "/human_handoff"), ("label_help", "help")])
        return true
    }

    func misunderstood(_ parse: Parse, _ state: inout SessionState, _ out: inout TurnOutput) {
        if offeredHuman(after: parse.intent.name, else: "clarify", &state, &out) { return }
        let top = parse.ranking.filter { $0.name != "out_of_scope" }.prefix(2).map(\.name)
        guard !top.isEmpty else { out.say("out_of_scope"); return }
        state.clarification = Clarification(intents: top, entities: parse.entities, text: parse.text)
        out.say("clarify", ["first": out.word("intent_\(top[0])"), "second": top.count > 1 ? out.word("intent_\(top[1])") : out.word("intent_help")])
        for name in top { out.suggestions.append(Suggestion(title: out.word("intent_\(name)"), payload: "/\(name)")) }
    }

    /// A `fallback` event: the intent guessed and how the assistant fell back (`clarify`, `out_of_scope`, `offer_human`).
    func fallback(_ intent: String, _ reason: String, _ state: SessionState, _ out: inout TurnOutput) {
        out.events.append(DialogueEvent(kind: .fallback, session: state.id, customer: state.customer, details: ["intent": intent, "reason": reason]))
    }

    static func intentTask(_ intent: String) -> TaskKind? {
        switch intent {
        case "order_status": .orderStatus
        case "cancel_order": .cancelOrder
        case "return_item": .returnItem
        case "checkout": .checkout
        case "forget_me": .forgetMe
        case "search_products": .search
        case "add_to_cart": .addToCart
        default: nil
        }
    }

    func isCorrection(_ reader: EntityReader) -> Bool {
        let f = reader.folded
        return f.hasPrefix("no,") || f.hasPrefix("no ") || f.hasPrefix("i meant") || f.hasPrefix("actually") || f.hasPrefix("sorry, i meant")
            || f.hasPrefix("sorry i meant") || UTF8Search.contains(" i meant ", in: f) || f.hasPrefix("make it ") || f.hasPrefix("change it to ")
    }

    /// Words that may stand around a position in a bare pick ("ok, the third one please").
    static let pickFiller: Set<String> = ["the", "one", "please", "pls", "ok", "okay", "then", "hmm", "um", "uh", "so", "and", "what", "about", "how"]

    /// A line that is a position in the list and nothing else: one ordinal entity of one
    /// product, no other entity, and no word outside `pickFiller` ("take the third one" names
    /// what to do; "the last two" is left to the classifier, which reads a comparison).
    func isBarePick(_ reader: EntityReader) -> Bool {
        let entities = reader.parse.entities
        let ordinals = entities.filter { $0.entity == "ordinal" }
        guard ordinals.count == 1, (ordinals[0].value["count"]?.numberValue ?? 1) == 1,
              entities.allSatisfy({ $0.entity == "ordinal" || $0.entity == "number" }) else { return false }
        var rest = reader.parse.text.lowercased()
        for e in entities where e.entity == "ordinal" { rest = rest.replacingOccurrences(of: e.text.lowercased(), with: " ") }
        let words = rest.split { !$0.isLetter && !$0.isNumber }
        return words.allSatisfy { Self.pickFiller.contains(String($0)) }
    }

    /// A line that only restates an amount as a change: "make it 3", "actually I want 2 of
    /// them", "change the quantity to 4" (no product, size or colour of its own).
    func isQuantityChange(_ reader: EntityReader) -> Bool {
        guard reader.parse.entities.allSatisfy({ ["quantity", "number"].contains($0.entity) }) else { return false }
        return isCorrection(reader) || reader.has(["quantity", "i want", "i'd like", "i need", "i'll take", "make that", "of them"])
    }

    func hasSlotEntities(_ reader: EntityReader) -> Bool {
        reader.parse.entities.contains { !["ordinal", "number"].contains($0.entity) } || reader.orderID != nil
    }

    func hasSearchEntities(_ reader: EntityReader) -> Bool {
        reader.parse.entities.contains { ["category", "brand", "color", "size", "feature", "material", "gender", "price_range", "money", "sort", "product"].contains($0.entity) }
    }

    // MARK: - Dispatch by intent

    func dispatch(_ intent: String, _ parse: Parse, _ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        switch intent {
        case "greet": greet(&state, &out)
        case "goodbye": out.say("goodbye")
        case "thanks": out.say("thanks")
        case "help": out.say("help"); out.suggest([("label_search", "show me running shoes"), ("label_order_status", "where is my order"), ("label_view_cart", "show my cart")])
        case "feedback":
            out.say("feedback")
            out.events.append(DialogueEvent(kind: .feedback, session: state.id, customer: state.customer, details: ["text": parse.text]))
        case "affirm": out.say("affirm_idle")
        case "deny": out.say("deny_idle")
        case "cancel": out.say("nothing_to_cancel")
        case "out_of_scope":
            if !offeredHuman(after: intent, else: "out_of_scope", &state, &out) {
                out.say("out_of_scope")
                out.suggest([("label_search", "show me running shoes"), ("label_order_status", "where is my order"), ("label_help", "help")])
            }
        case "human_handoff": handoff(&state, &out)
        case "search_products", "refine_search": search(intent, reader, &state, &out)
        case "recommend": recommend(reader, &state, &out)
        case "product_details": details(reader, &state, &out)
        case "compare_products": compare(reader, &state, &out)
        case "add_to_cart": addToCart(reader, &state, &out)
        case "remove_from_cart": removeFromCart(reader, &state, &out)
        case "view_cart": showCart(&state, &out)
        case "checkout", "order_status", "cancel_order", "return_item", "forget_me":
            guard let kind = Self.intentTask(intent) else { return }
            startTask(kind, reader, &state, &out)
        case "delivery_options": delivery(reader, &state, &out)
        case "promotions": promotions(&state, &out)
        case "my_data": myData(&state, &out)
        default:
            // An intent this policy does not know (new training data): treat like a misunderstanding.
            misunderstood(parse, &state, &out)
        }
    }

    // MARK: - Chit-chat, handoff, account

    func greet(_ state: inout SessionState, _ out: inout TurnOutput) {
        state.greeted = true
        var name: String?
        if let id = state.customer, let profile = try? services.customers.customer(id: id), profile.isReturning {
            name = profile.name.split(separator: " ").first.map(String.init) ?? profile.name
        }
        if let name { out.say("greet_returning", ["name": name]) } else { out.say("greet") }
        if let id = state.customer, !state.abandonedCartMentioned {
            // The data-rights/reminder service knows about idle time; without it, any cart left
            // from an earlier visit counts.
            let cart = services.account != nil ? ((try? services.account?.abandonedCart(customer: id)) ?? nil)
                                               : (try? services.cart.cart(.customer(id)))
            if let cart, !cart.isEmpty {
                state.abandonedCartMentioned = true
                out.say("abandoned_cart", ["count": String(cart.lines.reduce(0) { $0 + $1.quantity }), "total": Money.format(cart.total, cart.currency)])
                out.messages.append(.cart(cart))
                out.suggest([("label_checkout", "checkout"), ("label_view_cart", "show my cart")])
                return
            }
        }
        out.suggest([("label_search", "show me running shoes"), ("label_order_status", "where is my order"), ("label_help", "help")])
    }

    func handoff(_ state: inout SessionState, _ out: inout TurnOutput) {
        state.misunderstandings = 0
        let summary = conversationSummary(state, out)
        out.say("handoff")
        out.messages.append(.handoff(Handoff(reason: "requested", summary: summary, customer: state.customer)))
        out.events.append(DialogueEvent(kind: .handoff, session: state.id, customer: state.customer, details: ["reason": "requested"]))
    }

    /// A few lines for the human agent: who, what was asked, what was shown, what is open.
    func conversationSummary(_ state: SessionState, _ out: TurnOutput) -> String {
        var lines: [String] = []
        lines.append("Customer: \(state.customer ?? "guest"); session \(state.id), \(state.turns) turns.")
        if let q = state.search { lines.append("Searching for: \(q.phrase).") }
        if !state.shown.isEmpty { lines.append("Last shown: \(state.shown.prefix(5).joined(separator: ", ")).") }
        if !state.compared.isEmpty { lines.append("Compared: \(state.compared.joined(separator: ", ")).") }
        if let id = state.lastOrderID { lines.append("Order: \(id).") }
        if let task = state.task ?? state.suspended.first {
            let slots = task.slots.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
            lines.append("Open task: \(task.kind.rawValue)\(slots.isEmpty ? "" : " (\(slots))").")
        }
        let said = state.history.suffix(5).map { "> \($0.text)" }
        if said.isEmpty { lines.append(out.word("handoff_summary_empty")) } else { lines.append("Recent lines:"); lines += said }
        return lines.joined(separator: "\n")
    }

    func promotions(_ state: inout SessionState, _ out: inout TurnOutput) {
        let offers = (try? services.account?.promotions(customer: state.customer)) ?? nil
        if let offers, !offers.isEmpty {
            out.say("promotions", ["offers": offers.joined(separator: "\n")])
            for offer in offers { out.events.append(DialogueEvent(kind: .promotionShown, session: state.id, customer: state.customer, details: ["offer": offer])) }
        } else { out.say("no_promotions") }
    }

    func delivery(_ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        let options = (try? services.account?.deliveryOptions(postcode: reader.postcode, customer: state.customer)) ?? nil
        if let options, !options.isEmpty {
            out.say("delivery_options", ["options": options.joined(separator: "\n"), "postcode": reader.postcode ?? ""])
        } else {
            out.say("delivery_generic", ["postcode": reader.postcode ?? "your address"])
        }
    }

    func myData(_ state: inout SessionState, _ out: inout TurnOutput) {
        guard let id = state.customer else { out.say("sign_in_needed"); return }
        guard let account = services.account else { out.say("not_available"); return }
        do { out.say("my_data", ["summary": try account.exportSummary(customer: id)]) } catch { report(error, &out) }
    }

    func report(_ error: Error, _ out: inout TurnOutput) {
        if let refusal = error as? ServiceRefusal {
            var reason = refusal.reason.trimmingCharacters(in: .whitespaces)
            while reason.hasSuffix(".") { reason.removeLast() }
            out.say("refused", ["reason": reason])
        } else { out.say("service_error", ["reason": String(describing: error)]) }
    }
}
