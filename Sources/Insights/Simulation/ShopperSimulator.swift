import Commerce
import Dialogue
import Foundation
import GRDB

/// What a synthetic shopper wants: categories, brands and a budget.
public struct ShopperProfile: Sendable, Hashable {
    /// A demo customer's id (signed in), nil for a guest.
    public var customer: String?
    /// Favourite categories, most bought first (a guest has one, drawn from the catalog).
    public var categories: [String]
    public var brands: Set<String>
    /// The price above which a product stops fitting.
    public var budget: Double
    public var colors: [String]
}

/// What one simulation did.
public struct SimulationSummary: Sendable, Codable {
    public var sessions: Int
    public var turns: Int
    public var events: Int
    public var purchases: Int
    public var clicks: Int
    public var abandonedCarts: Int
    public var seconds: Double
    public var seed: UInt64
    public var store: String
    /// Sessions per variant label (empty without experiments).
    public var variants: [String: Int]

    enum CodingKeys: String, CodingKey {
        case sessions, turns, events, purchases, clicks, seconds, seed, store, variants
        case abandonedCarts = "abandoned_carts"
    }

    public func text() -> String {
        var out = String(format: "simulated %d sessions: %d turns, %d events, %d purchases, %d clicks, %d abandoned carts in %.1f s (%.0f sessions/s)\n",
                         sessions, turns, events, purchases, clicks, abandonedCarts, seconds, seconds > 0 ? Double(sessions) / seconds : 0)
        if !variants.isEmpty { out += "variants: " + variants.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n" }
        out += "store: \(store)\n"
        return out
    }
}

/// Synthetic shoppers talking to the real engine through `Assistant.respond`.
///
/// Demo customers (signed in, preferences from their order history) and guests (a category
/// drawn from the catalog) search, refine, compare, ask for recommendations, react to the
/// cards they are shown, add to cart, check out or abandon, ask for their order, and now and
/// then give feedback. A shopper clicks a card with a probability that grows with how well it
/// fits (category, brand, price) and buys more often when what it clicked fits — so a worse
/// recommender shows up as fewer clicks and purchases in the KPIs.
///
/// Every draw comes from `DemoRandom` streams derived from the seed and the session number,
/// so the same seed on a fresh copy of the same store gives the same conversations and events.
public struct ShopperSimulator: Sendable {
    public let assistant: Assistant
    public let store: ShopStore
    /// Share of sessions by signed-in demo customers (the rest are guests).
    public var signedInShare = 0.5

    struct CatalogFacts: Sendable {
        var categories: [String]
        var brandsByCategory: [String: [String]]
        var colorsByCategory: [String: [String]]
        var medianPrice: [String: Double]
        var productCategory: [String: String]
        var customers: [ShopperProfile]
    }
    let facts: CatalogFacts

    public init(assistant: Assistant, store: ShopStore) throws {
        self.assistant = assistant
        self.store = store
        facts = try Self.facts(store)
    }

