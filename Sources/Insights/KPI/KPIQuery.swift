import Commerce
import Foundation
import GRDB

/// The counts of one (variant, day) cell, as aggregated by SQL.
public struct KPICell: Sendable, Hashable {
    /// The experiment variant the session ran under ("" outside experiments).
    public var variant: String
    /// `YYYY-MM-DD` of the session's first event.
    public var day: String
    public var counts: KPICounts
}

/// An intent the assistant fell back on, with how often.
public struct MisunderstoodIntent: Sendable, Hashable, Codable {
    public var intent: String
    public var count: Int
}

/// Aggregates the `events` table in SQL: one pass groups events into sessions, a second
/// groups sessions into (variant, day) cells; everything else adds cells up in Swift.
///
/// Why in SQL: a million events stay in SQLite's pages, never become Swift values.
public enum KPIQuery {
    /// Cells for sessions whose events fall in `[since, until)` (`YYYY-MM-DD` strings, either nil).
    public static func cells(_ db: Database, since: String?, until: String?) throws -> [KPICell] {
        let (whereSQL, arguments) = range(since: since, until: until)
        let sql = """
            WITH s AS (
                SELECT session_id AS sid,
                       COALESCE(MAX(variant), '') AS variant,
                       substr(MIN(at), 1, 10) AS day,
                       SUM(type = 'product_shown') AS shown,
                       SUM(CASE WHEN type = 'product_clicked' THEN COALESCE(json_extract(payload, '$.source'), '') <> 'recommendation' ELSE 0 END) AS search_clicks,
                       SUM(CASE WHEN type = 'product_clicked' THEN COALESCE(json_extract(payload, '$.source'), '') = 'recommendation' ELSE 0 END) AS rec_clicks,
                       SUM(type = 'recommendation_shown') AS rec_shown,
                       SUM(type = 'recommendation_accepted') AS rec_accepted,
                       MAX(type = 'purchased') AS bought,
                       SUM(type = 'fallback') AS fallbacks,
                       MAX(type = 'handoff') AS handoff
                FROM events
                WHERE session_id IS NOT NULL\(whereSQL)
                GROUP BY session_id
            ),
            p AS (
                SELECT sid, COUNT(*) AS orders, SUM(cents) AS cents FROM (
                    SELECT e.session_id AS sid, json_extract(e.payload, '$.order') AS num,
                           MAX(COALESCE(o.total_cents, json_extract(e.payload, '$.amount_cents'), 0)) AS cents
                    FROM events e
                    LEFT JOIN orders o ON o.number = json_extract(e.payload, '$.order')
                    WHERE e.type = 'purchased' AND e.session_id IS NOT NULL\(whereSQL.replacingOccurrences(of: "at ", with: "e.at "))
                    GROUP BY e.session_id, COALESCE(num, e.id)
                ) GROUP BY sid
            )
            SELECT s.variant, s.day, COUNT(*) AS sessions, SUM(shown), SUM(search_clicks), SUM(rec_shown), SUM(rec_clicks),
                   SUM(rec_accepted), SUM(bought), COALESCE(SUM(p.orders), 0), COALESCE(SUM(p.cents), 0),
                   SUM(fallbacks > 0), SUM(fallbacks), SUM(handoff), SUM(rec_shown > 0), SUM(rec_shown > 0 AND rec_clicks > 0)
            FROM s LEFT JOIN p ON p.sid = s.sid
            GROUP BY s.variant, s.day
            ORDER BY s.day, s.variant
            """
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments + arguments)).map { row in
            var c = KPICounts()
            c.sessions = row[2]; c.productsShown = row[3]; c.searchClicks = row[4]; c.recommendationsShown = row[5]
            c.recommendationClicks = row[6]; c.recommendationsAccepted = row[7]; c.purchasingSessions = row[8]
            c.orders = row[9]; c.revenueCents = row[10]; c.fallbackSessions = row[11]; c.fallbacks = row[12]
            c.handoffSessions = row[13]; c.recommendationSessions = row[14]; c.recommendationClickSessions = row[15]
            return KPICell(variant: row[0], day: row[1], counts: c)
        }
    }

    /// The intents behind fallbacks, most frequent first.
    public static func misunderstood(_ db: Database, since: String?, until: String?, limit: Int = 5) throws -> [MisunderstoodIntent] {
        let (whereSQL, arguments) = range(since: since, until: until)
        return try Row.fetchAll(db, sql: """
            SELECT COALESCE(json_extract(payload, '$.intent'), '(none)') AS intent, COUNT(*) AS n
            FROM events WHERE type = 'fallback'\(whereSQL)
            GROUP BY 1 ORDER BY n DESC, intent LIMIT ?
            """, arguments: StatementArguments(arguments + [limit])).map { MisunderstoodIntent(intent: $0[0], count: $0[1]) }
    }

    static func range(since: String?, until: String?) -> (String, [(any DatabaseValueConvertible)?]) {
        var sql = ""
        var args: [(any DatabaseValueConvertible)?] = []
        if let since { sql += " AND at >= ?"; args.append(since) }
        if let until { sql += " AND at < ?"; args.append(nextDay(until)) }
        return (sql, args)
    }

    /// The day after a `YYYY-MM-DD` day, so `--until` includes the whole day.
    static func nextDay(_ day: String) -> String {
        guard let t = RetailLog.parseDate(day + " 00:00") else { return day }
        return StorageDate.dayString(t + 86_400)
    }
}
