import Foundation
import NLU

/// Search and its refinements, references, comparison, details, recommendations, cart.
extension DialogueEngine {
    func search(_ intent: String, _ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        let more = reader.has(["show more", "more results", "more options", "next page", "see more", "any more", "anything else", "more please", "next"])
        let relative = reader.has(["cheaper", "less expensive", "lower price", "more expensive", "pricier", "higher end", "more affordable"])
        let hasWhat = reader.first("category") != nil || reader.first("product") != nil
        // "cheaper" said of recommendations (no search shown since): cheaper recommendations.
        if relative, !hasWhat, !more, !state.recommended.isEmpty {
            recommendRelative(reader, &state, &out)
            return
        }
        // A search without a new subject, or a refinement, narrows the previous search.
        if let previous = state.search, intent == "refine_search" || !hasWhat || more {
            var q = previous
            if more && !hasSearchEntities(reader) && !relative {
                q.offset += q.limit
                runSearch(q, &state, &out, announce: "search_more")
                return
            }
            q.offset = 0
            apply(reader, to: &q, state: &state, replacing: true)
            if relative { relativePrice(reader, &q, state) }
            var unchanged = previous
            unchanged.offset = 0
            if q == unchanged, !relative, !more {
                // Nothing in the line narrowed the search ("only 2 person ones"): say so
                // rather than show the same products as if they were filtered.
                out.say("refine_not_understood", ["text": reader.parse.text])
                out.suggest([("label_cheaper", "cheaper"), ("label_show_more", "show more")])
                return
            }
            runSearch(q, &state, &out, announce: "search_results")
            return
        }
        var q = ProductQuery()
        q.limit = config.pageSize
        apply(reader, to: &q, state: &state, replacing: true)
        if q.isEmpty {
            if q.minPrice != nil || q.maxPrice != nil || q.sort != nil {
                runSearch(q, &state, &out, announce: "search_results")
                return
            }
            var task = TaskState(kind: .search)
            task.awaiting = "what"
            state.task = task
            out.say("ask_what")
            return
        }
        // Stated preferences carry into new searches.
        if q.size == nil { q.size = state.preferences.size }
        for brand in state.preferences.dislikedBrands where !q.brands.contains(brand) && !q.excludedBrands.contains(brand) { q.excludedBrands.append(brand) }
        runSearch(q, &state, &out, announce: "search_results")
    }

    /// "cheaper" → below the median price shown; "more expensive" → above it.
    ///
    /// The median, not the minimum: after a mixed page "cheaper" means "the lower end of
    /// this", and the cheapest item shown is often already the cheapest there is.
    func relativePrice(_ reader: EntityReader, _ q: inout ProductQuery, _ state: SessionState) {
        let previousSort = state.search?.sort
        let prices = state.shown.compactMap { try? services.search.product(sku: $0)?.price }.sorted()
        guard !prices.isEmpty else { return }
        let median = prices[prices.count / 2]
        if reader.has(["cheaper", "less expensive", "lower price", "more affordable"]) {
            q.maxPrice = max(0, median - 0.01)
            q.minPrice = nil
            // "cheaper" narrows the price, it does not ask for the cheapest first (the tagger reads it as a sort).
            if !reader.has(["cheapest", "lowest price", "price low to high"]) { q.sort = previousSort }
        } else {
            q.minPrice = median + 0.01
            q.maxPrice = nil
            if !reader.has(["most expensive", "priciest", "price high to low"]) { q.sort = previousSort }
        }
    }

    /// Merges the entities of a line into a query (and remembers stated preferences).
    func apply(_ reader: EntityReader, to q: inout ProductQuery, state: inout SessionState, replacing: Bool) {
        var colors: [String] = [], brands: [String] = []
        for e in reader.parse.entities {
            let value = e.value.stringValue ?? e.value.description
            let negated = reader.isNegated(e)
            switch e.entity {
            case "category": q.category = value; q.text = nil
            case "product": q.text = value
            case "brand":
                if negated {
                    if !q.excludedBrands.contains(value) { q.excludedBrands.append(value) }
                    q.brands.removeAll { $0 == value }
                    if !state.preferences.dislikedBrands.contains(value) { state.preferences.dislikedBrands.append(value) }
                } else {
                    brands.append(value)
                    q.excludedBrands.removeAll { $0 == value }
                    if reader.has(["only", "just", "i like", "i love", "prefer", "i prefer"]), !state.preferences.likedBrands.contains(value) {
                        state.preferences.likedBrands.append(value)
                    }
                }
            case "color":
                if negated {
                    if !q.excludedColors.contains(value) { q.excludedColors.append(value) }
                    q.colors.removeAll { $0 == value }
                } else {
                    colors.append(value)
                    q.excludedColors.removeAll { $0 == value }
                }
            case "size": q.size = value; state.preferences.size = value
            case "feature": if !q.features.contains(value) { q.features.append(value) }
            case "material": q.material = value
            case "gender": q.gender = value
            case "sort": q.sort = value
            default: break
            }
        }
        if !colors.isEmpty { q.colors = colors }
        if !brands.isEmpty { q.brands = brands }
        if let bounds = reader.priceBounds {
            q.minPrice = bounds.min
            q.maxPrice = bounds.max
            if let hi = bounds.max { state.preferences.budget = hi }
        }
    }

