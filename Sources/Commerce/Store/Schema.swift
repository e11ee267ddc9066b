import GRDB

/// The shop's schema as named, append-only migrations.
///
/// Why: the store outlives the binary that created it, so every change is a new migration
/// with a new name, applied once and recorded in `grdb_migrations`. A migration that has
/// shipped is never edited; later issues append theirs to `ShopSchema.migrator` (add a
/// `registerXxx` call at the end of the list).
///
/// Conventions every table follows:
/// - snake_case names; integer primary keys `id` (except `sessions.id`, a text id);
/// - money is **integer cents** in columns named `*_cents` (never floating point), with a
///   three-letter ISO currency code in `currency`;
/// - dates are GRDB `Date` values, stored as UTC text `yyyy-MM-dd HH:mm:ss.SSS`, so they sort;
/// - JSON columns (`options`, `state`, `reply`, `parse`, `payload`) hold JSON text.
public enum ShopSchema {
    /// The names of the migrations this build knows, in order.
    public static var migrationNames: [String] { migrator.migrations }

    /// The migrator that brings any store up to this build's schema.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1_catalog", migrate: createCatalog)
        migrator.registerMigration("v1_catalog_fts", migrate: createCatalogFTS)
        migrator.registerMigration("v1_customers_orders", migrate: createCustomersOrders)
        migrator.registerMigration("v1_carts", migrate: createCarts)
        migrator.registerMigration("v1_conversations", migrate: createConversations)
        migrator.registerMigration("v1_events", migrate: createEvents)
        migrator.registerMigration(OrderSchema.migrationName, migrate: OrderSchema.createReturnsAndLookups)
        // Append new migrations here; never edit the ones above.
        RecommendationSchema.registerMigrations(&migrator)
        PersonalSchema.registerMigrations(&migrator)
        FeedbackSchema.registerMigrations(&migrator)
        return migrator
    }

    // MARK: - v1

    static func createCatalog(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE products (
                id INTEGER PRIMARY KEY,
                sku TEXT NOT NULL UNIQUE,
                handle TEXT,
                title TEXT NOT NULL,
                brand TEXT NOT NULL DEFAULT '',
                category TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT '',
                tags TEXT NOT NULL DEFAULT '',
                price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
                currency TEXT NOT NULL DEFAULT 'USD',
                rating REAL CHECK (rating IS NULL OR (rating >= 0 AND rating <= 5)),
                review_count INTEGER NOT NULL DEFAULT 0,
                stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
                popularity REAL NOT NULL DEFAULT 0,
                image_url TEXT,
                source TEXT NOT NULL DEFAULT 'demo',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX products_category ON products(category, price_cents);
            CREATE INDEX products_brand ON products(brand COLLATE NOCASE);
            CREATE INDEX products_handle ON products(handle);
            CREATE INDEX products_popularity ON products(popularity DESC);

            CREATE TABLE product_variants (
                id INTEGER PRIMARY KEY,
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                sku TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL DEFAULT '',
                size TEXT,
                color TEXT,
                material TEXT,
                price_cents INTEGER CHECK (price_cents IS NULL OR price_cents >= 0),
                stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0),
                options TEXT NOT NULL DEFAULT '{}',
                image_url TEXT
            );
            CREATE INDEX product_variants_product ON product_variants(product_id);
            CREATE INDEX product_variants_color ON product_variants(color COLLATE NOCASE);

            CREATE TABLE product_attributes (
                id INTEGER PRIMARY KEY,
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                value_text TEXT,
                value_number REAL,
                unit TEXT,
                better TEXT CHECK (better IS NULL OR better IN ('higher', 'lower')),
                UNIQUE (product_id, name)
            );
            CREATE INDEX product_attributes_name ON product_attributes(name, value_number);
            """)
    }

    /// The full-text index over products, as an external-content FTS5 table (the text
    /// lives once, in `products`), kept in sync by triggers. Bulk loads drop the triggers
    /// and rebuild the index once instead: see `ShopStore.bulkLoadCatalog`.
    static func createCatalogFTS(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE products_fts USING fts5(
                title, brand, category, description, tags,
                content='products', content_rowid='id',
                tokenize='porter unicode61 remove_diacritics 2'
            );
            CREATE VIRTUAL TABLE products_fts_vocab USING fts5vocab(products_fts, 'row');
            """)
        try createFTSTriggers(db)
    }

    /// The triggers that keep `products_fts` in step with `products`.
    static let ftsTriggerNames = ["products_fts_ai", "products_fts_ad", "products_fts_au"]

    static func createFTSTriggers(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER products_fts_ai AFTER INSERT ON products BEGIN
                INSERT INTO products_fts(rowid, title, brand, category, description, tags)
                VALUES (new.id, new.title, new.brand, new.category, new.description, new.tags);
            END;
            CREATE TRIGGER products_fts_ad AFTER DELETE ON products BEGIN
                INSERT INTO products_fts(products_fts, rowid, title, brand, category, description, tags)
                VALUES ('delete', old.id, old.title, old.brand, old.category, old.description, old.tags);
            END;
            CREATE TRIGGER products_fts_au AFTER UPDATE OF title, brand, category, description, tags ON products BEGIN
                INSERT INTO products_fts(products_fts, rowid, title, brand, category, description, tags)
                VALUES ('delete', old.id, old.title, old.brand, old.category, old.description, old.tags);
                INSERT INTO products_fts(rowid, title, brand, category, description, tags)
                VALUES (new.id, new.title, new.brand, new.category, new.description, new.tags);
            END;
            """)
    }

    static func dropFTSTriggers(_ db: Database) throws {
        for name in ftsTriggerNames { try db.execute(sql: "DROP TRIGGER IF EXISTS \(name)") }
    }

    static func createCustomersOrders(_ db: Database) throws {
        let statuses = OrderStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try db.execute(sql: """
            CREATE TABLE customers (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                postcode TEXT NOT NULL DEFAULT '',
                loyalty_tier TEXT NOT NULL DEFAULT 'none' CHECK (loyalty_tier IN ('none', 'bronze', 'silver', 'gold')),
                consent_personalization INTEGER NOT NULL DEFAULT 0,
                consent_personalization_at TEXT,
                consent_marketing INTEGER NOT NULL DEFAULT 0,
                consent_marketing_at TEXT,
                created_at TEXT NOT NULL,
                erased INTEGER NOT NULL DEFAULT 0,
                erased_at TEXT
            );

            CREATE TABLE orders (
                id INTEGER PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
                email TEXT NOT NULL COLLATE NOCASE,
                status TEXT NOT NULL CHECK (status IN (\(statuses))),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                subtotal_cents INTEGER NOT NULL DEFAULT 0,
                shipping_cents INTEGER NOT NULL DEFAULT 0,
                discount_cents INTEGER NOT NULL DEFAULT 0,
                total_cents INTEGER NOT NULL DEFAULT 0,
                currency TEXT NOT NULL DEFAULT 'USD',
                shipping_name TEXT NOT NULL DEFAULT '',
                shipping_postcode TEXT NOT NULL DEFAULT '',
                estimated_delivery TEXT
            );
            CREATE INDEX orders_customer ON orders(customer_id, created_at);
            CREATE INDEX orders_status ON orders(status);
            CREATE INDEX orders_email ON orders(email);

            CREATE TABLE order_lines (
                id INTEGER PRIMARY KEY,
                order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                product_id INTEGER REFERENCES products(id) ON DELETE SET NULL,
                variant_id INTEGER REFERENCES product_variants(id) ON DELETE SET NULL,
                sku TEXT NOT NULL,
                title TEXT NOT NULL,
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0)
            );
            CREATE INDEX order_lines_order ON order_lines(order_id);
            CREATE INDEX order_lines_product ON order_lines(product_id);

            CREATE TABLE shipments (
                id INTEGER PRIMARY KEY,
                order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                carrier TEXT NOT NULL,
                tracking_number TEXT NOT NULL,
                shipped_at TEXT,
                estimated_delivery TEXT,
                delivered_at TEXT
            );
            CREATE INDEX shipments_order ON shipments(order_id);
            CREATE INDEX shipments_tracking ON shipments(tracking_number);

            CREATE TABLE tracking_events (
                id INTEGER PRIMARY KEY,
                shipment_id INTEGER NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
                at TEXT NOT NULL,
                status TEXT NOT NULL,
                location TEXT NOT NULL DEFAULT '',
                description TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX tracking_events_shipment ON tracking_events(shipment_id, at);
            """)
    }

    static func createCarts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE carts (
                id INTEGER PRIMARY KEY,
                customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
                session_id TEXT,
                status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'checked_out', 'abandoned')),
                currency TEXT NOT NULL DEFAULT 'USD',
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX carts_customer ON carts(customer_id, status);
            CREATE INDEX carts_session ON carts(session_id, status);

            CREATE TABLE cart_lines (
                id INTEGER PRIMARY KEY,
                cart_id INTEGER NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
                product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                variant_id INTEGER REFERENCES product_variants(id) ON DELETE SET NULL,
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                added_at TEXT NOT NULL
            );
            CREATE INDEX cart_lines_cart ON cart_lines(cart_id);
            """)
    }

    static func createConversations(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY NOT NULL,
                customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
                state TEXT NOT NULL DEFAULT '{}',
                version INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX sessions_customer ON sessions(customer_id);

            CREATE TABLE turns (
                id INTEGER PRIMARY KEY,
                session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                turn_index INTEGER NOT NULL,
                user_text TEXT NOT NULL,
                reply TEXT NOT NULL DEFAULT '{}',
                parse TEXT NOT NULL DEFAULT '{}',
                at TEXT NOT NULL,
                UNIQUE (session_id, turn_index)
            );
            """)
    }

    static func createEvents(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE events (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                type TEXT NOT NULL,
                session_id TEXT,
                customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
                product_id INTEGER REFERENCES products(id) ON DELETE SET NULL,
                sku TEXT,
                channel TEXT NOT NULL DEFAULT '',
                variant TEXT,
                payload TEXT NOT NULL DEFAULT '{}'
            );
            CREATE INDEX events_customer ON events(customer_id, at);
            CREATE INDEX events_at ON events(at);
            CREATE INDEX events_type ON events(type, at);
            CREATE INDEX events_session ON events(session_id, at);
            CREATE INDEX events_product ON events(product_id, type);
            """)
    }
}
