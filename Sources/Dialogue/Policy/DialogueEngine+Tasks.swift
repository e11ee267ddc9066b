import Foundation
import NLU

/// Forms: slots, prompts, validation, confirmation and the destructive steps.
extension DialogueEngine {
    enum BareValue { case value(String), invalid(String), none }

    func startTask(_ kind: TaskKind, _ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        if kind == .forgetMe, state.customer == nil { out.say("sign_in_needed"); return }
        var task = TaskState(kind: kind)
        fill(&task, from: reader, state: state, replacing: true)
        if kind == .orderStatus || kind == .cancelOrder || kind == .returnItem, task.slots["order_id"] == nil {
            // "my new order", "my last order" → the order placed or seen in this session, else the customer's latest.
            if let id = state.lastOrderID, reader.has(["new order", "last order", "latest order", "that order", "this order", "the order", "my order", "it"]) || state.customer != nil {
                task.slots["order_id"] = id
            } else if let customer = state.customer, let latest = try? services.orders.latestOrder(customer: customer) {
                task.slots["order_id"] = latest.orderID
            }
        }
        if kind == .checkout {
            let cart = (try? services.cart.cart(cartOwner(state))) ?? CartView(lines: [], subtotal: 0, total: 0, currency: "USD")
            if cart.isEmpty { out.say("cart_empty"); out.suggest([("label_search", "show me something")]); return }
        }
        advance(task, &state, &out)
    }

    /// Slots this task still needs for this shopper (signed-in customers are not asked for an email).
    func needed(_ task: TaskState, _ state: SessionState) -> [String] {
        task.kind.requiredSlots.filter { slot in
            if slot == "email" { return state.customer == nil && state.email == nil }
            return true
        }
    }

    /// Copies the slot values a line carries into the task.
    func fill(_ task: inout TaskState, from reader: EntityReader, state: SessionState, replacing: Bool) {
        func set(_ slot: String, _ value: String?) {
            guard let value, replacing || task.slots[slot] == nil else { return }
            task.slots[slot] = value
        }
        switch task.kind {
        case .orderStatus, .cancelOrder, .returnItem:
            set("order_id", reader.orderID)
            set("email", reader.email)
        case .checkout:
            set("email", reader.email)
            set("promo_code", reader.promoCode)
        case .search:
            set("what", reader.string("category") ?? reader.string("product"))
        case .addToCart:
            set("size", reader.string("size"))
        case .forgetMe:
            break
        }
        if task.kind == .addToCart { return }
        if task.slots["email"] == nil, let email = state.email { task.slots["email"] = email }
    }

    /// Reads the answer to a prompt: the bare value, an invalid attempt, or nothing to do with it.
    func bareValue(for slot: String, task: TaskState, reader: EntityReader, intent: String, confidence: Double) -> BareValue {
        let raw = reader.parse.text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch slot {
        case "order_id":
            if let id = reader.orderID { return .value(id) }
            // Something that looks like an attempt at an order number (digits, a short token).
            let tokens = raw.split(separator: " ")
            if raw.contains(where: \.isNumber), tokens.count <= 3, !(confidence >= config.switchAbove && intent != "order_status" && intent != task.kind.rawValue) {
                return .invalid("invalid_order_id")
            }
            return .none
        case "email":
            if let email = reader.email { return .value(email) }
            if raw.contains("@") { return .invalid("invalid_email") }
            return .none
        case "size":
            if let v = reader.string("size") ?? reader.string("number") { return .value(v) }
            let options = task.slots["options"]?.split(separator: "|").map(String.init) ?? []
            let bare = raw.lowercased().replacingOccurrences(of: "size ", with: "").trimmingCharacters(in: .whitespaces)
            if let match = options.first(where: { $0.lowercased() == bare }) { return .value(match) }
            if raw.split(separator: " ").count <= 2, confidence < config.switchAbove || intent == "refine_search" { return .value(bare) }
            return .none
        case "what":
            if let v = reader.string("category") ?? reader.string("product") ?? reader.string("brand") { return .value(v) }
            if confidence < config.switchAbove || intent == "search_products" || intent == "refine_search" {
                let words = raw.split(separator: " ")
                if !words.isEmpty, words.count <= 4 { return .value(raw) }
            }
            return .none
        default:
            return raw.isEmpty ? .none : .value(raw)
        }
    }

