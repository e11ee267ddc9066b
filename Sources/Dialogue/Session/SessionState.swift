import Foundation
import NLU

/// Everything the assistant remembers about one conversation; saved after every turn
/// so a restarted process resumes where it was.
public struct SessionState: Sendable, Hashable, Codable {
    public var id: String
    public var customer: String?
    /// Turns taken so far (the next turn is `turns + 1`).
    public var turns: Int = 0
    /// The task (form) being filled, if any.
    public var task: TaskState?
    /// Tasks interrupted by a topic switch, resumed most recent first.
    public var suspended: [TaskState] = []
    /// The search the shopper is refining.
    public var search: ProductQuery?
    /// SKUs of the products last shown, in the order shown.
    public var shown: [String] = []
    /// The product last talked about on its own ("that one").
    public var focus: String?
    /// SKUs last compared.
    public var compared: [String] = []
    /// Recommendations shown and not yet acted on (for `recommendation_accepted`).
    public var recommended: [String] = []
    /// The intent a "Which product?" was asked for, until the next turn: a bare pick then
    /// does that ("add it to my cart" … "the second one").
    public var pickFor: String?
    /// Why each recommendation on screen was made (SKU → the card's reason), for "why this one?".
    public var recommendationReasons: [String: String] = [:]
    /// The product just put in the cart, until another list is shown or the cart changes
    /// otherwise: what "make it 3" changes.
    public var lastAdded: String?
    /// The order last placed or looked up in this session ("my new order").
    public var lastOrderID: String?
    /// A guest's email once given, so they are not asked twice.
    public var email: String?
    public var preferences = Preferences()
    /// Misunderstood lines in a row; two in a row offer a human.
    public var misunderstandings: Int = 0
    /// The interpretations offered by the last clarifying question.
    public var clarification: Clarification?
    /// True once the abandoned cart has been mentioned in this session.
    public var abandonedCartMentioned: Bool = false
    public var greeted: Bool = false
    /// The last turns with their parses (the full record is in the store's turns table).
    public var history: [TurnRecord] = []

    public init(id: String, customer: String? = nil) {
        self.id = id
        self.customer = customer
    }

    /// Decodes a saved state; a field the saving build did not have takes its default, so
    /// a conversation in progress survives an upgrade that adds one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SessionState(id: try c.decode(String.self, forKey: .id))
        id = defaults.id
        customer = try c.decodeIfPresent(String.self, forKey: .customer)
        turns = try c.decodeIfPresent(Int.self, forKey: .turns) ?? defaults.turns
        task = try c.decodeIfPresent(TaskState.self, forKey: .task)
        suspended = try c.decodeIfPresent([TaskState].self, forKey: .suspended) ?? defaults.suspended
        search = try c.decodeIfPresent(ProductQuery.self, forKey: .search)
        shown = try c.decodeIfPresent([String].self, forKey: .shown) ?? defaults.shown
        focus = try c.decodeIfPresent(String.self, forKey: .focus)
        compared = try c.decodeIfPresent([String].self, forKey: .compared) ?? defaults.compared
        recommended = try c.decodeIfPresent([String].self, forKey: .recommended) ?? defaults.recommended
        pickFor = try c.decodeIfPresent(String.self, forKey: .pickFor)
        recommendationReasons = try c.decodeIfPresent([String: String].self, forKey: .recommendationReasons) ?? defaults.recommendationReasons
        lastAdded = try c.decodeIfPresent(String.self, forKey: .lastAdded)
        lastOrderID = try c.decodeIfPresent(String.self, forKey: .lastOrderID)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        preferences = try c.decodeIfPresent(Preferences.self, forKey: .preferences) ?? defaults.preferences
        misunderstandings = try c.decodeIfPresent(Int.self, forKey: .misunderstandings) ?? defaults.misunderstandings
        clarification = try c.decodeIfPresent(Clarification.self, forKey: .clarification)
        abandonedCartMentioned = try c.decodeIfPresent(Bool.self, forKey: .abandonedCartMentioned) ?? defaults.abandonedCartMentioned
        greeted = try c.decodeIfPresent(Bool.self, forKey: .greeted) ?? defaults.greeted
        history = try c.decodeIfPresent([TurnRecord].self, forKey: .history) ?? defaults.history
    }

    /// How many turns the state keeps in `history` (every turn is also in the store's
    /// `turns` table; the state keeps the recent ones for summaries and handoff, and stays
    /// small because it is encoded on every turn).
    public static let historyLimit = 12
}

/// Preferences the shopper stated in this session.
public struct Preferences: Sendable, Hashable, Codable {
    public var size: String?
    public var likedBrands: [String] = []
    public var dislikedBrands: [String] = []
    public var budget: Double?
    public init() {}
}

/// A task being filled: which one, its slots, and what it is waiting for.
public struct TaskState: Sendable, Hashable, Codable {
    public var kind: TaskKind
    public var slots: [String: String] = [:]
    /// The slot the last prompt asked for.
    public var awaiting: String?
    /// True when the task waits for a yes/no before its destructive step.
    public var confirming: Bool = false
    /// Times the awaited slot got an invalid answer.
    public var retries: Int = 0

    public init(kind: TaskKind, slots: [String: String] = [:]) {
        self.kind = kind
        self.slots = slots
    }
}

/// The tasks the assistant can carry over several turns.
public enum TaskKind: String, Sendable, Hashable, Codable, CaseIterable {
    case search
    case orderStatus = "order_status"
    case cancelOrder = "cancel_order"
    case returnItem = "return_item"
    case checkout
    case forgetMe = "forget_me"
    /// Adding a product that needs a choice (a size) first.
    case addToCart = "add_to_cart"

    /// Slots that must be filled before the task runs, in the order they are asked.
    public var requiredSlots: [String] {
        switch self {
        case .search: ["what"]
        case .orderStatus, .cancelOrder, .returnItem: ["order_id", "email"]
        case .checkout: ["email"]
        case .forgetMe: []
        case .addToCart: ["sku", "size"]
        }
    }

    /// Whether the final step changes something that cannot be undone and needs a yes/no.
    public var isDestructive: Bool {
        switch self {
        case .cancelOrder, .checkout, .forgetMe, .returnItem: true
        default: false
        }
    }
}

/// The two interpretations a clarifying question offered.
public struct Clarification: Sendable, Hashable, Codable {
    public var intents: [String]
    public var entities: [ExtractedEntity]
    public var text: String
}

/// One turn as remembered: what was said, what was understood, what was answered.
public struct TurnRecord: Sendable, Hashable, Codable {
    public var index: Int
    public var text: String
    public var parse: Parse?
    public var reply: String
    /// ISO 8601 time of the turn.
    public var at: String
    public init(index: Int, text: String, parse: Parse?, reply: String, at: String) {
        self.index = index
        self.text = text
        self.parse = parse
        self.reply = reply
        self.at = at
    }
}
