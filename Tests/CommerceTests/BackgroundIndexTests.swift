import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("Start-up: indexes built in the background")
struct BackgroundIndexTests {
    struct Failure: Error, Equatable {}

    @Test("a background value is computed once; every reader waits for it and gets it")
    func waitsForTheValue() throws {
        let runs = BackgroundCounter()
        let value = BackgroundValue(name: "test") { () -> Int in
            usleep(50_000)
            runs.increment()
            return 42
        }
        let readers = 4
        let results = BackgroundCounter()
        DispatchQueue.concurrentPerform(iterations: readers) { _ in
            if (try? value.value) == 42 { results.increment() }
        }
        #expect(results.count == readers)
        #expect(value.isReady)
        #expect(try value.value == 42)
        #expect(runs.count == 1)
        #expect(try BackgroundValue(value: "ready").value == "ready")
    }

    @Test("an error of the work is thrown to every reader")
    func errorsReachEveryReader() throws {
        let value = BackgroundValue<Int>(name: "test") { throw Failure() }
        #expect(throws: Failure.self) { try value.value }
        #expect(throws: Failure.self) { try value.value }
    }

    @Test("the search index is read from the store as it was when building started, not after", arguments: [false, true])
    func snapshotAtStart(fileStore: Bool) throws {
        let store = fileStore ? try ShopStore.temporary(prefix: "background-index") : try ShopStore.inMemory()
        defer { if let path = store.path { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) } }
        try ServiceFixture.populate(store)
        let pending = SearchService.building(store)
        let recommendations = RecommendationService.loading(store)
        // Written after the build started: the index must not see it (as when it was built in place).
        try store.database.write { db in
            try db.execute(sql: "UPDATE products SET title = 'Renamed Lamp' WHERE sku = 'LS-1'")
        }
        let search = try pending.value
        #expect(search.index.count == ServiceFixture.items.count)
        #expect(try search.search(SearchRequest(text: "lamp")).hits.map(\.title) == ["Last Unit Lamp"])
        #expect(try recommendations.value.index.productCount == ServiceFixture.items.count)
        // Built in place now, it sees the change.
        #expect(try SearchService(store: store).search(SearchRequest(text: "renamed")).total == 1)
    }

    @Test("a build held at a gate waits for it, then reads the snapshot taken before")
    func heldAtGate() throws {
        let store = try ShopStore.temporary(prefix: "background-gate")
        defer { if let path = store.path { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) } }
        try ServiceFixture.populate(store)
        let gate = BackgroundGate()
        let pending = SearchService.building(store, after: { gate.wait() })
        try store.database.write { db in
            try db.execute(sql: "UPDATE products SET title = 'Renamed Lamp' WHERE sku = 'LS-1'")
        }
        usleep(100_000)
        #expect(!pending.isReady)
        gate.open()
        gate.open()
        #expect(try pending.value.search(SearchRequest(text: "lamp")).hits.map(\.title) == ["Last Unit Lamp"])
        gate.wait() // an open gate lets every later waiter through
    }

    @Test("the background index answers like one built in place")
    func sameAnswers() throws {
        let store = try ShopStore.inMemory()
        try ServiceFixture.populate(store)
        let background = try SearchService.building(store).value
        let inPlace = try SearchService(store: store)
        for text in ["waterproof", "running shoe", "headphones", "lamp", "wireless black"] {
            let a = try background.search(SearchRequest(text: text)), b = try inPlace.search(SearchRequest(text: text))
            #expect(a.hits.map(\.productID) == b.hits.map(\.productID))
            #expect(a.total == b.total)
        }
    }
}

/// A thread-safe counter for the tests above.
final class BackgroundCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func increment() { lock.lock(); n += 1; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return n }
}
