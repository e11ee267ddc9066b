import Commerce
import Foundation
import GRDB
import NLU

/// Sessions saved in the shop's store (`sessions` and `turns` tables), so a restarted
/// process — or another process on the same file — continues the conversation.
///
/// The save is a compare-and-set: `UPDATE … WHERE id = ? AND version = ?` in the same
/// transaction as the turn's insert, so of two processes racing on one session exactly
/// one wins and the other recomputes its turn on the winner's state.
public struct StoreSessionPersistence: SessionPersistence {
    public let store: ShopStore

    public init(store: ShopStore) { self.store = store }

    public func load(_ id: String) throws -> VersionedSession? {
        try store.database.read { db in
            guard let row = try ConversationSession.fetchOne(db.cachedStatement(sql: "SELECT * FROM sessions WHERE id = ?"), arguments: [id]) else { return nil }
            guard let data = row.state.data(using: .utf8), row.state != "{}" else {
                return VersionedSession(state: SessionState(id: id), version: row.version)
            }
            var state: SessionState
            do { state = try JSONDecoder().decode(SessionState.self, from: data) } catch {
                // A state written by an older build that no longer decodes: start the conversation afresh
                // but keep the version so the compare-and-set still works.
                return VersionedSession(state: SessionState(id: id), version: row.version)
            }
            // The state is saved without its history (see `save`): the recent turns come from `turns`.
            if state.history.isEmpty, state.turns > 0 { state.history = try Self.recentTurns(of: id, db) }
            return VersionedSession(state: state, version: row.version)
        }
    }

    /// The last `SessionState.historyLimit` turns of a session as the state remembers them.
    static func recentTurns(of id: String, _ db: Database) throws -> [TurnRecord] {
        let rows = try ConversationTurn.filter(Column("session_id") == id).order(Column("turn_index").desc)
            .limit(SessionState.historyLimit).fetchAll(db)
        return rows.reversed().map { row in
            let reply = try? sentReply(row)
            return TurnRecord(index: row.turnIndex + 1, text: row.userText, parse: reply?.parse, reply: reply?.text ?? "",
                              at: DialogueEngine.timestamp(row.at))
        }
    }

    /// The reply a saved turn sent, with its parse (kept in its own column) put back.
    public static func sentReply(_ row: ConversationTurn) throws -> Reply {
        let decoder = JSONDecoder()
        var reply = try decoder.decode(Reply.self, from: Data(row.reply.utf8))
        if row.parse != "{}" { reply.parse = try decoder.decode(Parse.self, from: Data(row.parse.utf8)) }
        return reply
    }

    /// The stored form of states, parses and replies (compact, streamed; `JSONDecoder` reads it).
    static let encoder = CompactJSONEncoder()

    /// Saves the state without its history and the turn with its parse and reply, each
    /// encoded once: the history's turns are rows of `turns` already (`load` reads them
    /// back), and the stored reply leaves out the parse, which has its own column
    /// (`sentReply(_:)` puts them together again).
    public func save(_ state: SessionState, expectedVersion: Int, turn: TurnRecord?, reply: Reply?) throws -> Int {
        var lean = state
        lean.history = []
        let stateJSON = try Self.encoder.encode(lean)
        let parseJSON = try turn?.parse.map { try Self.encoder.encode($0) } ?? "{}"
        let replyJSON = try reply.map { reply in
            var stored = reply
            stored.parse = nil
            return try Self.encoder.encode(stored)
        } ?? "{}"
        // Converted once, and not by GRDB, which formats a Date with a DateFormatter on every use.
        let now = StorageDate.text(Date())
        var newVersion = 0
        // IMMEDIATE: take the write lock before reading the version, so a second process
        // waits (busy timeout) instead of reading a stale snapshot and failing to upgrade it.
        try store.database.writeWithoutTransaction { db in
          try db.inTransaction(.immediate) {
            let customerID = try state.customer.flatMap(Int64.init).flatMap { id in
                try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM customers WHERE id = ?"), arguments: [id])
            }
            // The compare-and-set first: in the common case (the version we read) it is the only statement.
            try db.cachedStatement(sql: "UPDATE sessions SET state = ?, version = version + 1, customer_id = ?, updated_at = ? WHERE id = ? AND version = ?")
                .execute(arguments: [stateJSON, customerID, now, state.id, expectedVersion])
            if db.changesCount == 1 {
                newVersion = expectedVersion + 1
            } else if let found = try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM sessions WHERE id = ?"), arguments: [state.id]) {
                throw SessionConflict(session: state.id, expected: expectedVersion, found: found)
            } else {
                guard expectedVersion == 0 else { throw SessionConflict(session: state.id, expected: expectedVersion, found: 0) }
                try db.cachedStatement(sql: "INSERT INTO sessions (id, customer_id, state, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)")
                    .execute(arguments: [state.id, customerID, stateJSON, now, now])
                newVersion = 1
            }
            if let turn {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO turns (session_id, turn_index, user_text, reply, parse, at) VALUES (?, ?, ?, ?, ?, ?)")
                    .execute(arguments: [state.id, turn.index - 1, turn.text, replyJSON, parseJSON, now])
            }
            return .commit
          }
        }
        return newVersion
    }

    public func version(of id: String) throws -> Int {
        try store.database.read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT version FROM sessions WHERE id = ?"), arguments: [id]) ?? 0 }
    }

    public func delete(_ id: String) throws {
        _ = try store.database.write { db in try ConversationSession.deleteOne(db, key: id) }
    }

    /// The saved turns of a session, in order (for tests and data export).
    public func turns(of id: String) throws -> [ConversationTurn] {
        try store.database.read { db in
            try ConversationTurn.filter(Column("session_id") == id).order(Column("turn_index")).fetchAll(db)
        }
    }
}

