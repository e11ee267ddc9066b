import Commerce
import Foundation

/// `shopassist bench startup`: launch to the first prompt of the REPL, as a shopper sees it.
///
/// Each sample starts this same executable as `shopassist chat --store PATH` with its
/// input and output on pipes, and times from just before the launch until the welcome line
/// (the REPL's first output; on a pipe the prompt itself is empty) arrives. It then sends
/// one line and times its reply (the first turn, which may wait for the indexes still being
/// built in the background), and `/quit`. One untimed run first makes sure the model is
/// cached (`$SHOPASSIST_MODEL_CACHE` or the default cache, as for the REPL).
struct StartupBenchmark: Benchmark {
    let name = "startup"
    let purpose = "Launch to the REPL's first prompt (a new process each sample, model cached), 5,000-product demo shop; then its first turn"

    static let welcome = Array("Hi! I".utf8)
    static let replyMark = Array("shop \u{203A}".utf8)

    func run(_ options: BenchOptions, progress: @Sendable (String) -> Void) throws -> [MeasurementSummary] {
        let products = options.products ?? 5_000
        let path = try options.demoShop(for: "startup", products: products, progress: progress)
        guard let executable = Bundle.main.executablePath else { throw BenchError("cannot find this executable to launch it") }
        let line = "show me headphones"
        progress("warm-up run (trains and caches the model if needed)…")
        _ = try Self.launch(executable, store: path, firstTurn: nil)
        var prompt: [Double] = [], turn: [Double] = [], whole: [Double] = []
        for i in 0..<(options.requests ?? 20) {
            let r = try Self.launch(executable, store: path, firstTurn: line)
            prompt.append(r.prompt)
            if let t = r.turn { turn.append(t) }
            whole.append(r.whole)
            progress(String(format: "run %d: prompt %.1f ms, first turn %.1f ms", i + 1, r.prompt, r.turn ?? 0))
        }
        let notes = ["products": String(products), "store": path, "first_turn": line]
        return [
            MeasurementSummary(name: "launch to first prompt", unit: "ms", samples: prompt, notes: notes),
            MeasurementSummary(name: "first turn, sent at the prompt", unit: "ms", samples: turn, notes: notes),
            MeasurementSummary(name: "launch to exit (prompt, turn, /quit)", unit: "ms", samples: whole, notes: notes),
        ]
    }

    /// One process: milliseconds to the welcome line, to the first turn's reply (sent as soon
    /// as the welcome arrived), and to exit.
    static func launch(_ executable: String, store: String, firstTurn: String?) throws -> (prompt: Double, turn: Double?, whole: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["chat", "--store", store]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 }
        try process.run()
        var seen: [UInt8] = []
        func readUntil(_ mark: [UInt8]) throws {
            while !contains(seen, mark) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { throw BenchError("shopassist exited before printing \(String(decoding: mark, as: UTF8.self)) (status \(process.isRunning ? -1 : process.terminationStatus))") }
                seen.append(contentsOf: chunk)
            }
        }
        try readUntil(welcome)
        let prompt = elapsed()
        var turn: Double?
        if let firstTurn {
            seen.removeAll()
            let sent = DispatchTime.now().uptimeNanoseconds
            input.fileHandleForWriting.write(Data((firstTurn + "\n").utf8))
            try readUntil(replyMark)
            turn = Double(DispatchTime.now().uptimeNanoseconds - sent) / 1e6
        }
        input.fileHandleForWriting.write(Data("/quit\n".utf8))
        try input.fileHandleForWriting.close()
        _ = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (prompt, turn, elapsed())
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
        return false
    }
}