    /// Asks for the next missing slot, asks for confirmation, or runs the task.
    func advance(_ task: TaskState, _ state: inout SessionState, _ out: inout TurnOutput) {
        var task = task
        if let slot = needed(task, state).first(where: { task.slots[$0] == nil }) {
            task.awaiting = slot
            task.confirming = false
            state.task = task
            var slots = task.slots
            slots["task"] = out.word("task_\(task.kind.rawValue)")
            slots["options"] = task.slots["options"]?.replacingOccurrences(of: "|", with: ", ")
            if let sku = task.slots["sku"], let p = try? services.search.product(sku: sku) { slots["title"] = p.title }
            // A guest's email for an order lookup is the order's; at checkout, where to send it.
            out.say(task.kind == .checkout && slot == "email" ? "ask_checkout_email" : "ask_\(slot)", slots)
            return
        }
        task.awaiting = nil
        if task.kind == .search {
            state.task = nil
            var q = ProductQuery(text: task.slots["what"])
            q.limit = config.pageSize
            runSearch(q, &state, &out, announce: "search_results")
            return
        }
        // Check the order before asking to cancel/return it, so the shopper confirms the right thing.
        if task.kind == .cancelOrder || task.kind == .returnItem || task.kind == .orderStatus {
            guard let order = lookupOrder(&task, &state, &out) else { return }
            if task.kind == .orderStatus {
                state.task = nil
                state.lastOrderID = order.orderID
                out.say("order_status", ["order_id": order.orderID, "status": order.statusText ?? order.status])
                out.messages.append(.order(order))
                return
            }
            // Not worth a yes/no when the answer will be no ("not delivered yet").
            let refusal = task.kind == .cancelOrder ? services.orders.cancelRefusal(for: order) : services.orders.returnRefusal(for: order)
            if let refusal {
                state.task = nil
                state.lastOrderID = order.orderID
                report(ServiceRefusal(refusal), &out)
                out.messages.append(.order(order))
                resumeSuspended(&state, &out)
                return
            }
            task.slots["status"] = order.statusText ?? order.status
        }
        if task.kind.isDestructive, !task.confirming {
            task.confirming = true
            state.task = task
            var slots = task.slots
            if task.kind == .checkout, let cart = try? services.cart.cart(cartOwner(state)) {
                slots["total"] = Money.format(cart.total, cart.currency)
                slots["count"] = String(cart.lines.reduce(0) { $0 + $1.quantity })
                out.messages.append(.cart(cart))
            }
            out.say("confirm_\(task.kind.rawValue)", slots)
            out.suggest([("label_yes", "yes"), ("label_no", "no")])
            return
        }
        state.task = nil
        execute(task, &state, &out)
    }

    /// Looks up the task's order; on failure re-asks (and keeps the form open).
    func lookupOrder(_ task: inout TaskState, _ state: inout SessionState, _ out: inout TurnOutput) -> OrderView? {
        guard let id = task.slots["order_id"] else { return nil }
        let email = state.customer == nil ? task.slots["email"] : nil
        do {
            switch try services.orders.lookup(orderID: id, customer: state.customer, email: email, session: state.id) {
            case .found(let order):
                if state.customer == nil, let email { state.email = email }
                return order
            case .notFound:
                task.slots["order_id"] = nil
                task.awaiting = "order_id"
                task.retries += 1
                state.task = task.retries >= config.maxRetries ? nil : task
                out.say(task.retries >= config.maxRetries ? "too_many_retries" : "order_not_found", ["order_id": id])
            case .notYours:
                task.retries += 1
                if state.customer == nil {
                    task.slots["email"] = nil
                    task.awaiting = "email"
                    state.email = nil
                } else {
                    task.slots["order_id"] = nil
                    task.awaiting = "order_id"
                }
                state.task = task.retries >= config.maxRetries ? nil : task
                out.say(task.retries >= config.maxRetries ? "too_many_retries" : "order_not_yours", ["order_id": id])
            }
        } catch {
            state.task = nil
            report(error, &out)
        }
        return nil
    }