    /// Reads, once, what shoppers need to know about the shop: categories with their brands,
    /// colours and median price, every product's category, and the demo customers' preferences.
    static func facts(_ store: ShopStore) throws -> CatalogFacts {
        try store.database.read { db in
            var f = CatalogFacts(categories: [], brandsByCategory: [:], colorsByCategory: [:], medianPrice: [:], productCategory: [:], customers: [])
            var prices: [String: [Double]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sku, category, brand, price_cents FROM products WHERE category <> '' ORDER BY id") {
                let sku: String = row[0], category: String = row[1], brand: String = row[2], cents: Int = row[3]
                f.productCategory[sku] = category
                prices[category, default: []].append(Double(cents) / 100)
                if !brand.isEmpty, !(f.brandsByCategory[category]?.contains(brand) ?? false) { f.brandsByCategory[category, default: []].append(brand) }
            }
            f.categories = prices.keys.sorted()
            for (c, p) in prices { f.medianPrice[c] = p.sorted()[p.count / 2] }
            for row in try Row.fetchAll(db, sql: """
                SELECT p.category, v.color FROM product_variants v JOIN products p ON p.id = v.product_id
                WHERE v.color IS NOT NULL AND v.color <> '' GROUP BY p.category, v.color ORDER BY p.category, v.color
                """) {
                f.colorsByCategory[row[0] as String, default: []].append(row[1])
            }
            // Demo customers who can sign in, with what they bought.
            let lines = try Row.fetchAll(db, sql: """
                SELECT o.customer_id, p.category, p.brand, l.unit_price_cents FROM order_lines l
                JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
                JOIN customers c ON c.id = o.customer_id WHERE c.erased = 0 ORDER BY o.customer_id, l.id
                """)
            var byCustomer: [Int64: [(String, String, Double)]] = [:]
            for r in lines { byCustomer[r[0] as Int64, default: []].append((r[1], r[2], Double(r[3] as Int) / 100)) }
            for (id, bought) in byCustomer.sorted(by: { $0.key < $1.key }) {
                var categoryCount: [String: Int] = [:], brandCount: [String: Int] = [:]
                for (c, b, _) in bought { categoryCount[c, default: 0] += 1; brandCount[b, default: 0] += 1 }
                let categories = categoryCount.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map(\.key)
                let brands = brandCount.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map(\.key)
                let spent = bought.map(\.2).sorted()
                let budget = max(spent[min(spent.count - 1, spent.count * 3 / 4)] * 1.2, 10)
                f.customers.append(ShopperProfile(customer: String(id), categories: categories, brands: Set(brands), budget: budget, colors: []))
            }
            return f
        }
    }

    /// How well a product fits a shopper, 0…1: category (0.5), brand (0.2), price within budget (0.3).
    static func fit(_ card: ProductCard, category: String?, _ p: ShopperProfile) -> Double {
        var fit = 0.0
        if let category, p.categories.contains(category) { fit += category == p.categories.first ? 0.5 : 0.35 }
        if p.brands.contains(card.brand) { fit += 0.2 }
        if card.price <= p.budget { fit += 0.3 } else { fit += max(0, 0.3 * (1 - (card.price - p.budget) / p.budget)) }
        return fit
    }

    /// Runs `sessions` shoppers; sessions are named `sim-<seed>-<n>`.
    ///
    /// `workers` shoppers talk to the engine at once, each on its own thread. With one
    /// worker the run is reproducible to the event; with more, each shopper still makes the
    /// same draws and a demo customer's visits stay in order on one worker, but shoppers on
    /// different workers meet in shared state (stock, single-use codes, recommendations
    /// learned from the shop) in whatever order the threads reach it, so the totals can
    /// differ slightly between runs.
    public func run(sessions: Int, seed: UInt64, workers: Int = 1, progress: @escaping @Sendable (Int) -> Void = { _ in }) throws -> SimulationSummary {
        let started = Date()
        let eventsBefore = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM events") ?? 0 }
        let workers = max(1, min(workers, sessions))
        // Shoppers by worker: a signed-in customer's visits all on one worker, guests spread round-robin.
        var lanes = [[Int]](repeating: [], count: workers)
        for n in 0..<sessions {
            let customer = Shopper(simulator: self, session: "", random: DemoRandom.stream(seed: seed, "shopper-\(n)")).profile.customer
            let lane = customer.map { Int(UInt(bitPattern: Self.stableHash($0)) % UInt(workers)) } ?? n % workers
            lanes[lane].append(n)
        }
        let tally = SimulationTally(SimulationSummary(sessions: sessions, turns: 0, events: 0, purchases: 0, clicks: 0, abandonedCarts: 0, seconds: 0,
                                                      seed: seed, store: store.path ?? ":memory:", variants: [:]))
        let lanesToRun = lanes
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for n in lanesToRun[w] {
                var shopper = Shopper(simulator: self, session: "sim-\(seed)-\(n)", random: DemoRandom.stream(seed: seed, "shopper-\(n)"))
                do { try shopper.visit() } catch { tally.fail(error); return }
                let variant = assistant.engine(for: shopper.session, customer: shopper.profile.customer).variant
                let done = tally.add(shopper, variant: variant)
                if done % 1000 == 0 { progress(done) }
            }
        }
        var summary = try tally.result()
        summary.events = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE id > ?", arguments: [eventsBefore]) ?? 0 }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// FNV-1a of a customer id: the same worker for the same customer in every run.
    static func stableHash(_ text: String) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        return Int(bitPattern: UInt(truncatingIfNeeded: h))
    }
}

