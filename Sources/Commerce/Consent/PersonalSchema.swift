import GRDB

/// The tables issue 8 (consent, promotions, reminders, delivery, data rights) adds to the store.
///
/// Why one registration: `ShopSchema.migrator` gets a single line (`PersonalSchema.registerMigrations`);
/// each migration here is append-only like the store's own (add a new one, never edit a shipped one).
public enum PersonalSchema {
    /// The migration names this file registers, in order.
    public static let migrationNames = ["personal_v1_consent_promotions_reminders", "personal_v1_demo_promotions"]

    /// Registers the personal-touches migrations after the store's own.
    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationNames[0], migrate: createTables)
        migrator.registerMigration(migrationNames[1], migrate: PromotionSeed.seedDemoPromotions)
    }

    static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE consent_history (
                id INTEGER PRIMARY KEY,
                customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('personalization', 'marketing')),
                granted INTEGER NOT NULL,
                at TEXT NOT NULL,
                source TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX consent_history_customer ON consent_history(customer_id, at);

            CREATE TABLE promotions (
                id INTEGER PRIMARY KEY,
                title TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('percent', 'amount')),
                value INTEGER NOT NULL CHECK (value > 0),
                scope TEXT NOT NULL DEFAULT 'all' CHECK (scope IN ('all', 'category', 'brand', 'product')),
                scope_value TEXT NOT NULL DEFAULT '',
                min_basket_cents INTEGER NOT NULL DEFAULT 0,
                min_tier TEXT NOT NULL DEFAULT 'none' CHECK (min_tier IN ('none', 'bronze', 'silver', 'gold')),
                starts_at TEXT NOT NULL,
                ends_at TEXT NOT NULL,
                public_code TEXT UNIQUE COLLATE NOCASE
            );

            CREATE TABLE promotion_codes (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE COLLATE NOCASE,
                promotion_id INTEGER NOT NULL REFERENCES promotions(id) ON DELETE CASCADE,
                customer_id INTEGER REFERENCES customers(id) ON DELETE CASCADE,
                issued_at TEXT NOT NULL,
                used_at TEXT,
                order_id INTEGER REFERENCES orders(id) ON DELETE SET NULL
            );
            CREATE INDEX promotion_codes_customer ON promotion_codes(customer_id);

            CREATE TABLE order_promotions (
                order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                promotion_id INTEGER NOT NULL REFERENCES promotions(id),
                code TEXT NOT NULL,
                discount_cents INTEGER NOT NULL
            );
            CREATE INDEX order_promotions_order ON order_promotions(order_id);

            CREATE TABLE cart_reminders (
                id INTEGER PRIMARY KEY,
                cart_id INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
                customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
                channel TEXT NOT NULL,
                sent_at TEXT NOT NULL,
                UNIQUE (cart_id)
            );
            CREATE INDEX cart_reminders_customer ON cart_reminders(customer_id);

            CREATE TABLE cart_mentions (
                cart_id INTEGER PRIMARY KEY REFERENCES carts(id) ON DELETE CASCADE,
                mentioned_at TEXT NOT NULL
            );

            CREATE TABLE order_delivery (
                order_id INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
                method TEXT NOT NULL
            );

            CREATE TABLE data_rights_log (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                action TEXT NOT NULL,
                customer_id INTEGER NOT NULL,
                summary TEXT NOT NULL DEFAULT '{}'
            );
            """)
    }
}
