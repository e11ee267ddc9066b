import GRDB

/// The recommendation service's own tables: statistics learned from orders by `RecommendationStatistics.rebuild`.
///
/// Registered in `ShopSchema.migrator` by one line; like every migration it is never edited once shipped.
/// No foreign keys: the statistics are a cache of the orders, and rows of deleted products are skipped on load.
public enum RecommendationSchema {
    /// Adds this service's migrations to the shop's migrator.
    public static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("recsys_v1_statistics", migrate: createStatistics)
    }

    static func createStatistics(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE rec_neighbours (
                product_id INTEGER NOT NULL,
                neighbour_id INTEGER NOT NULL,
                score REAL NOT NULL,
                PRIMARY KEY (product_id, neighbour_id)
            ) WITHOUT ROWID;

            CREATE TABLE rec_product_stats (
                product_id INTEGER PRIMARY KEY,
                buyers INTEGER NOT NULL,
                recent_buyers INTEGER NOT NULL
            );

            CREATE TABLE rec_segment_popularity (
                segment TEXT NOT NULL,
                product_id INTEGER NOT NULL,
                buyers INTEGER NOT NULL,
                PRIMARY KEY (segment, product_id)
            ) WITHOUT ROWID;

            CREATE TABLE rec_category_stats (
                category TEXT PRIMARY KEY NOT NULL,
                repeat_rate REAL NOT NULL,
                consumable INTEGER NOT NULL
            );

            CREATE TABLE rec_builds (
                id INTEGER PRIMARY KEY,
                built_at TEXT NOT NULL,
                orders INTEGER NOT NULL,
                customers INTEGER NOT NULL,
                products INTEGER NOT NULL,
                seconds REAL NOT NULL
            );
            """)
    }
}