    /// A new list on screen, from a search or, with `reasons`, from the recommender: what
    /// references point at from now on, and what the last list's follow-ups no longer mean
    /// (a comparison, "make it 3" for the product just added).
    func rememberShown(_ skus: [String], reasons: [String: String] = [:], _ state: inout SessionState) {
        state.shown = skus
        state.focus = skus.count == 1 ? skus[0] : nil
        state.compared = []
        state.recommended = reasons.isEmpty ? [] : skus
        state.recommendationReasons = reasons
        state.lastAdded = nil
    }

    /// Runs a query and shows the cards; remembers what was shown for references.
    func runSearch(_ query: ProductQuery, _ state: inout SessionState, _ out: inout TurnOutput, announce: String) {
        var q = query
        q.limit = max(1, q.limit)
        do {
            let outcome = try services.search.search(q)
            if outcome.products.isEmpty {
                if q.offset > 0 { out.say("no_more_results", ["what": q.phrase]); return }
                if state.search != nil, q.maxPrice != state.search?.maxPrice, q.maxPrice != nil { out.say("nothing_cheaper", ["what": q.phrase]); return }
                out.say("no_results", ["what": q.phrase])
                state.search = q
                out.suggest([("label_help", "help")])
                return
            }
            state.search = q
            rememberShown(outcome.products.map(\.sku), &state)
            let from = q.offset + 1, to = q.offset + outcome.products.count
            // Relaxed: first what was given up ("Nothing in blue matched…"), then a heading that
            // does not claim matches for it.
            if !outcome.relaxed.isEmpty { out.say("search_relaxed", ["relaxed": outcome.relaxed.joined(separator: " ")]) }
            let heading = announce == "search_results" && !outcome.relaxed.isEmpty ? "search_results_relaxed" : announce
            out.say(heading, ["count": String(outcome.products.count), "total": String(outcome.total), "what": q.phrase, "from": String(from), "to": String(to)])
            if let dym = outcome.didYouMean { out.say("did_you_mean", ["suggestion": dym]) }
            out.messages.append(.products(outcome.products.map { $0.card() }))
            for p in outcome.products { out.events.append(DialogueEvent(kind: .productShown, session: state.id, customer: state.customer, sku: p.sku)) }
            var s: [(String, String)] = [("label_cheaper", "cheaper")]
            if outcome.products.count >= 2 { s.append(("label_compare_first_two", "compare the first two")) }
            if outcome.total > to { s.append(("label_show_more", "show more")) }
            out.suggest(s)
        } catch {
            report(error, &out)
        }
    }

    func resolver(_ state: SessionState) -> ReferenceResolver {
        let shown = state.shown.compactMap { try? services.search.product(sku: $0) }
        let compared = state.compared.compactMap { try? services.search.product(sku: $0) }
        let focus = state.focus.flatMap { try? services.search.product(sku: $0) }
        return ReferenceResolver(shown: shown, compared: compared, focus: focus)
    }

    /// The products a line points at; a product named outright is looked up in the catalog.
    func referenced(_ reader: EntityReader, _ state: SessionState) -> [ProductInfo] {
        let found = resolver(state).resolve(reader.parse)
        if !found.isEmpty { return found }
        if let name = reader.string("product"), var q = Optional(ProductQuery(text: name)) {
            q.limit = 1
            if let p = try? services.search.search(q).products.first { return [p] }
        }
        return []
    }