/// The running totals of a simulation, added to from every worker.
private final class SimulationTally: @unchecked Sendable {
    private let lock = NSLock()
    private var summary: SimulationSummary
    private var done = 0
    private var error: (any Error)?

    init(_ summary: SimulationSummary) { self.summary = summary }

    /// Adds one finished visit; returns how many visits have finished.
    func add(_ shopper: Shopper, variant: String?) -> Int {
        lock.lock(); defer { lock.unlock() }
        summary.turns += shopper.turns
        summary.clicks += shopper.clicks
        if shopper.purchased { summary.purchases += 1 }
        if shopper.abandoned { summary.abandonedCarts += 1 }
        if let variant { summary.variants[variant, default: 0] += 1 }
        done += 1
        return done
    }

    /// Records the first error; the other workers finish the visit they are in.
    func fail(_ error: any Error) {
        lock.lock(); defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }

    func result() throws -> SimulationSummary {
        lock.lock(); defer { lock.unlock() }
        if let error { throw error }
        return summary
    }
}

/// One synthetic shopper's visit.
struct Shopper {
    let simulator: ShopperSimulator
    let session: String
    var random: DemoRandom
    var profile: ShopperProfile
    var turns = 0
    var clicks = 0
    var purchased = false
    var abandoned = false
    /// The best fit among the cards this shopper clicked.
    var bestClickedFit = 0.0

    init(simulator: ShopperSimulator, session: String, random: DemoRandom) {
        self.simulator = simulator
        self.session = session
        self.random = random
        let facts = simulator.facts
        if !facts.customers.isEmpty, self.random.chance(simulator.signedInShare) {
            profile = self.random.pick(facts.customers)
        } else {
            let category = facts.categories.isEmpty ? "" : self.random.pick(facts.categories)
            let brands = facts.brandsByCategory[category] ?? []
            profile = ShopperProfile(customer: nil, categories: [category], brands: Set(brands.isEmpty ? [] : self.random.sample(brands, 2)),
                                     budget: (facts.medianPrice[category] ?? 50) * self.random.double(0.8, 1.6), colors: [])
        }
        if let colors = facts.colorsByCategory[profile.categories.first ?? ""], !colors.isEmpty { profile.colors = [self.random.pick(colors)] }
    }

    var facts: ShopperSimulator.CatalogFacts { simulator.facts }
    var category: String { profile.categories.first ?? "products" }

    @discardableResult
    mutating func say(_ line: String) throws -> Reply {
        turns += 1
        return try simulator.assistant.respond(to: line, session: session, customer: profile.customer)
    }

    mutating func visit() throws {
        if random.chance(0.3) { try say(random.pick(["hi", "hello", "hey there"])) }
        // Sometimes a signed-in customer starts by checking an order.
        if profile.customer != nil, random.chance(0.1) { try say(random.pick(["where is my order", "what's the status of my last order"])) }
        var reply = try say(searchLine())
        try look(at: reply)
        // Refine: cheaper when the page is over budget, else a colour or a brand.
        if random.chance(0.6) {
            let overBudget = reply.cards.filter { $0.price > profile.budget }.count * 2 > max(1, reply.cards.count)
            let line: String
            if overBudget { line = random.pick(["cheaper", "something cheaper", "show me cheaper ones"]) }
            else if let color = profile.colors.first, random.chance(0.5) { line = random.pick(["in \(color.lowercased())", "do you have it in \(color.lowercased())"]) }
            else if let brand = profile.brands.sorted().first { line = random.pick(["only \(brand)", "just \(brand) please"]) }
            else { line = "show more" }
            let refined = try say(line)
            if !refined.cards.isEmpty { reply = refined; try look(at: reply) }
        }
        if reply.cards.count >= 2, random.chance(0.3) { try say(random.pick(["compare the first two", "compare the first and second"])) }
        if random.chance(0.6) {
            let recs = try say(random.pick(["what would you recommend", "recommend something", "any recommendations?", "what else would you suggest"]))
            if !recs.cards.isEmpty, try look(at: recs) { reply = recs }
        }
        if random.chance(0.08) { try say(random.pick(["any promotions?", "do you have any discount codes", "are there any deals right now"])) }
        try decide()
        if random.chance(0.06) { try say(feedbackLine()) }
        if random.chance(0.15) { try say(random.pick(["thanks", "thank you, bye", "bye"])) }
    }

