import Foundation
import GRDB

/// The demo promotions every store starts with (migration `personal_v1_demo_promotions`).
///
/// Why a migration: promotions do not depend on the generated customers or products (they scope
/// by category and brand names the demo catalog uses), so a new store — demo or imported — has a
/// few to show; a shop removes them with `DELETE FROM promotions`. They run from 2026-01-01 to
/// 2029-12-31 (fixed dates, so a demo shop stays reproducible byte for byte).
enum PromotionSeed {
    static func seedDemoPromotions(_ db: Database) throws {
        // Fixed dates, not the clock: the same demo seed must give a byte-identical store.
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00 UTC
        let end = Date(timeIntervalSince1970: 1_893_455_999)    // 2029-12-31 23:59:59 UTC
        let rows: [(String, String, Int, String, String, Int, String, String?)] = [
            ("15% off running shoes", "percent", 15, "category", "Running Shoes", 0, "none", "RUN15"),
            ("$20 off laptops over $500", "amount", 20_00, "category", "Laptops", 500_00, "none", "LAPTOP20"),
            ("10% off everything for gold members", "percent", 10, "all", "", 0, "gold", nil),
            ("5% off headphones for silver members and up", "percent", 5, "category", "Headphones", 0, "silver", nil),
        ]
        for r in rows {
            try db.execute(sql: """
                INSERT INTO promotions (title, kind, value, scope, scope_value, min_basket_cents, min_tier, starts_at, ends_at, public_code)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [r.0, r.1, r.2, r.3, r.4, r.5, r.6, start, end, r.7])
        }
    }
}
