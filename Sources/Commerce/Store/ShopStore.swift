import Foundation
import GRDB

/// The shop's SQLite store: one `DatabasePool` (WAL) with the schema migrated.
///
/// Why a pool: readers (the assistant answering) never wait for a writer (an import, a
/// demo build), and two processes can share one file — WAL plus a busy timeout makes a
/// second writer wait instead of failing with `SQLITE_BUSY`.
///
/// ```swift
/// let store = try ShopStore.open(at: StoreLocation.resolve(explicit: nil))
/// let n = try store.database.read { db in try Product.fetchCount(db) }
/// ```
public struct ShopStore: Sendable {
    /// Reads go through `database.read {}`, writes through `database.write {}`.
    public let database: any DatabaseWriter
    /// The file path, nil for an in-memory store.
    public let path: String?
    /// The background WAL checkpointer of a store opened with `open(at:)` (owned by the pool's configuration).
    weak var checkpointer: WALCheckpointer?

    /// The WAL size (pages) at which the writer itself checkpoints: the bound on the WAL, well
    /// above what the background checkpointer lets accumulate (see `WALCheckpointer`).
    public static let walAutocheckpointPages = 8192

    /// How long a connection waits for another process's lock before failing.
    public static let busyTimeout: TimeInterval = 15

    /// Opens (creating folders and file when missing) the store at `path` and migrates it.
    public static func open(at path: String) throws -> ShopStore {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotCreateFolder(path: folder.path, reason: error.localizedDescription)
        }
        // Checkpoints run on a background thread, not on whichever write crosses the threshold.
        let checkpointer = WALCheckpointer(path: path)
        var config = configuration()
        config.prepareDatabase { db in
            // The pool's configuration holds the checkpointer: it lives as long as the pool.
            withExtendedLifetime(checkpointer) {}
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(walAutocheckpointPages)")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
        var store = ShopStore(unmigrated: pool, path: path)
        store.checkpointer = checkpointer
        try store.migrate()
        return store
    }

    /// A private in-memory store, migrated; for tests and throwaway work.
    ///
    /// It is a `DatabaseQueue` (one connection), so concurrency behaviour differs from a
    /// file store: tests of concurrent access use `temporary()`.
    public static func inMemory() throws -> ShopStore {
        let queue = try DatabaseQueue(configuration: configuration())
        let store = ShopStore(unmigrated: queue, path: nil)
        try store.migrate()
        return store
    }

    /// A file store in a fresh temporary folder (a real WAL pool), for tests.
    public static func temporary(prefix: String = "shopassist") throws -> ShopStore {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        return try open(at: folder.appendingPathComponent("shop.sqlite").path)
    }

    /// Wraps an existing writer (pool or queue) and migrates it.
    public init(database: any DatabaseWriter, path: String? = nil, migrate: Bool = true) throws {
        self.init(unmigrated: database, path: path)
        if migrate { try self.migrate() }
    }

    private init(unmigrated database: any DatabaseWriter, path: String?) {
        self.database = database
        self.path = path
    }

    /// The connection configuration every store uses: foreign keys on, a busy timeout,
    /// `synchronous = NORMAL` (safe with WAL, much faster for imports).
    public static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.label = "shopassist.store"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return config
    }

    /// Runs a WAL checkpoint on the writer now (e.g. `.truncate` before copying or scanning
    /// the file), with the background checkpointer paused: SQLite refuses a second
    /// concurrent checkpoint. Retries briefly when another process is checkpointing.
    @discardableResult
    public func checkpoint(_ mode: Database.CheckpointMode = .truncate) throws -> (walFrameCount: Int, checkpointedFrameCount: Int) {
        func run() throws -> (walFrameCount: Int, checkpointedFrameCount: Int) {
            var attempt = 0
            while true {
                do {
                    return try database.writeWithoutTransaction { db in try db.checkpoint(mode) }
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 100 {
                    attempt += 1
                    usleep(10_000)
                }
            }
        }
        return try withoutBackgroundCheckpoints { try run() }
    }

    /// Runs `body` with the background checkpointer (if any) paused.
    func withoutBackgroundCheckpoints<T>(_ body: () throws -> T) rethrows -> T {
        guard let checkpointer else { return try body() }
        return try checkpointer.paused(body)
    }

    /// Applies every migration this build knows that the store has not seen yet.
    public func migrate() throws {
        do {
            try ShopSchema.migrator.migrate(database)
        } catch {
            throw StoreError.migrationFailed(path: path ?? ":memory:", reason: "\(error)")
        }
    }

    /// The migrations already applied to this store, in order.
    public func appliedMigrations() throws -> [String] {
        try database.read { db in try ShopSchema.migrator.appliedMigrations(db) }
    }

    /// Runs a large catalog write in one transaction with the FTS triggers off, then
    /// rebuilds the full-text index once.
    ///
    /// Why: a trigger per inserted row costs more than the insert itself; for a bulk
    /// load (a demo shop of a million products, a big import) one `rebuild` at the end is
    /// several times faster. Readers keep seeing the old catalog until the commit.
    public func bulkLoadCatalog<T>(_ body: (Database) throws -> T) throws -> T {
        try database.write { db in
            try ShopSchema.dropFTSTriggers(db)
            let result = try body(db)
            try ShopSchema.rebuildFTS(db)
            try ShopSchema.createFTSTriggers(db)
            return result
        }
    }

    /// Row counts of the main tables, by table name (for `demo --show`, tests, reports).
    public func tableCounts() throws -> [String: Int] {
        try database.read { db in
            var counts: [String: Int] = [:]
            for table in ShopSchema.mainTables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
            }
            return counts
        }
    }

    /// True when a store file already exists at `path` with at least one product.
    public static func hasCatalog(at path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        guard let pool = try? DatabasePool(path: path, configuration: configuration()) else { return false }
        let count = try? pool.read { db -> Int in
            guard try db.tableExists("products") else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") ?? 0
        }
        return (count ?? 0) > 0
    }
}

extension ShopSchema {
    /// The tables `ShopStore.tableCounts()` reports.
    public static let mainTables = [
        "products", "product_variants", "product_attributes", "customers", "orders", "order_lines",
        "shipments", "tracking_events", "carts", "cart_lines", "sessions", "turns", "events",
    ]

    /// Rebuilds `products_fts` from `products` (after bulk writes with triggers off).
    public static func rebuildFTS(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO products_fts(products_fts) VALUES('rebuild')")
    }
}

/// What can go wrong opening or migrating a store; each message names the path and says what to do.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case cannotCreateFolder(path: String, reason: String)
    case cannotOpen(path: String, reason: String)
    case migrationFailed(path: String, reason: String)
    case alreadyExists(path: String)

    public var description: String {
        switch self {
        case let .cannotCreateFolder(path, reason):
            return "cannot create the store folder \(path): \(reason). Choose another place with --store PATH or $\(StoreLocation.environmentVariable)."
        case let .cannotOpen(path, reason):
            return "cannot open the store \(path): \(reason). Check that it is a SQLite file you may write, or choose another with --store PATH."
        case let .migrationFailed(path, reason):
            return "cannot bring the store \(path) up to this version's schema: \(reason). It may come from a newer shopassist; use a new --store PATH."
        case let .alreadyExists(path):
            return "a store already exists at \(path). Pass --force to replace it, or choose another --store PATH."
        }
    }
}
