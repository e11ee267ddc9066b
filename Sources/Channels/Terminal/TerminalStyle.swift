#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ANSI styling that is on only when it should be: stdout is a terminal, `NO_COLOR`
/// is unset and `TERM` is not `dumb`. When off, every function returns its text unchanged.
public struct TerminalStyle: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// Decides from the process's stdout and environment.
    public static func detect(fileDescriptor: Int32 = 1, environment: [String: String]) -> TerminalStyle {
        let isTerminal = isatty(fileDescriptor) == 1
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return TerminalStyle(enabled: isTerminal && !noColor && !dumb)
    }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }
    public func magenta(_ text: String) -> String { wrap(text, "35") }
}
