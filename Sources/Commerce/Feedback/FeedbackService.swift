import Foundation
import GRDB

/// The `feedback` table: what shoppers told the assistant about itself, with a sentiment score.
///
/// Registered in `ShopSchema.migrator` by one line (`FeedbackSchema.registerMigrations`); like
/// every migration, the one here is never edited once shipped.
public enum FeedbackSchema {
    public static let migrationNames = ["feedback_v1"]

    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationNames[0], migrate: createTable)
    }

    static func createTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE feedback (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                session_id TEXT,
                customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
                channel TEXT NOT NULL DEFAULT '',
                variant TEXT,
                text TEXT NOT NULL,
                score REAL NOT NULL CHECK (score >= -1 AND score <= 1)
            );
            CREATE INDEX feedback_at ON feedback(at);
            CREATE INDEX feedback_customer ON feedback(customer_id);
            CREATE INDEX feedback_session ON feedback(session_id);
            """)
    }
}

/// One stored feedback.
public struct FeedbackRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "feedback"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var at: Date
    public var sessionId: String?
    public var customerId: Int64?
    public var channel: String
    public var variant: String?
    public var text: String
    public var score: Double

    public init(id: Int64? = nil, at: Date, sessionId: String?, customerId: Int64?, channel: String = "", variant: String? = nil, text: String, score: Double) {
        self.id = id; self.at = at; self.sessionId = sessionId; self.customerId = customerId
        self.channel = channel; self.variant = variant; self.text = text; self.score = score
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Records feedback with its sentiment score.
///
/// The text is kept with the customer id when the shopper is signed in (it is their own words
/// about the service, so `customer export` includes it and forget-me deletes it); a guest's
/// feedback stays with the session only.
public struct FeedbackService: Sendable {
    public let store: ShopStore
    public let scorer: SentimentScorer
    public let now: @Sendable () -> Date
    /// Longer feedback is cut to this many characters.
    public static let maxLength = 2000

    public init(store: ShopStore, scorer: SentimentScorer = SentimentScorer(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.scorer = scorer
        self.now = now
    }

    @discardableResult
    public func record(text: String, session: String?, customerID: Int64?, channel: String = "", variant: String? = nil) throws -> FeedbackRecord {
        try store.database.write { db in
            try record(db, text: text, at: now(), session: session, customerID: customerID, channel: channel, variant: variant)
        }
    }

    /// The same inside a caller's transaction (the event log writes a turn's feedback with its events).
    @discardableResult
    public func record(_ db: Database, text: String, at: Date, session: String?, customerID: Int64?, channel: String = "", variant: String? = nil) throws -> FeedbackRecord {
        let clean = String(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(Self.maxLength))
        let author = try customerID.flatMap { id in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM customers WHERE id = ? AND erased = 0"), arguments: [id])
        }
        var row = FeedbackRecord(at: at, sessionId: session, customerId: author, channel: channel, variant: variant, text: clean, score: scorer.score(clean))
        try row.insert(db)
        return row
    }
}
