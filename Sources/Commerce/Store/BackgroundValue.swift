import Foundation
import GRDB

/// A value computed on a thread of its own, started at once; the first reader waits for it,
/// and every reader gets the same value (or the same error).
///
/// Start-up uses it for the in-memory indexes (search, recommendations): the assistant
/// shows its prompt while they are built, and the first turn that needs one waits for it.
/// A dedicated thread, not the global queue: a reader blocked on the value can never starve
/// the work it waits for.
///
/// ```swift
/// let search = SearchService.building(store)       // returns at once
/// let result = try search.value.search(request)   // waits for the index the first time
/// ```
public final class BackgroundValue<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`; nil until the work is done.
    private var result: Result<Value, any Error>?

    /// A value that is already there.
    public init(value: Value) {
        result = .success(value)
    }

    /// Starts `work` on a new thread named `name`.
    public init(name: String, _ work: @escaping @Sendable () throws -> Value) {
        start(name, work)
    }

    /// Starts `work` on a new thread inside a read transaction of `store`, and returns once
    /// that transaction holds its snapshot: the value sees the store as it is when this
    /// returns, not what is written afterwards — as if it had been read here.
    public init(name: String, reading store: ShopStore, _ work: @escaping @Sendable (Database) throws -> Value) {
        let opened = DispatchSemaphore(value: 0)
        start(name) {
            var signalled = false
            do {
                return try store.database.read { db in
                    // In WAL mode the snapshot is taken by the first read, not by BEGIN.
                    _ = try Row.fetchOne(db, sql: "SELECT 1 FROM sqlite_master LIMIT 1")
                    signalled = true
                    opened.signal()
                    return try work(db)
                }
            } catch {
                if !signalled { opened.signal() }
                throw error
            }
        }
        opened.wait()
    }

    private func start(_ name: String, _ work: @escaping @Sendable () throws -> Value) {
        // Same priority as the caller's thread: a lower one (nice) would let a busy machine
        // starve the work while a reader waits for it, and an unprivileged process cannot
        // raise it again when that happens.
        let thread = Thread { [self] in
            let outcome = Result { try work() }
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }
        thread.name = name
        thread.start()
    }

    /// The value, waiting for the work to finish; rethrows the work's error.
    public var value: Value {
        get throws {
            condition.lock()
            defer { condition.unlock() }
            while result == nil { condition.wait() }
            return try result!.get()
        }
    }

    /// Whether the work has finished (a read of `value` would not wait).
    public var isReady: Bool {
        condition.lock()
        defer { condition.unlock() }
        return result != nil
    }
}

/// A gate that background work waits at until it is opened (once; opening again does nothing).
///
/// `Assistant.open` holds the index builds at one so they do not take the CPU from the
/// start-up itself on a busy machine, and opens it as it returns, before the first prompt.
public final class BackgroundGate: @unchecked Sendable {
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var isOpen = false

    public init() {}

    /// Lets every waiter (and every later one) through.
    public func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    /// Returns once the gate is open.
    public func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }
}
