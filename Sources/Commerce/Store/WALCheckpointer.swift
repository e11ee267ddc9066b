import Foundation
import GRDB

/// Checkpoints a store's WAL from a background thread on its own connection, so that no
/// turn pays for it.
///
/// Why: with SQLite's automatic checkpoints the commit that pushes the WAL past 1,000
/// pages copies them into the database file and, with `synchronous = NORMAL`, fsyncs both
/// files — 10–40 ms landing on whichever request happened to write then. This thread runs
/// a PASSIVE checkpoint (which never blocks the writer or readers) every `interval`
/// whenever the WAL changed since the last complete one, so the database file is at most
/// about `interval` behind. SQLite seldom restarts a WAL from its beginning after another
/// connection checkpointed it, so the pool's writer keeps an automatic checkpoint at
/// `ShopStore.walAutocheckpointPages` (8× SQLite's default) as the bound on the WAL's size:
/// it finds almost everything copied already and runs once per ~32 MB written instead of
/// once per 4 MB.
///
/// It lives as long as the pool that uses it (its configuration holds it); the pool's
/// release stops the thread (interrupting a checkpoint in flight) and closes its connection,
/// the last one, which removes the WAL. An explicit checkpoint (`ShopStore.checkpoint(_:)`) pauses
/// it first, because SQLite refuses a second concurrent checkpoint with `SQLITE_BUSY`.
final class WALCheckpointer: Sendable {
    private let state: State

    /// Starts the thread for the store file at `path` (the connection opens at the first checkpoint).
    init(path: String, interval: TimeInterval = 0.25) {
        state = State(path: path, interval: interval)
        let state = self.state
        let thread = Thread { state.run() }
        thread.name = "shopassist.wal-checkpointer"
        thread.qualityOfService = .utility
        thread.start()
    }

    deinit { state.stop() }

    /// Runs `body` with no background checkpoint in flight or starting.
    func paused<T>(_ body: () throws -> T) rethrows -> T {
        state.pause()
        defer { state.resume() }
        return try body()
    }

    /// How many background checkpoints copied frames (for tests and benchmarks).
    var checkpoints: Int { state.completed }

    private final class State: @unchecked Sendable {
        let path: String
        let interval: TimeInterval
        // Everything below is guarded by `condition`.
        let condition = NSCondition()
        var stopping = false
        var exited = false
        var pauses = 0
        var busy = false
        var done = 0
        var queue: DatabaseQueue?

        init(path: String, interval: TimeInterval) {
            self.path = path
            self.interval = interval
        }

        var completed: Int {
            condition.lock(); defer { condition.unlock() }
            return done
        }

        /// Size and modification time of the WAL file: changes whenever a transaction commits.
        func walSignature() -> [String]? {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path + "-wal") else { return nil }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return [String(size), String(modified)]
        }

        func run() {
            var last = walSignature()
            condition.lock()
            while !stopping {
                _ = condition.wait(until: Date().addingTimeInterval(interval))
                guard !stopping else { break }
                guard pauses == 0 else { continue }
                let current = walSignature()
                guard let current, current != last else { continue }
                busy = true
                condition.unlock()
                let complete = checkpoint()
                condition.lock()
                busy = false
                if complete {
                    last = current
                    done += 1
                }
                condition.broadcast()
            }
            let queue = self.queue
            self.queue = nil
            exited = true
            condition.broadcast()
            condition.unlock()
            try? queue?.close()
        }

        /// One PASSIVE checkpoint; true when every frame of the WAL is now in the database file.
        func checkpoint() -> Bool {
            do {
                condition.lock()
                var queue = self.queue
                condition.unlock()
                if queue == nil {
                    var config = Configuration()
                    config.label = "shopassist.wal-checkpointer"
                    config.busyMode = .immediateError
                    let opened = try DatabaseQueue(path: path, configuration: config)
                    condition.lock()
                    self.queue = opened
                    condition.unlock()
                    queue = opened
                }
                guard let queue else { return false }
                let (frames, copied) = try queue.writeWithoutTransaction { db in try db.checkpoint(.passive) }
                return copied >= frames
            } catch {
                // Busy (another checkpoint, a reader on an old snapshot) or interrupted: try again next time.
                return false
            }
        }

        func pause() {
            condition.lock()
            pauses += 1
            while busy { condition.wait() }
            condition.unlock()
        }

        func resume() {
            condition.lock()
            pauses -= 1
            condition.unlock()
        }

        func stop() {
            condition.lock()
            stopping = true
            condition.broadcast()
            let queue = self.queue
            condition.unlock()
            queue?.interrupt()
            condition.lock()
            while !exited { condition.wait() }
            condition.unlock()
        }
    }
}
