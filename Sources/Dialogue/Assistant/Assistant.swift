import Foundation
import NLU

/// Anything that turns a line into a parse (the trained `NLUEngine` in production).
public protocol LineParser: Sendable {
    func parse(_ text: String) -> Parse
}

/// The one entry point every channel uses: a line in, a structured reply out.
///
/// Each turn loads the session (from the in-process cache, else the store), runs the
/// policy, and saves the state with a version check. When another process saved the
/// same session in between, the save fails, the turn is recomputed on the newer state
/// and saved again — so two processes serving one session never lose or interleave a
/// turn.
/// ```swift
/// let reply = try assistant.respond(to: "red running shoes under 80", session: "web-42")
/// ```
public final class Assistant: Sendable {
    public let parser: any LineParser
    public let engine: DialogueEngine
    public let persistence: any SessionPersistence
    public let cache: SessionCache
    /// Attempts at saving one turn before giving up (each after a conflict).
    public let maxAttempts = 32
    /// The channel stamped on every event: `repl`, `jsonrpc`, `dialogue-test`, `simulator`, …
    public let channel: String
    /// Experiment arms: which variant a session runs under and the engine of each (nil: no experiments).
    public let variants: VariantPlan?

    public init(parser: any LineParser, engine: DialogueEngine, persistence: any SessionPersistence, cache: SessionCache = SessionCache(),
                channel: String = "assistant", variants: VariantPlan? = nil) {
        self.parser = parser
        self.engine = engine
        self.persistence = persistence
        self.cache = cache
        self.channel = channel
        self.variants = variants
    }

    /// The engine a session runs on and its variant label: the assigned arm's engine, else the shipped one.
    ///
    /// The one place experiments change behaviour; the assignment is a pure function of the
    /// session (or customer) id and the day, so it survives restarts and other processes.
    public func engine(for session: String, customer: String?, now: Date = Date()) -> (engine: DialogueEngine, variant: String?) {
        guard let variants, let v = variants.assigner.variant(session: session, customer: customer, day: String(DialogueEngine.timestamp(now).prefix(10))) else {
            return (engine, nil)
        }
        return (variants.engines[v.label] ?? engine, v.label)
    }

    /// Stamps channel, variant and time on a turn's events.
    func stamped(_ events: [DialogueEvent], variant: String?, at: Date) -> [DialogueEvent] {
        events.map { e in
            var e = e
            e.channel = e.channel ?? channel
            e.variant = e.variant ?? variant
            e.at = e.at ?? at
            return e
        }
    }

    /// Answers one line of a session; `customer` signs the session in (nil keeps whoever is signed in).
    public func respond(to line: String, session: String, customer: String? = nil, now: Date = Date()) throws -> Reply {
        let text = Self.trimmed(line.prefix(2000))
        let parsed = text.hasPrefix("/") ? nil : parser.parse(text)
        var lastConflict: SessionConflict?
        for attempt in 0..<maxAttempts {
            // Back off a little, more each time, so two processes racing on one session
            // stop colliding instead of recomputing in lockstep.
            if attempt > 0 { usleep(UInt32.random(in: 200...(1_000 * UInt32(min(attempt, 20))))) }
            let current = try load(session)
            var state = current.state
            if let customer, customer != state.customer {
                state.customer = customer
                state.abandonedCartMentioned = false
            }
            let parse = parsed ?? payloadParse(text, state)
            let (arm, variant) = self.engine(for: session, customer: state.customer, now: now)
            var reply: Reply
            var events: [DialogueEvent] = []
            if text.isEmpty {
                state.turns += 1
                var out = TurnOutput(templates: arm.templates, session: session, turn: state.turns)
                out.say("help")
                reply = Reply(session: session, turn: state.turns, messages: out.messages, task: state.task?.kind.rawValue, slots: state.task?.slots ?? [:])
            } else {
                let result = arm.turn(parse, state: &state, now: now)
                reply = result.reply
                events = stamped(result.events, variant: variant, at: now)
            }
            do {
                let version = try persistence.save(state, expectedVersion: current.version, turn: state.history.last.flatMap { $0.index == state.turns ? $0 : nil }, reply: reply)
                cache.put(VersionedSession(state: state, version: version))
                // Events are facts for metrics, not part of the answer: a failing log does not fail the turn.
                if !events.isEmpty { try? engine.services.events.log(events) }
                return reply
            } catch let conflict as SessionConflict {
                cache.remove(session)
                lastConflict = conflict
            }
        }
        throw lastConflict ?? SessionConflict(session: session, expected: -1, found: -1)
    }

    /// The session as it stands in the store (for `session.state` and tests); another
    /// process may have moved it on since this one cached it.
    public func state(of session: String) throws -> SessionState {
        if let stored = try persistence.load(session) {
            cache.put(stored)
            return stored.state
        }
        return SessionState(id: session)
    }

    /// `line` without surrounding white space (Character.isWhitespace covers spaces, tabs and line breaks).
    static func trimmed(_ line: Substring) -> String {
        guard let first = line.firstIndex(where: { !$0.isWhitespace }), let last = line.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(line[first...last])
    }

    /// Forgets a session: the next line starts a new conversation.
    public func reset(_ session: String) throws {
        cache.remove(session)
        try persistence.delete(session)
    }

    /// Records a click a channel saw (a card opened in the widget): `product_clicked`, and
    /// `recommendation_accepted` when the product was recommended in this session.
    /// The click's payload `source` is `recommendation` when the card came from a recommendation, else `search`.
    public func recordClick(session: String, sku: String, now: Date = Date()) throws {
        let state = try load(session).state
        let fromRecommendation = state.recommended.contains(sku)
        var events = [DialogueEvent(kind: .productClicked, session: session, customer: state.customer, sku: sku,
                                    details: ["source": fromRecommendation ? "recommendation" : "search"])]
        if fromRecommendation { events.append(DialogueEvent(kind: .recommendationAccepted, session: session, customer: state.customer, sku: sku)) }
        try engine.services.events.log(stamped(events, variant: engine(for: session, customer: state.customer, now: now).variant, at: now))
    }

    private func load(_ session: String) throws -> VersionedSession {
        // The cache is trusted only while no other process has saved the session since: a
        // one-column read here keeps the window in which two processes compute the same
        // turn (and one must redo it) down to the turn itself.
        if let cached = cache.get(session), try persistence.version(of: session) == cached.version { return cached }
        if let stored = try persistence.load(session) {
            cache.put(stored)
            return stored
        }
        return VersionedSession(state: SessionState(id: session), version: 0)
    }

    /// A quick-reply payload `/intent` (as offered by a clarifying question) becomes a
    /// certain parse of that intent, carrying the entities of the line it clarifies.
    func payloadParse(_ text: String, _ state: SessionState) -> Parse {
        let name = String(text.dropFirst()).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, DialogueEngine.intentLabels.contains(name) else { return parser.parse(text) }
        let entities = state.clarification?.entities ?? []
        let original = state.clarification?.text ?? text
        let score = IntentScore(name: name, confidence: 1)
        return Parse(text: original, intent: score, ranking: [score], entities: entities)
    }
}