    /// Asks which product `intent` is for; a bare pick next turn ("the second one") does it.
    func askWhich(for intent: String, _ state: inout SessionState, _ out: inout TurnOutput) {
        if state.shown.isEmpty {
            out.say("need_products_first")
            out.suggest([("label_search", "show me something")])
            return
        }
        out.say("which_product")
        state.pickFor = intent
        for (i, sku) in state.shown.prefix(3).enumerated() {
            let title = (try? services.search.product(sku: sku))??.title ?? sku
            out.suggestions.append(Suggestion(title: title, payload: ["the first one", "the second one", "the third one"][i]))
        }
    }

    func compare(_ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        var products = referenced(reader, state)
        // Brands the line names that the products found so far do not cover ("compare the
        // sonmoor and the auralis" with no Sonmoor on screen, or nothing on screen): the best
        // match of each, in the category of the line or of the search. Never a stand-in.
        let named = namedBrands(reader)
        for (brand, name) in named where !products.contains(where: { $0.brand.caseInsensitiveCompare(brand) == .orderedSame }) {
            var q = state.search ?? ProductQuery()
            q.brands = [brand]
            q.excludedBrands = []
            if let category = reader.string("category") { q.category = category }
            if let name { q.text = name }
            q.offset = 0
            q.limit = 1
            guard let outcome = try? services.search.search(q), outcome.relaxed.isEmpty, let p = outcome.products.first else {
                out.say("no_results", ["what": q.phrase])
                return
            }
            if !products.contains(where: { $0.sku == p.sku }) { products.append(p) }
        }
        if named.count >= 2 {
            let order = named.map { $0.brand.lowercased() }
            products.sort { (order.firstIndex(of: $0.brand.lowercased()) ?? order.count) < (order.firstIndex(of: $1.brand.lowercased()) ?? order.count) }
        }
        if products.count < 2, named.isEmpty {
            let r = resolver(state)
            if products.count == 1, let other = r.shown.first(where: { $0.sku != products[0].sku }) { products.append(other) }
            else if products.isEmpty { products = Array(r.shown.prefix(2)) }
        }
        guard products.count >= 2 else { out.say(state.shown.isEmpty ? "need_products_first" : "compare_need_two"); return }
        do {
            let table = try services.compare.compare(products, need: Self.statedNeed(in: reader.parse.text))
            state.compared = products.map(\.sku)
            state.focus = nil
            out.say("compare_intro", ["first": products[0].title, "second": products[1].title, "count": String(products.count)])
            out.messages.append(.comparison(table))
            for p in products { out.events.append(DialogueEvent(kind: .productClicked, session: state.id, customer: state.customer, sku: p.sku)) }
            out.suggest([("label_cheaper", "add the cheaper one to my cart")])
        } catch { report(error, &out) }
    }

    /// The brands a line names, in order, each with the product name that follows it
    /// ("the Sonmoor Arc 7": Sonmoor, "Arc 7"), negated brands left out.
    func namedBrands(_ reader: EntityReader) -> [(brand: String, name: String?)] {
        let entities = reader.parse.entities.filter { ($0.entity == "brand" && !reader.isNegated($0)) || $0.entity == "product" }
        var out: [(brand: String, name: String?)] = []
        for (i, e) in entities.enumerated() where e.entity == "brand" {
            let brand = e.value.stringValue ?? e.value.description
            guard !out.contains(where: { $0.brand.caseInsensitiveCompare(brand) == .orderedSame }) else { continue }
            let next = i + 1 < entities.count && entities[i + 1].entity == "product" ? entities[i + 1] : nil
            out.append((brand, next.map { $0.value.stringValue ?? $0.value.description }))
        }
        return out
    }

    /// The need a shopper names while comparing ("which is better for running in the rain"):
    /// the words from "for" on, or nil. The comparison service judges what it understands of it.
    static func statedNeed(in text: String) -> String? {
        let lower = " " + text.lowercased()
        guard let start = lower.range(of: " for ", options: .backwards) else { return nil }
        let need = lower[start.lowerBound...].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
        return need.split(separator: " ").count >= 2 && need != "for me" && need != "for you" ? need : nil
    }