/// Events written to the store's `events` table (and feedback text to the `feedback` table).
///
/// The customer id is stored only with personalization consent (and never for an erased
/// customer); the channel is the event's own, else this log's; `variant` is the session's arm.
public struct StoreEventLog: EventLogging {
    public let store: ShopStore
    public let channel: String
    let feedback: FeedbackService

    public init(store: ShopStore, channel: String = "assistant") {
        self.store = store
        self.channel = channel
        self.feedback = FeedbackService(store: store)
    }

    public func log(_ events: [DialogueEvent]) throws {
        guard !events.isEmpty else { return }
        let now = Date()
        try store.database.write { db in
            // One consent lookup per customer of the batch (usually one), cached statements for the rest.
            var consenting: [Int64: Int64?] = [:]
            for e in events {
                var customerID: Int64? = nil
                if let id = e.customer.flatMap(Int64.init) {
                    if let known = consenting[id] { customerID = known } else {
                        customerID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM customers WHERE id = ? AND consent_personalization = 1 AND erased = 0"), arguments: [id])
                        consenting[id] = customerID
                    }
                }
                let productID = try e.sku.flatMap { sku in try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM products WHERE sku = ?"), arguments: [sku]) }
                // The payload as JSON with sorted keys: string facts, plus a number for feedback.
                var payload = e.details.mapValues(CompactJSONEncoder.quoted)
                if let order = e.orderID { payload["order"] = CompactJSONEncoder.quoted(order) }
                if e.kind == .feedback {
                    // The text goes to `feedback` (kept with the signed-in customer for export and
                    // erasure); the event carries only the score.
                    let text = e.details["text"] ?? ""
                    payload["text"] = nil
                    let row = try feedback.record(db, text: text, at: e.at ?? now, session: e.session, customerID: e.customer.flatMap(Int64.init),
                                                  channel: e.channel ?? channel, variant: e.variant)
                    payload["score"] = row.score.isFinite ? String(row.score) : "0"
                }
                let json = "{" + payload.sorted { $0.key < $1.key }.map { CompactJSONEncoder.quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
                try db.cachedStatement(sql: "INSERT INTO events (at, type, session_id, customer_id, product_id, sku, channel, variant, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .execute(arguments: [StorageDate.text(e.at ?? now), e.kind.rawValue, e.session, customerID, productID, e.sku, e.channel ?? channel, e.variant, json])
            }
            // The Commerce services log some events themselves (a cart add, a purchase) without
            // knowing the channel or experiment: stamp this session's unstamped ones.
            var stamped = Set<String>()
            for e in events where stamped.insert(e.session).inserted {
                try db.cachedStatement(sql: "UPDATE events SET channel = ?, variant = ? WHERE session_id = ? AND channel = '' AND variant IS NULL")
                    .execute(arguments: [e.channel ?? channel, e.variant, e.session])
            }
        }
    }
}
