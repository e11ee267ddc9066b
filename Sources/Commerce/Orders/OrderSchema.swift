import GRDB

/// The tables order status adds to the store: return records and failed guest look-ups.
///
/// Registered in `ShopSchema.migrator` as `v2_order_returns_lookups` (a new, append-only
/// migration; the v1 tables are untouched).
public enum OrderSchema {
    /// The migration's name in `grdb_migrations`.
    public static let migrationName = "v2_order_returns_lookups"

    static func createReturnsAndLookups(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE order_returns (
                id INTEGER PRIMARY KEY,
                number TEXT NOT NULL,
                order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                order_line_id INTEGER NOT NULL REFERENCES order_lines(id) ON DELETE CASCADE,
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                reason TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'received', 'refunded', 'rejected')),
                refund_cents INTEGER NOT NULL DEFAULT 0 CHECK (refund_cents >= 0),
                created_at TEXT NOT NULL
            );
            CREATE INDEX order_returns_order ON order_returns(order_id);
            CREATE INDEX order_returns_number ON order_returns(number);

            CREATE TABLE order_lookup_failures (
                id INTEGER PRIMARY KEY,
                session_id TEXT NOT NULL,
                at TEXT NOT NULL
            );
            CREATE INDEX order_lookup_failures_session ON order_lookup_failures(session_id, at);
            """)
    }
}
