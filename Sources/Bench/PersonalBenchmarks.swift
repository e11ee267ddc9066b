import Commerce
import Foundation
import GRDB

/// `bench personal`: data-rights export and erasure, promotion offers, delivery options and the
/// reminders-due scan, per customer, on a copy of the demo shop (erasure changes the copy only).
public struct PersonalBenchmark: Benchmark {
    public let name = "personal"
    public let purpose = "per customer on a copy of the demo shop: export as JSON, offers with why, delivery options, forget (one transaction); and one reminders-due scan"
    public init() {}

    public func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let (_, path) = try BenchStores.demoStore(options, defaultProducts: DemoShopOptions.defaultProducts, progress: progress)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shopassist-bench-personal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("shop.sqlite").path
        try ShopStore.open(at: path).database.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [copy])
        }
        let store = try ShopStore.open(at: copy)
        let ids = try store.database.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM customers WHERE erased = 0 ORDER BY id LIMIT ?", arguments: [options.requests ?? 100]) }
        guard !ids.isEmpty else { throw BenchError("the demo shop at \(path) has no customers; rebuild it with `shopassist demo --force`.") }
        let export = CustomerDataExport(store: store), promotions = PromotionService(store: store)
        let delivery = DeliveryService(store: store), erasure = CustomerErasure(store: store)
        var exportMs: [Double] = [], offersMs: [Double] = [], deliveryMs: [Double] = [], forgetMs: [Double] = [], bytes: [Double] = []
        for id in ids {
            exportMs.append(try Stopwatch.milliseconds { bytes.append(Double(try export.json(customerID: id).utf8.count)) })
            offersMs.append(try Stopwatch.milliseconds { _ = try promotions.offers(customerID: id) })
            deliveryMs.append(try Stopwatch.milliseconds { _ = try delivery.options(postcode: "SW1A 1AA", customerID: id) })
        }
        var dueMs: [Double] = []
        for _ in 0..<10 { dueMs.append(try Stopwatch.milliseconds { _ = try AbandonedCartService(store: store).due() }) }
        for id in ids { forgetMs.append(try Stopwatch.milliseconds { try erasure.forget(customerID: id) }) }
        let notes = ["store": path, "size": BenchStores.fileSizeMB(path), "customers": "\(ids.count)",
                     "median export": "\(Int(bytes.sorted()[bytes.count / 2])) bytes"]
        return [
            MeasurementSummary(name: "customer export (JSON)", unit: "ms", samples: exportMs, notes: notes),
            MeasurementSummary(name: "promotion offers", unit: "ms", samples: offersMs),
            MeasurementSummary(name: "delivery options", unit: "ms", samples: deliveryMs),
            MeasurementSummary(name: "reminders due (whole shop)", unit: "ms", samples: dueMs),
            MeasurementSummary(name: "forget (one transaction)", unit: "ms", samples: forgetMs),
        ]
    }
}
