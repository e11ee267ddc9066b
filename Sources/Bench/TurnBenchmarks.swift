import Commerce
import Dialogue
import Foundation
import GRDB
import NLU

/// `shopassist bench turn`: per-turn latency of `Assistant.respond` (NLU + policy +
/// services + saving the session) replaying the scripted conversations of the dialogue
/// tests on a 100,000-product demo shop; then the same replay with 10,000 other sessions
/// live in the session cache, to check that holding them does not slow a turn down.
struct TurnBenchmark: Benchmark {
    let name = "turn"
    let purpose = "Assistant.respond per turn, scripted conversations, 100k-product demo shop; then with 10,000 live sessions"

    /// The conversations of the dialogue tests, as a shopper types them.
    static let scripts: [[String]] = [
        ["show me headphones", "cheaper", "in blue", "only sony", "show more"],
        ["show me running shoes", "compare the first two", "tell me about the second one", "add the cheaper one to my cart", "checkout", "yes", "where is my new order?"],
        ["where is my order", "do you have running shoes?", "A10047", "guest1@example.net"],
        ["red running shoes size 10", "no, I meant size 9", "without the red ones", "the last two"],
        ["show me tents", "asdf qwerty", "zxcv blorp", "I want to talk to a human"],
        ["hi", "recommend me a backpack", "compare the first two", "add both to my cart", "show my cart", "remove the first one", "thanks", "bye"],
    ]

    /// Deletes the sessions whose id starts with `prefix`, their turns and their events, in one
    /// transaction; returns how many sessions went. Range conditions, not `LIKE`, so the
    /// indexes on the session ids are used.
    static func removeSessions(prefix: String, store: ShopStore) throws -> Int {
        let end = String(prefix.dropLast()) + String(UnicodeScalar(prefix.unicodeScalars.last!.value + 1)!)
        return try store.database.write { db in
            try db.execute(sql: "DELETE FROM events WHERE session_id >= ? AND session_id < ?", arguments: [prefix, end])
            try db.execute(sql: "DELETE FROM turns WHERE session_id >= ? AND session_id < ?", arguments: [prefix, end])
            try db.execute(sql: "DELETE FROM sessions WHERE id >= ? AND id < ?", arguments: [prefix, end])
            return db.changesCount
        }
    }

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let products = options.products ?? 100_000
        let path = try options.demoShop(for: "turn", products: products, progress: progress)
        let loadStart = DispatchTime.now().uptimeNanoseconds
        let assistant = try Assistant.open(AssistantConfiguration(storePath: path)) { message in
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        progress(String(format: "assistant ready in %.0f ms", Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e6))

        let rounds = max(1, (options.requests ?? 3_000) / Self.scripts.reduce(0) { $0 + $1.count })
        let run = UUID().uuidString.prefix(8)
        var byLine: [String: [Double]] = [:]
        func replay(_ label: String) throws -> (first: [Double], rest: [Double]) {
            var first: [Double] = [], rest: [Double] = []
            for round in 0..<rounds {
                for (i, script) in Self.scripts.enumerated() {
                    let session = "bench-\(run)-\(label)-\(round)-\(i)"
                    let customer: String? = i == 1 ? "1" : nil
                    for (t, line) in script.enumerated() {
                        let ms = try Stopwatch.milliseconds { _ = try assistant.respond(to: line, session: session, customer: customer) }
                        if t == 0 { first.append(ms) } else { rest.append(ms) }
                        byLine[line, default: []].append(ms)
                    }
                }
            }
            return (first, rest)
        }
        // Warm-up: the first turn of the process pays for lazy initialisation.
        let warm = try Stopwatch.milliseconds { _ = try assistant.respond(to: "hi", session: "bench-\(run)-warmup") }
        progress(String(format: "first turn of the process: %.2f ms", warm))
        // The search and recommendation indexes are built in the background from start-up;
        // wait for both here so that no timed turn includes building them.
        let ready = try Stopwatch.milliseconds {
            _ = try assistant.respond(to: "show me tents", session: "bench-\(run)-warmup")
            _ = try assistant.respond(to: "recommend me a backpack", session: "bench-\(run)-warmup")
        }
        progress(String(format: "indexes ready %.0f ms later", ready))

        let base = try replay("base")
        // Which lines cost most: a guide for where to look, on stderr.
        let slowest = byLine.map { ($0.key, MeasurementSummary(name: $0.key, unit: "ms", samples: $0.value)) }.sorted { $0.1.median > $1.1.median }
        for (line, s) in slowest.prefix(12) { progress(line.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: " median %6.3f ms  p99 %6.3f ms", s.median, s.p99)) }
        progress("filling the session cache with 10,000 live sessions…")
        for s in 0..<10_000 { _ = try assistant.respond(to: s % 2 == 0 ? "hi" : "show me tents", session: "bench-\(run)-crowd-\(s)") }
        let crowded = try replay("crowded")
        // This run's sessions (11,117 in a default run), their turns and their events go again, so that
        // repeated runs do not grow the store (orders and carts of the checkout script stay).
        let removed = try Self.removeSessions(prefix: "bench-\(run)-", store: ShopStore.open(at: path))
        progress("removed this run's \(removed) sessions, with their turns and events")
        let ratio = MeasurementSummary.percentile(crowded.rest.sorted(), 0.5) / max(1e-9, MeasurementSummary.percentile(base.rest.sorted(), 0.5))
        let notes = ["products": String(products), "store": path, "conversations": String(rounds * Self.scripts.count)]
        return [
            MeasurementSummary(name: "turn (later turns)", unit: "ms", samples: base.rest, notes: notes),
            MeasurementSummary(name: "turn (first of a session)", unit: "ms", samples: base.first, notes: notes),
            MeasurementSummary(name: "turn, 10k live sessions", unit: "ms", samples: crowded.rest,
                               notes: notes.merging(["cached_sessions": String(assistant.cache.count), "median_ratio_vs_base": String(format: "%.3f", ratio)]) { $1 }),
        ]
    }
}
