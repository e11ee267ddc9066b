import Commerce
import Foundation
import GRDB
import Testing
@testable import Insights

@Suite("KPI report")
struct KPIReportTests {
    /// A hand-made log: three sessions under A, one under B, one outside experiments.
    static func store() throws -> ShopStore {
        let store = try ShopStore.inMemory()
        try store.database.write { db in
            let now = Date(timeIntervalSince1970: 1_790_000_000)
            var customer = Customer(name: "Ann", email: "ann@example.com", createdAt: now)
            try customer.insert(db)
            var order = Order(number: "A10001", customerId: customer.id, email: "ann@example.com", status: .placed, createdAt: now, totalCents: 5_000)
            try order.insert(db)
            var order2 = Order(number: "A10002", customerId: customer.id, email: "ann@example.com", status: .placed, createdAt: now, totalCents: 3_000)
            try order2.insert(db)
            func e(_ day: String, _ type: String, _ session: String, _ variant: String?, _ payload: String = "{}") throws {
                try db.execute(sql: "INSERT INTO events (at, type, session_id, channel, variant, payload) VALUES (?, ?, ?, 'web', ?, ?)",
                               arguments: ["\(day) 10:00:00.000", type, session, variant, payload])
            }
            // s1 (A, day 1): 4 results shown, 2 clicked, 1 rec shown + clicked + accepted, bought order A10001 (2 lines).
            for _ in 0..<4 { try e("2026-10-01", "product_shown", "s1", "A") }
            try e("2026-10-01", "product_clicked", "s1", "A")
            try e("2026-10-01", "product_clicked", "s1", "A")
            try e("2026-10-01", "recommendation_shown", "s1", "A")
            try e("2026-10-01", "product_clicked", "s1", "A", #"{"source":"recommendation"}"#)
            try e("2026-10-01", "recommendation_accepted", "s1", "A")
            try e("2026-10-01", "purchased", "s1", "A", #"{"order":"A10001"}"#)
            try e("2026-10-01", "purchased", "s1", "A", #"{"order":"A10001"}"#)
            // s2 (A, day 1): 2 shown, none clicked, a fallback on track_order, a handoff.
            try e("2026-10-01", "product_shown", "s2", "A")
            try e("2026-10-01", "product_shown", "s2", "A")
            try e("2026-10-01", "fallback", "s2", "A", #"{"intent":"track_order"}"#)
            try e("2026-10-01", "handoff", "s2", "A")
            // s3 (A, day 2): 2 recommendations shown, none taken; two fallbacks.
            try e("2026-10-02", "recommendation_shown", "s3", "A")
            try e("2026-10-02", "recommendation_shown", "s3", "A")
            try e("2026-10-02", "fallback", "s3", "A", #"{"intent":"track_order"}"#)
            try e("2026-10-02", "fallback", "s3", "A", #"{"intent":"compare"}"#)
            // s4 (B, day 2): bought A10002 and a 20.00 amount-only purchase.
            try e("2026-10-02", "product_shown", "s4", "B")
            try e("2026-10-02", "product_clicked", "s4", "B")
            try e("2026-10-02", "purchased", "s4", "B", #"{"order":"A10002"}"#)
            try e("2026-10-02", "purchased", "s4", "B", #"{"amount_cents":2000}"#)
            // s5 (no variant, day 3): browsed only.
            try e("2026-10-03", "product_shown", "s5", nil)
        }
        return store
    }

    @Test("KPI arithmetic on a hand-made event log")
    func arithmetic() throws {
        let r = try KPIReport.build(store: try Self.store())
        let k = r.overall
        #expect(k.sessions == 5)
        #expect(k.searchCTR == 3.0 / 8.0)           // 3 search clicks over 8 results shown
        #expect(k.recommendationCTR == 1.0 / 3.0)   // 1 rec click over 3 shown
        #expect(k.recommendationAcceptance == 1.0 / 3.0)
        #expect(k.conversion == 2.0 / 5.0)
        #expect(k.revenue == 100)                   // 50 + 30 + 20, each order once
        #expect(k.averageOrderValue == 100.0 / 3.0)
        #expect(k.revenuePerSession == 20)
        #expect(k.fallbackRate == 2.0 / 5.0)
        #expect(k.handoffRate == 1.0 / 5.0)
        #expect(r.misunderstoodIntents == [MisunderstoodIntent(intent: "track_order", count: 2), MisunderstoodIntent(intent: "compare", count: 1)])
    }

    @Test("per variant and per day groups add up the right sessions")
    func groups() throws {
        let r = try KPIReport.build(store: try Self.store())
        #expect(r.variants.map(\.key) == ["(none)", "A", "B"])
        #expect(r.variants.map(\.kpis.sessions) == [1, 3, 1])
        #expect(r.variants[1].kpis.conversion == 1.0 / 3.0)
        #expect(r.variants[2].kpis.revenue == 50)
        #expect(r.days.map(\.key) == ["2026-10-01", "2026-10-02", "2026-10-03"])
        #expect(r.days.map(\.kpis.sessions) == [2, 2, 1])
    }

    @Test("--since and --until keep whole days")
    func range() throws {
        let r = try KPIReport.build(store: try Self.store(), since: "2026-10-02", until: "2026-10-02")
        #expect(r.overall.sessions == 2)
        #expect(r.days.map(\.key) == ["2026-10-02"])
    }

    @Test("an experiment is judged per variant on its metric within its dates")
    func experiment() throws {
        let e = Experiment(name: "rec", start: "2026-10-01", end: "2026-10-02", variants: [.init(name: "A", weight: 1), .init(name: "B", weight: 1)])
        let r = try KPIReport.build(store: try Self.store(), experiments: [e])
        let result = try #require(r.experiments.first)
        #expect(result.variants.map(\.units) == [3, 1])
        #expect(result.variants.map(\.successes) == [1, 1])
        #expect(result.verdict.hasPrefix("no difference yet"))
    }

    @Test("text is an aligned table; HTML is one page with inline SVG and no script")
    func rendering() throws {
        let r = try KPIReport.build(store: try Self.store())
        let lines = r.text().split(separator: "\n")
        let header = try #require(lines.dropFirst().first)
        let all = try #require(lines.first { $0.hasPrefix("all") })
        #expect(header.count == all.count)
        let html = r.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        #expect(html.contains("<polyline"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://") == false)
    }
}

@Suite("Synthetic event log")
struct SyntheticEventLogTests {
    @Test("the report finds the lift planted in variant B, and none when nothing is planted", arguments: [(0.5, true), (0.0, false)])
    func planted(lift: Double, detected: Bool) throws {
        let store = try ShopStore.inMemory()
        let written = try SyntheticEventLog.fill(store, events: 60_000, seed: 5, lift: lift)
        #expect(written >= 60_000)
        let e = Experiment(name: "synthetic", start: "2000-01-01", variants: [.init(name: "A", weight: 1), .init(name: "B", weight: 1)])
        let r = try KPIReport.build(store: store, experiments: [e])
        let result = try #require(r.experiments.first)
        #expect(result.significant == detected, "\(result.verdict)")
        if detected { #expect(result.verdict.hasPrefix("B converts")) }
    }
}
