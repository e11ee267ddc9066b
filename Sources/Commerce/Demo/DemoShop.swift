import Foundation
import GRDB

/// What the demo shop generator is asked for.
///
/// The same options (seed, sizes and `referenceDate`) always give byte-identical content.
/// `referenceDate` is the shop's "now": order ages, shipment scans and estimates are
/// relative to it; it defaults to today at midnight UTC, tests pass a fixed one.
public struct DemoShopOptions: Sendable, Hashable {
    /// The seed of the first-run shop.
    public static let defaultSeed: UInt64 = 42
    public static let defaultProducts = 5_000

    public var seed: UInt64
    public var products: Int
    public var customers: Int
    public var orders: Int
    public var referenceDate: Date

    public init(
        seed: UInt64 = DemoShopOptions.defaultSeed, products: Int = DemoShopOptions.defaultProducts,
        customers: Int = 200, orders: Int = 2_000, referenceDate: Date = DemoShopOptions.todayMidnightUTC()
    ) {
        self.seed = seed
        self.products = products
        self.customers = customers
        self.orders = orders
        self.referenceDate = referenceDate
    }

    /// Midnight UTC of the current day.
    public static func todayMidnightUTC() -> Date { StorageDate.midnightUTC(Date()) }
}

/// Progress of a demo build: which phase, how far, out of how much.
public struct DemoProgress: Sendable, Hashable {
    public enum Phase: String, Sendable { case products, orders, index }
    public var phase: Phase
    public var done: Int
    public var total: Int
}

/// What a demo build made.
public struct DemoShopSummary: Sendable, Hashable {
    public var products: Int
    public var customers: Int
    public var orders: Int
    public var seconds: Double
}

/// The deterministic demo shop: an invented catalog with customers, orders, shipments and events.
///
/// ```swift
/// let store = try ShopStore.inMemory()
/// try DemoShop.fill(store, options: DemoShopOptions(seed: 7, products: 300, referenceDate: fixedDate))
/// ```
/// or, for a file built atomically (the finished file replaces the old one):
/// ```swift
/// try DemoShop.build(at: "/tmp/shop.sqlite", options: DemoShopOptions(products: 1_000_000), replace: true)
/// ```
public enum DemoShop {
    /// Fills an empty, migrated store in one transaction (FTS rebuilt once at the end).
    @discardableResult
    public static func fill(_ store: ShopStore, options: DemoShopOptions, progress: @escaping @Sendable (DemoProgress) -> Void = { _ in }) throws -> DemoShopSummary {
        let start = DispatchTime.now().uptimeNanoseconds
        var summary = try store.bulkLoadCatalog { db -> DemoShopSummary in
            let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") ?? 0
            guard existing == 0 else { throw DemoShopError.storeNotEmpty(path: store.path ?? ":memory:", products: existing) }
            return try populate(db, options: options, progress: progress)
        }
        progress(DemoProgress(phase: .index, done: 1, total: 1))
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return summary
    }

    /// Builds a demo shop in a new file next to `path`, then moves it into place.
    ///
    /// Why a side file: a reader never sees a half-built shop, an interrupted build leaves
    /// the old store untouched, and the build can skip the WAL (it is switched on at the end).
    @discardableResult
    public static func build(at path: String, options: DemoShopOptions, replace: Bool = false, progress: @escaping @Sendable (DemoProgress) -> Void = { _ in }) throws -> DemoShopSummary {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) && !replace { throw StoreError.alreadyExists(path: path) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw StoreError.cannotCreateFolder(path: folder.path, reason: error.localizedDescription)
        }
        let building = path + ".building-\(ProcessInfo.processInfo.processIdentifier)"
        for suffix in ["", "-journal", "-wal", "-shm"] { try? fm.removeItem(atPath: building + suffix) }
        var summary: DemoShopSummary
        do {
            var config = ShopStore.configuration()
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY")
            }
            let queue = try DatabaseQueue(path: building, configuration: config)
            let store = try ShopStore(database: queue, path: building)
            summary = try fill(store, options: options, progress: progress)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA optimize")
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try queue.close()
        } catch {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? fm.removeItem(atPath: building + suffix) }
            throw error
        }
        // Stale WAL files of an old store would be replayed into the new one: remove them first.
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
        if replace {
            if rename(building, path) != 0 {
                throw StoreError.cannotOpen(path: path, reason: "cannot move the built shop into place: \(String(cString: strerror(errno)))")
            }
        } else {
            // link() refuses to replace a store another process made meanwhile.
            let linked = link(building, path) == 0
            let failure = errno
            unlink(building)
            if !linked {
                if failure == EEXIST { throw StoreError.alreadyExists(path: path) }
                throw StoreError.cannotOpen(path: path, reason: "cannot move the built shop into place: \(String(cString: strerror(failure)))")
            }
        }
        for suffix in ["-wal", "-shm"] { try? fm.removeItem(atPath: building + suffix) }
        return summary
    }

    /// Writes the demo shop into `db` (inside the caller's transaction). The products table
    /// must be empty; ids are assigned from 1 so that the same options give the same rows.
    public static func populate(_ db: Database, options: DemoShopOptions, progress: @escaping @Sendable (DemoProgress) -> Void = { _ in }) throws -> DemoShopSummary {
        let reference = Int64(options.referenceDate.timeIntervalSince1970.rounded(.down))
        let catalog = DemoCatalogGenerator(options: options, reference: reference)
        let pools = try catalog.write(db) { progress(DemoProgress(phase: .products, done: $0, total: options.products)) }
        let orders = DemoOrdersGenerator(options: options, reference: reference, pools: pools)
        let made = try orders.write(db) { progress(DemoProgress(phase: .orders, done: $0, total: options.orders)) }
        progress(DemoProgress(phase: .index, done: 0, total: 1))
        return DemoShopSummary(products: options.products, customers: made.customers, orders: made.orders, seconds: 0)
    }
}

/// Errors of the demo generator.
public enum DemoShopError: Error, CustomStringConvertible, Equatable {
    case storeNotEmpty(path: String, products: Int)

    public var description: String {
        switch self {
        case let .storeNotEmpty(path, products):
            return "the store \(path) already holds \(products) products; a demo shop is built into an empty store. Use `shopassist demo --force --store \(path)` to replace it, or another --store PATH."
        }
    }
}

extension ShopStore {
    /// Opens the store at `path`; when there is none yet, first builds the default demo shop there.
    ///
    /// This is what `shopassist` does on first run, so a new user can chat at once.
    /// A store that exists is opened as it is (never regenerated).
    public static func openOrCreateDemo(at path: String, options: DemoShopOptions = DemoShopOptions(), progress: @escaping @Sendable (DemoProgress) -> Void = { _ in }) throws -> ShopStore {
        if !FileManager.default.fileExists(atPath: path) {
            do {
                try DemoShop.build(at: path, options: options, replace: false, progress: progress)
            } catch StoreError.alreadyExists {
                // Another process built it first: use theirs.
            }
        }
        return try open(at: path)
    }
}