    /// Runs the final step of a task after its yes.
    func execute(_ task: TaskState, _ state: inout SessionState, _ out: inout TurnOutput) {
        let email = state.customer == nil ? (task.slots["email"] ?? state.email) : nil
        do {
            switch task.kind {
            case .checkout:
                let owner = cartOwner(state)
                let placed = try services.cart.checkout(owner, email: email, code: task.slots["promo_code"])
                if let email { state.email = email }
                state.lastOrderID = placed.order.orderID
                state.lastAdded = nil
                out.say("order_placed", ["order_id": placed.order.orderID, "total": Money.format(placed.order.total, placed.order.currency)])
                out.messages.append(.order(placed.order))
                for line in placed.lines {
                    out.events.append(DialogueEvent(kind: .purchased, session: state.id, customer: state.customer, sku: line.sku, orderID: placed.order.orderID))
                }
                if let code = placed.code {
                    out.events.append(DialogueEvent(kind: .promotionUsed, session: state.id, customer: state.customer, orderID: placed.order.orderID,
                                                    details: ["code": code, "discount": Money.plain(placed.discount)]))
                }
                out.suggest([("label_order_status", "where is my new order")])
            case .cancelOrder:
                guard let id = task.slots["order_id"] else { return }
                let order = try services.orders.cancel(orderID: id, customer: state.customer, email: email, session: state.id)
                state.lastOrderID = order.orderID
                out.say("order_cancelled", ["order_id": order.orderID])
                out.messages.append(.order(order))
            case .returnItem:
                guard let id = task.slots["order_id"] else { return }
                let order = try services.orders.requestReturn(orderID: id, customer: state.customer, email: email, session: state.id)
                state.lastOrderID = order.orderID
                out.say("return_opened", ["order_id": order.orderID])
                out.messages.append(.order(order))
            case .forgetMe:
                guard let id = state.customer else { out.say("sign_in_needed"); return }
                guard let account = services.account else { out.say("not_available"); return }
                try account.forget(customer: id)
                let (sessionID, turns) = (state.id, state.turns)
                state = SessionState(id: sessionID)
                state.turns = turns
                out.say("forgotten")
            case .addToCart:
                guard let sku = task.slots["sku"], let p = try services.search.product(sku: sku) else { return }
                let quantity = task.slots["quantity"].flatMap { Int($0) } ?? 1
                do {
                    let cart = try services.cart.add(sku: sku, quantity: quantity, size: task.slots["size"], color: state.search?.colors.first, to: cartOwner(state))
                    out.events.append(DialogueEvent(kind: .addedToCart, session: state.id, customer: state.customer, sku: sku))
                    acceptRecommendation(sku, &state, &out)
                    state.focus = sku
                    state.lastAdded = sku
                    out.say("added_to_cart", ["title": "\(p.title) (size \(task.slots["size"] ?? ""))", "quantity": String(quantity)])
                    out.messages.append(.cart(cart))
                    out.suggest([("label_checkout", "checkout"), ("label_view_cart", "show my cart")])
                } catch let choice as ChoiceRequired {
                    askChoice(choice, sku: sku, quantity: quantity, &state, &out)
                }
            case .orderStatus, .search:
                break
            }
        } catch {
            report(error, &out)
        }
    }

    /// Opens (or re-opens) the add-to-cart form asking for the missing choice.
    func askChoice(_ choice: ChoiceRequired, sku: String, quantity: Int, _ state: inout SessionState, _ out: inout TurnOutput) {
        var task = TaskState(kind: .addToCart, slots: ["sku": sku, "quantity": String(quantity), "options": choice.options.joined(separator: "|")])
        task.awaiting = choice.slot
        if let previous = state.task, previous.kind == .addToCart { task.retries = previous.retries + 1 }
        state.task = task
        let slots = ["title": choice.product, "options": choice.options.joined(separator: ", "), "value": choice.rejected ?? ""]
        out.say(choice.rejected == nil ? "ask_\(choice.slot)" : "invalid_\(choice.slot)", slots)
        out.suggestions += choice.options.prefix(8).map { Suggestion(title: $0, payload: "size \($0)") }
    }

    func cartOwner(_ state: SessionState) -> CartOwner {
        if let c = state.customer { return .customer(c) }
        return .guest(session: state.id)
    }
}
