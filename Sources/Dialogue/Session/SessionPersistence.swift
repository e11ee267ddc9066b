import Foundation

/// A session's saved state and the version it was saved at.
public struct VersionedSession: Sendable, Hashable {
    public var state: SessionState
    /// Bumped on every save; 0 means "never saved".
    public var version: Int
    public init(state: SessionState, version: Int) { self.state = state; self.version = version }
}

/// Another process (or thread) saved the session since it was read: the turn must be
/// recomputed on the newer state so no turn is lost or interleaved.
public struct SessionConflict: Error, Sendable, CustomStringConvertible {
    public var session: String
    public var expected: Int
    public var found: Int
    public var description: String {
        "session '\(session)' was saved at version \(found) by someone else while this turn expected version \(expected); reload the session and retry the turn"
    }
}

/// Where session state lives between turns and across restarts (the store's
/// `sessions` and `turns` tables in production).
///
/// `save` is a compare-and-set on the version: it must fail with `SessionConflict`
/// when the stored version is not `expectedVersion`.
public protocol SessionPersistence: Sendable {
    func load(_ id: String) throws -> VersionedSession?
    /// Saves `state` if the stored version is `expectedVersion`, appends `turn` (with the
    /// reply sent), and returns the new version.
    func save(_ state: SessionState, expectedVersion: Int, turn: TurnRecord?, reply: Reply?) throws -> Int
    /// Forgets a session (reset).
    func delete(_ id: String) throws
    /// The stored version alone (0 when never saved): a cheap check that a cached state is current.
    func version(of id: String) throws -> Int
}

extension SessionPersistence {
    public func version(of id: String) throws -> Int { try load(id)?.version ?? 0 }
}

/// A lock-protected box for shared mutable state.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Sessions kept in memory only: for tests and for channels that need no restarts.
public final class InMemorySessionPersistence: SessionPersistence, @unchecked Sendable {
    private let sessions = Locked<[String: VersionedSession]>([:])
    private let turns = Locked<[String: [TurnRecord]]>([:])

    public init() {}

    public func load(_ id: String) throws -> VersionedSession? { sessions.withLock { $0[id] } }

    public func save(_ state: SessionState, expectedVersion: Int, turn: TurnRecord?, reply: Reply?) throws -> Int {
        let version = try sessions.withLock { all -> Int in
            let found = all[state.id]?.version ?? 0
            guard found == expectedVersion else { throw SessionConflict(session: state.id, expected: expectedVersion, found: found) }
            all[state.id] = VersionedSession(state: state, version: found + 1)
            return found + 1
        }
        if let turn { turns.withLock { $0[state.id, default: []].append(turn) } }
        return version
    }

    public func delete(_ id: String) throws {
        sessions.withLock { _ = $0.removeValue(forKey: id) }
        turns.withLock { _ = $0.removeValue(forKey: id) }
    }

    /// Every turn saved for a session, in order.
    public func turns(of id: String) -> [TurnRecord] { turns.withLock { $0[id] ?? [] } }
}

/// The sessions of one process kept in memory in front of the persistence, so a turn
/// does not decode its state from the store; bounded, least recently used out first.
///
/// The cached version is only a hint: `save` still compares versions in the store, and a
/// conflict drops the cached entry so the turn is recomputed on the stored state.
public final class SessionCache: @unchecked Sendable {
    private struct Entry { var session: VersionedSession; var stamp: UInt64 }
    private struct Table { var entries: [String: Entry] = [:]; var clock: UInt64 = 0 }
    private let table = Locked(Table())
    public let capacity: Int

    public init(capacity: Int = 50_000) { self.capacity = max(1, capacity) }

    public var count: Int { table.withLock { $0.entries.count } }

    public func get(_ id: String) -> VersionedSession? {
        table.withLock { t in
            guard var entry = t.entries[id] else { return nil }
            t.clock &+= 1
            entry.stamp = t.clock
            t.entries[id] = entry
            return entry.session
        }
    }

    public func put(_ session: VersionedSession) {
        table.withLock { t in
            t.clock &+= 1
            t.entries[session.state.id] = Entry(session: session, stamp: t.clock)
            if t.entries.count > capacity {
                // Evict the oldest tenth in one pass so eviction stays O(1) amortized per put.
                let drop = max(1, capacity / 10)
                let oldest = t.entries.sorted { $0.value.stamp < $1.value.stamp }.prefix(drop).map(\.key)
                for key in oldest { t.entries.removeValue(forKey: key) }
            }
        }
    }

    public func remove(_ id: String) { table.withLock { _ = $0.entries.removeValue(forKey: id) } }
}
