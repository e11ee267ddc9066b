import Commerce
import Foundation
import GRDB

/// Writes a synthetic but plausible event log straight into a store, for benchmarks and
/// report demos: sessions that search, click, get recommendations, sometimes buy, fall back
/// or ask for a human. Variant "B" converts `lift` better than "A". Deterministic from `seed`.
public enum SyntheticEventLog {
    /// Appends about `events` events spread over `days` days ending at `end`; returns the count written.
    @discardableResult
    public static func fill(_ store: ShopStore, events: Int, seed: UInt64 = 1, days: Int = 30, end: Date = Date(timeIntervalSince1970: 1_795_564_800), lift: Double = 0.2) throws -> Int {
        var state = seed
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(UInt64(1) << 53)
        }
        let intents = ["track_order", "compare", "return_item", "product_search", "ask_delivery", "cancel_order"]
        let start = Int64(end.timeIntervalSince1970) - Int64(days) * 86_400
        var written = 0
        var session = 0
        try store.database.write { db in
            let statement = try db.makeStatement(sql: "INSERT INTO events (at, type, session_id, channel, variant, payload) VALUES (?, ?, ?, 'web', ?, ?)")
            func add(_ t: Int64, _ type: String, _ sid: String, _ variant: String, _ payload: String = "{}") throws {
                statement.setUncheckedArguments([StorageDate.sql(t), type, sid, variant, payload])
                try statement.execute()
                written += 1
            }
            while written < events {
                session += 1
                let sid = "syn-\(seed)-\(session)"
                let variant = Experiment.unitInterval("synthetic/\(sid)") < 0.5 ? "A" : "B"
                var t = start + Int64(next() * Double(days) * 86_400)
                for _ in 0..<(1 + Int(next() * 3)) {
                    try add(t, "searched", sid, variant)
                    for _ in 0..<5 { try add(t, "product_shown", sid, variant) }
                    if next() < 0.35 { try add(t + 20, "product_clicked", sid, variant) }
                    t += 60
                }
                if next() < 0.6 {
                    try add(t, "recommendation_shown", sid, variant)
                    if next() < 0.2 {
                        try add(t + 10, "product_clicked", sid, variant, #"{"source":"recommendation"}"#)
                        try add(t + 20, "recommendation_accepted", sid, variant)
                    }
                }
                if next() < 0.1 { try add(t, "fallback", sid, variant, "{\"intent\":\"\(intents[Int(next() * Double(intents.count)) % intents.count])\"}") }
                if next() < 0.02 { try add(t, "handoff", sid, variant) }
                if next() < (variant == "B" ? 0.08 * (1 + lift) : 0.08) {
                    try add(t + 30, "added_to_cart", sid, variant)
                    try add(t + 90, "purchased", sid, variant, "{\"amount_cents\":\(2_000 + Int(next() * 8_000))}")
                }
            }
        }
        return written
    }
}