    func details(_ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        guard let p = referenced(reader, state).first else { askWhich(for: "product_details", &state, &out); return }
        state.focus = p.sku
        let specifications = (try? services.compare.specifications(of: p)) ?? []
        let extras = specifications.map { "\($0.label): \($0.value)" }.joined(separator: "; ")
        out.say("details", ["title": p.title, "brand": p.brand, "price": Money.format(p.price, p.currency),
                            "rating": p.rating.map { String(format: "%.1f", $0) } ?? "no rating yet", "attributes": extras.isEmpty ? "" : extras + "."])
        out.messages.append(.products([p.card()]))
        out.events.append(DialogueEvent(kind: .productClicked, session: state.id, customer: state.customer, sku: p.sku))
        acceptRecommendation(p.sku, &state, &out)
    }

    func recommend(_ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        // A line that names what it wants ("recommend me a backpack") asks for that, not for
        // more like what is on screen: then only products the line itself points at anchor it.
        let named = hasSearchEntities(reader)
        var seeds = resolver(state).resolve(reader.parse).map(\.sku)
        if seeds.isEmpty, !named { seeds = state.focus.map { [$0] } ?? Array(state.shown.prefix(3)) }
        var q: ProductQuery? = state.search
        if named {
            var fresh = ProductQuery()
            apply(reader, to: &fresh, state: &state, replacing: true)
            if fresh.category == nil, seeds.isEmpty { fresh.category = categoryOfBestMatch(fresh) }
            q = fresh
        }
        showRecommendations(seeds: seeds, query: q, &state, &out)
    }

    /// "cheaper" or "more expensive" right after recommendations: recommendations again,
    /// priced below (above) the middle of those shown, in their category when they share one.
    func recommendRelative(_ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        var q = ProductQuery()
        relativePrice(reader, &q, state)
        let categories = Set(state.shown.compactMap { try? services.search.product(sku: $0)?.category })
        if categories.count == 1 { q.category = categories.first }
        showRecommendations(seeds: [], query: q, &state, &out, noneKey: "nothing_cheaper")
    }

    /// Shows recommendations and remembers them; `noneKey` is said when there are none.
    func showRecommendations(seeds: [String], query q: ProductQuery?, _ state: inout SessionState, _ out: inout TurnOutput, noneKey: String = "no_recommendations") {
        do {
            let recs = try services.recommend.recommend(customer: state.customer, seeds: seeds, query: q, limit: config.pageSize)
            guard !recs.isEmpty else { out.say(noneKey, ["what": q?.phrase ?? ""]); return }
            out.say("recommend_intro", ["count": String(recs.count)])
            out.messages.append(.products(recs.map { $0.product.card(reason: $0.reason) }))
            rememberShown(recs.map(\.product.sku), reasons: Dictionary(recs.map { ($0.product.sku, $0.reason) }) { first, _ in first }, &state)
            for r in recs { out.events.append(DialogueEvent(kind: .recommendationShown, session: state.id, customer: state.customer, sku: r.product.sku)) }
            out.suggest([("label_compare_first_two", "compare the first two")])
        } catch { report(error, &out) }
    }

    /// The category of the product that best matches `query` ("something for running": the
    /// category of the best running match), so that a recommendation asked for with words the
    /// recommender cannot filter by (a feature, a brand, a colour) stays on that kind of
    /// product. Nil when the search found nothing without dropping part of the query.
    func categoryOfBestMatch(_ query: ProductQuery) -> String? {
        var q = query
        q.offset = 0
        q.limit = 1
        guard let outcome = try? services.search.search(q), outcome.relaxed.isEmpty else { return nil }
        return outcome.products.first?.category
    }

    /// A "why" about the recommendations on screen: "why did you recommend the first one?",
    /// "why these?" (not "why is it so expensive?").
    func asksWhyRecommended(_ reader: EntityReader, _ state: SessionState) -> Bool {
        guard reader.folded.hasPrefix("why") else { return false }
        // A bare "it" is not enough: "why is it so expensive?" asks about the product.
        return reader.has(["recommend", "suggest", "pick", "showing", "show me", "these", "them", "this one", "that one"])
            || reader.parse.entities.contains { $0.entity == "ordinal" }
    }

    /// The reasons of the recommendations the line points at, or of all of them.
    func explainRecommendations(_ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        var products = resolver(state).resolve(reader.parse).filter { state.recommendationReasons[$0.sku] != nil }
        if products.isEmpty { products = state.shown.compactMap { sku in state.recommendationReasons[sku] == nil ? nil : try? services.search.product(sku: sku) } }
        for p in products {
            out.say("recommendation_reason", ["title": p.title, "reason": state.recommendationReasons[p.sku] ?? ""])
        }
        if products.count == 1 { state.focus = products[0].sku }
    }