    mutating func searchLine() -> String {
        let c = category.lowercased()
        var lines = ["show me \(c)", "i'm looking for \(c)", "\(c) under \(Int(profile.budget.rounded()))", "do you have \(c)"]
        if let brand = profile.brands.sorted().first { lines.append("\(brand) \(c)") }
        if let color = profile.colors.first { lines.append("\(color.lowercased()) \(c)") }
        return random.pick(lines)
    }

    /// The cards of the last list the shopper looked at (what "the second one" refers to).
    var lastCards: [ProductCard] = []

    /// Looks at the cards of a reply and clicks those that appeal; returns whether it clicked any.
    @discardableResult
    mutating func look(at reply: Reply) throws -> Bool {
        var clicked = false
        for card in reply.cards {
            let fit = ShopperSimulator.fit(card, category: facts.productCategory[card.sku], profile)
            if random.chance(0.02 + 0.6 * fit * fit) {
                try simulator.assistant.recordClick(session: session, sku: card.sku)
                clicks += 1
                clicked = true
                bestClickedFit = max(bestClickedFit, fit)
            }
        }
        lastCards = reply.cards
        return clicked
    }

    /// Buys more often when what it clicked fits; sometimes abandons the cart.
    mutating func decide() throws {
        let buy = bestClickedFit > 0 ? 0.08 + 0.6 * bestClickedFit * bestClickedFit : 0.02
        guard random.chance(buy), !lastCards.isEmpty else { return }
        // The best-fitting card of the last list.
        let scored = lastCards.enumerated().map { ($0.offset, ShopperSimulator.fit($0.element, category: facts.productCategory[$0.element.sku], profile)) }
        let index = scored.max { $0.1 < $1.1 }?.0 ?? 0
        let ordinal = ["first", "second", "third", "fourth", "fifth"][min(index, 4)]
        var r = try say("add the \(ordinal) one to my cart")
        // A size to choose: the first offered (asked again at most once).
        for _ in 0..<2 {
            guard r.task == "add_to_cart", let size = r.suggestions.first(where: { $0.payload.hasPrefix("size ") }) else { break }
            r = try say(size.payload)
        }
        guard r.cart != nil || r.text.lowercased().contains("cart") else { return }
        if random.chance(0.25) { abandoned = true; return }
        r = try say(random.pick(["checkout", "i want to check out", "proceed to checkout"]))
        for _ in 0..<4 {
            if r.order != nil { purchased = true; break }
            guard r.task == "checkout" else { break }
            if r.suggestions.contains(where: { $0.payload == "yes" }) { r = try say(random.pick(["yes", "yes please", "go ahead"])) }
            else { r = try say("my email is \(session)@example.com") }
        }
        if purchased, random.chance(0.3) { try say(random.pick(["where is my new order", "when will my order arrive"])) }
        if !purchased { abandoned = true }
    }

    mutating func feedbackLine() -> String {
        if bestClickedFit >= 0.6 {
            return random.pick(["this was really helpful", "great service, thanks", "the recommendations were spot on, love it", "that was quick and easy"])
        }
        return random.pick(["the recommendations were bad", "the search results were not relevant", "the recommendations were useless and not relevant",
                            "this is confusing", "the search results were not helpful", "i'm not happy with the recommendations"])
    }
}
