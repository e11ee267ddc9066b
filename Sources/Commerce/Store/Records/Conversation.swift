import Foundation
import GRDB

/// A stored conversation (`sessions`): the dialogue state as JSON plus a version.
///
/// `version` is for optimistic locking: a writer updates
/// `WHERE id = ? AND version = <read version>` and bumps it; zero rows changed means
/// another turn won the race and the caller must reload.
public struct ConversationSession: Codable, Sendable, Hashable, Identifiable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sessions"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: String
    public var customerId: Int64?
    /// The dialogue state, JSON text owned by the Dialogue target.
    public var state: String
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, customerId: Int64? = nil, state: String = "{}", version: Int = 0, createdAt: Date, updatedAt: Date? = nil) {
        self.id = id; self.customerId = customerId; self.state = state; self.version = version
        self.createdAt = createdAt; self.updatedAt = updatedAt ?? createdAt
    }

    public static let turns = hasMany(ConversationTurn.self, using: ForeignKey(["session_id"]))

    /// Writes the session only if nobody saved it since it was read (optimistic locking).
    ///
    /// A new session (not in the table) is inserted with version 1. An existing one is
    /// updated `WHERE version = self.version`, and the version is bumped. Returns false,
    /// changing nothing, when another writer got there first: reload and redo the turn.
    public mutating func saveIfUnchanged(_ db: Database, at now: Date) throws -> Bool {
        updatedAt = now
        if version == 0, try !exists(db) {
            version = 1
            try insert(db)
            return true
        }
        try db.execute(sql: """
            UPDATE sessions SET customer_id = ?, state = ?, updated_at = ?, version = version + 1
            WHERE id = ? AND version = ?
            """, arguments: [customerId, state, updatedAt, id, version])
        guard db.changesCount == 1 else { return false }
        version += 1
        return true
    }
}

/// One turn of a conversation (`turns`): what the user typed, the parse and the reply as JSON.
public struct ConversationTurn: Codable, Sendable, Hashable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "turns"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var sessionId: String
    /// 0-based position of the turn in its session.
    public var turnIndex: Int
    public var userText: String
    public var reply: String
    public var parse: String
    public var at: Date

    public init(id: Int64? = nil, sessionId: String, turnIndex: Int, userText: String, reply: String = "{}", parse: String = "{}", at: Date) {
        self.id = id; self.sessionId = sessionId; self.turnIndex = turnIndex; self.userText = userText
        self.reply = reply; self.parse = parse; self.at = at
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