    func acceptRecommendation(_ sku: String, _ state: inout SessionState, _ out: inout TurnOutput) {
        guard let i = state.recommended.firstIndex(of: sku) else { return }
        state.recommended.remove(at: i)
        out.events.append(DialogueEvent(kind: .recommendationAccepted, session: state.id, customer: state.customer, sku: sku))
    }

    func addToCart(_ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        let products = referenced(reader, state)
        guard !products.isEmpty else { askWhich(for: "add_to_cart", &state, &out); return }
        let quantity = reader.quantity ?? 1
        do {
            var cart: CartView?
            for p in products {
                do {
                    cart = try services.cart.add(sku: p.sku, quantity: quantity, size: reader.string("size") ?? state.preferences.size,
                                                color: reader.string("color") ?? state.search?.colors.first, to: cartOwner(state))
                } catch let choice as ChoiceRequired {
                    // Ask for the size; products already added stay added.
                    if let cart { out.messages.append(.cart(cart)) }
                    askChoice(choice, sku: p.sku, quantity: quantity, &state, &out)
                    return
                }
                out.events.append(DialogueEvent(kind: .addedToCart, session: state.id, customer: state.customer, sku: p.sku))
                acceptRecommendation(p.sku, &state, &out)
            }
            state.focus = products.count == 1 ? products[0].sku : state.focus
            state.lastAdded = products.count == 1 ? products[0].sku : nil
            let titles = products.map(\.title).joined(separator: " and ")
            out.say("added_to_cart", ["title": titles, "quantity": String(quantity)])
            if let cart { out.messages.append(.cart(cart)) }
            out.suggest([("label_checkout", "checkout"), ("label_view_cart", "show my cart")])
        } catch { report(error, &out) }
    }

    func removeFromCart(_ reader: EntityReader, _ state: inout SessionState, _ out: inout TurnOutput) {
        do {
            let owner = cartOwner(state)
            let cart = try services.cart.cart(owner)
            guard !cart.isEmpty else { out.say("cart_empty"); return }
            // References point into the cart lines here ("remove the second one").
            let lines = try cart.lines.compactMap { try services.search.product(sku: $0.sku) }
            var targets = ReferenceResolver(shown: lines, focus: state.focus.flatMap { try? services.search.product(sku: $0) }).resolve(reader.parse)
            // "remove it" with one line in the cart means that line; "remove the socks" does not.
            let named = reader.parse.entities.first { ["category", "product", "brand", "color"].contains($0.entity) }
            if targets.isEmpty, lines.count == 1, named == nil { targets = lines }
            guard !targets.isEmpty else {
                if let named { out.say("named_not_in_cart", ["what": named.text]) } else { out.say("not_in_cart") }
                out.messages.append(.cart(cart))
                return
            }
            var after = cart
            state.lastAdded = nil
            for p in targets { after = try services.cart.remove(sku: p.sku, from: owner) }
            out.say("removed_from_cart", ["title": targets.map(\.title).joined(separator: " and ")])
            out.messages.append(.cart(after))
        } catch { report(error, &out) }
    }

    /// "make it 3" just after adding a product: that cart line's quantity (0 removes it).
    func changeQuantity(of sku: String, to quantity: Int, _ state: inout SessionState, _ out: inout TurnOutput) {
        do {
            let cart = try services.cart.setQuantity(sku: sku, quantity: quantity, in: cartOwner(state))
            let title = try services.search.product(sku: sku)?.title ?? sku
            if quantity == 0 { state.lastAdded = nil; out.say("removed_from_cart", ["title": title]) } else { out.say("quantity_changed", ["title": title, "quantity": String(quantity)]) }
            out.messages.append(.cart(cart))
            out.suggest([("label_checkout", "checkout"), ("label_view_cart", "show my cart")])
        } catch { report(error, &out) }
    }

    func showCart(_ state: inout SessionState, _ out: inout TurnOutput) {
        do {
            let cart = try services.cart.cart(cartOwner(state))
            if cart.isEmpty { out.say("cart_empty"); out.suggest([("label_search", "show me something")]); return }
            out.say("cart_contents", ["count": String(cart.lines.reduce(0) { $0 + $1.quantity }), "total": Money.format(cart.total, cart.currency)])
            out.messages.append(.cart(cart))
            out.suggest([("label_checkout", "checkout")])
        } catch { report(error, &out) }
    }
}
