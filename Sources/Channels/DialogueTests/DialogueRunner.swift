import Foundation

/// Something that can hold a conversation for a dialogue test: the real engine in
/// production, a fake in unit tests.
public protocol DialogueDriver {
    /// Starts a fresh conversation in the stated situation.
    func start(_ script: DialogueScript) throws -> any DialogueConversation
}

/// One running conversation.
public protocol DialogueConversation {
    func send(_ text: String) throws -> ObservedTurn
}

/// The outcome of one dialogue.
public struct DialogueResult: Sendable, Equatable {
    public var script: DialogueScript
    /// The first turn that failed (1-based), its user line and what differed; nil when it passed.
    public var failure: TurnFailure?
    /// An error that stopped the dialogue (the engine threw, the situation could not be set up).
    public var error: String?
    public var seconds: Double

    public var passed: Bool { failure == nil && error == nil }

    public struct TurnFailure: Sendable, Equatable {
        public var turn: Int
        public var user: String
        public var line: Int
        public var failures: [ExpectationFailure]
        public var replyText: [String]
    }
}

/// Runs dialogue scripts and reports like a diff a support agent can read.
public struct DialogueRunner {
    public let driver: any DialogueDriver

    public init(driver: any DialogueDriver) { self.driver = driver }

    public func run(_ script: DialogueScript) -> DialogueResult {
        let start = Date()
        var result = DialogueResult(script: script, failure: nil, error: nil, seconds: 0)
        defer { }
        do {
            let conversation = try driver.start(script)
            for (index, turn) in script.turns.enumerated() {
                let observed = try conversation.send(turn.user)
                let failures = turn.expectations.compactMap { $0.check(observed) }
                if !failures.isEmpty {
                    result.failure = .init(turn: index + 1, user: turn.user, line: turn.line, failures: failures, replyText: observed.texts)
                    break
                }
            }
        } catch {
            result.error = String(describing: error)
        }
        result.seconds = Date().timeIntervalSince(start)
        return result
    }

    /// Loads every `*.yml`/`*.yaml` dialogue under the paths (files or folders, recursively),
    /// skipping folders named `templates` (reply templates live beside the dialogues).
    public static func loadScripts(paths: [String]) throws -> [DialogueScript] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DialogueScriptError(file: path, line: 0, message: "no such file or folder.")
            }
            if !isDirectory.boolValue { files.append(path); continue }
            let enumerator = fm.enumerator(atPath: path)
            while let relative = enumerator?.nextObject() as? String {
                if relative.split(separator: "/").contains("templates") { continue }
                if relative.hasSuffix(".yml") || relative.hasSuffix(".yaml") { files.append((path as NSString).appendingPathComponent(relative)) }
            }
        }
        return try files.sorted().flatMap { try DialogueScript.load(file: $0) }
    }

    /// One line per dialogue; under a failure, the turn, then each difference tagged by kind.
    public static func report(_ results: [DialogueResult], style: TerminalStyle = TerminalStyle(enabled: false)) -> String {
        var lines: [String] = []
        for result in results {
            let mark = result.passed ? style.green("PASS") : style.red("FAIL")
            lines.append("\(mark)  \(result.script.name)  (\(result.script.file):\(result.script.line), \(String(format: "%.2f", result.seconds)) s)")
            if let error = result.error { lines.append("      error: \(error)") }
            if let failure = result.failure {
                lines.append("      turn \(failure.turn) (line \(failure.line)): user: \(failure.user)")
                for f in failure.failures {
                    lines.append("      [\(f.kind)]")
                    lines.append("        " + style.green("- expected: \(f.expected)"))
                    lines.append("        " + style.red("+ got:      \(f.actual)"))
                }
                if !failure.replyText.isEmpty { lines.append("      bot said: " + failure.replyText.joined(separator: " / ")) }
            }
        }
        let failed = results.filter { !$0.passed }.count
        lines.append("\(results.count - failed) passed, \(failed) failed")
        return lines.joined(separator: "\n")
    }

    /// JUnit XML for CI dashboards: one test suite, one test case per dialogue.
    public static func junit(_ results: [DialogueResult]) -> String {
        func escape(_ s: String) -> String {
            var out = ""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&apos;"
                default:
                    // XML 1.0 forbids most control characters even when escaped.
                    if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let failures = results.filter { $0.failure != nil }.count
        let errors = results.filter { $0.error != nil }.count
        let time = results.reduce(0) { $0 + $1.seconds }
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<testsuites><testsuite name="dialogues" tests="\#(results.count)" failures="\#(failures)" errors="\#(errors)" time="\#(String(format: "%.3f", time))">"# + "\n"
        for result in results {
            let classname = escape((result.script.file as NSString).lastPathComponent)
            xml += #"  <testcase classname="\#(classname)" name="\#(escape(result.script.name))" time="\#(String(format: "%.3f", result.seconds))">"#
            if let failure = result.failure {
                let detail = failure.failures.map { $0.description }.joined(separator: "\n")
                xml += "\n    " + #"<failure message="turn \#(failure.turn): \#(escape(failure.user))">\#(escape(detail))</failure>"# + "\n  "
            }
            if let error = result.error {
                xml += "\n    " + #"<error message="\#(escape(error))"/>"# + "\n  "
            }
            xml += "</testcase>\n"
        }
        xml += "</testsuite></testsuites>\n"
        return xml
    }
}
