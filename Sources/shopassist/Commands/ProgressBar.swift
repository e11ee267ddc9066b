import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One line of progress on stderr, redrawn in place — drawn only when stderr is a
/// terminal, so piped or captured output never carries escape codes.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastLine = ""

    /// `enabled: nil` draws exactly when stderr is a terminal.
    init(enabled: Bool? = nil) { self.enabled = enabled ?? (isatty(STDERR_FILENO) == 1) }

    /// Draws `label [#####.....] detail`; `fraction` is clamped to 0…1.
    func draw(_ label: String, fraction: Double, detail: String) {
        let width = 30
        let filled = Int((min(1, max(0, fraction)) * Double(width)).rounded(.down))
        show(label + " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] " + detail)
    }

    /// Replaces the line with a plain message (a phase without a measurable fraction).
    func show(_ line: String) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        guard line != lastLine else { return }
        lastLine = line
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    }

    /// Clears the line, leaving the terminal as it was.
    func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        lastLine = ""
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}
