import Foundation
import GRDB
import Testing
@testable import Commerce

/// Collects errors from background work (tests must see them).
private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [any Error] = []
    func add(_ error: any Error) { lock.lock(); errors.append(error); lock.unlock() }
    var all: [any Error] { lock.lock(); defer { lock.unlock() }; return errors }
}

@Suite("Store sharing")
struct StoreConcurrencyTests {
    static func insertProducts(_ db: Database, from: Int, count: Int) throws {
        let now = DemoFixture.reference
        for i in from..<(from + count) {
            var product = Product(sku: "SKU-\(i)", title: "Widget \(i)", brand: "Acmeish", category: "Widgets", priceCents: 100 + i, createdAt: now)
            try product.insert(db)
        }
    }

    @Test("two pools on one file: one writes while the other reads, then sees the commit")
    func writerAndReader() throws {
        let path = DemoFixture.temporaryPath()
        defer { DemoFixture.remove(path) }
        let writerStore = try ShopStore.open(at: path)
        let readerStore = try ShopStore.open(at: path)
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        let errors = ErrorBox()
        DispatchQueue.global().async {
            do {
                try writerStore.database.write { db in
                    try Self.insertProducts(db, from: 0, count: 200)
                    started.signal()
                    release.wait()
                    try Self.insertProducts(db, from: 200, count: 200)
                }
            } catch { errors.add(error) }
            finished.signal()
        }
        started.wait()
        // While the import-like transaction is open, the reader works and sees the old state.
        for _ in 0..<5 {
            #expect(try readerStore.database.read { db in try Product.fetchCount(db) } == 0)
            #expect(try readerStore.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products_fts WHERE products_fts MATCH 'widget'") } == 0)
        }
        // A second writer waits for the lock (busy timeout) instead of failing.
        let secondDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            do { try readerStore.database.write { db in try Self.insertProducts(db, from: 1_000, count: 1) } } catch { errors.add(error) }
            secondDone.signal()
        }
        Thread.sleep(forTimeInterval: 0.2)
        release.signal()
        finished.wait()
        secondDone.wait()
        #expect(errors.all.isEmpty, "\(errors.all)")
        #expect(try readerStore.database.read { db in try Product.fetchCount(db) } == 401)
        #expect(try readerStore.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products_fts WHERE products_fts MATCH 'widget'") } == 401)
    }

    @Test("a bulk catalog load rebuilds the full-text index and restores the triggers")
    func bulkLoad() throws {
        let store = try ShopStore.temporary()
        defer { DemoFixture.remove(store.path) }
        try store.bulkLoadCatalog { db in try Self.insertProducts(db, from: 0, count: 50) }
        let (hits, triggers) = try store.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products_fts WHERE products_fts MATCH 'widget'"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'products_fts_%'"))
        }
        #expect(hits == 50)
        #expect(triggers == 3)
        // Triggers are live again: a normal insert is indexed at once.
        try store.database.write { db in try Self.insertProducts(db, from: 50, count: 1) }
        #expect(try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products_fts WHERE products_fts MATCH 'widget'") } == 51)
    }

    @Test("a failed bulk load leaves the catalog and its triggers as they were")
    func bulkLoadRollsBack() throws {
        let store = try ShopStore.temporary()
        defer { DemoFixture.remove(store.path) }
        #expect(throws: DatabaseError.self) {
            try store.bulkLoadCatalog { db in
                try Self.insertProducts(db, from: 0, count: 10)
                try Self.insertProducts(db, from: 0, count: 1) // duplicate SKU
            }
        }
        let (count, triggers) = try store.database.read { db in
            (try Product.fetchCount(db), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'products_fts_%'"))
        }
        #expect(count == 0)
        #expect(triggers == 3)
    }

    @Test("opening a store creates its folders")
    func createsFolders() throws {
        let path = DemoFixture.temporaryPath("nested/deeper/shop.sqlite")
        defer { DemoFixture.remove(path) }
        _ = try ShopStore.open(at: path)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("a file that is not a database gets an error naming it")
    func notADatabase() throws {
        let path = DemoFixture.temporaryPath("garbage.sqlite")
        defer { DemoFixture.remove(path) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ShopStore.open(at: path)
            Issue.record("opened a garbage file")
        } catch let error as StoreError {
            #expect(error.description.contains(path))
        }
    }
}
