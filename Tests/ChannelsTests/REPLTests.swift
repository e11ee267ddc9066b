import Dialogue
import Foundation
import Testing
@testable import Channels

#if canImport(Glibc)
import Glibc
#endif

/// Reads everything available from `fd` until `deadline` or until `done` says it has enough.
func drain(_ fd: Int32, seconds: Double, until done: (String) -> Bool) -> String {
    var collected: [UInt8] = []
    let deadline = Date().addingTimeInterval(seconds)
    var buffer = [UInt8](repeating: 0, count: 65536)
    while Date() < deadline {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        if poll(&poller, 1, 100) > 0 {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            collected += buffer[0..<n]
            if done(String(decoding: collected, as: UTF8.self)) { break }
        }
    }
    return String(decoding: collected, as: UTF8.self)
}

@Suite("Terminal chat", .serialized)
struct REPLTests {
    let assistant: Assistant
    init() throws { assistant = try AssistantFixture.assistant() }

    @Test("piped, the chat shows numbered cards and no escape codes")
    func piped() throws {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        #expect(pipe(&input) == 0 && pipe(&output) == 0)
        let script = "hi\nshow me headphones\n/debug\ncheaper\n/bogus\n"
        _ = script.withCString { write(input[1], $0, strlen($0)) }
        close(input[1])
        let style = TerminalStyle.detect(fileDescriptor: output[1], environment: [:])
        #expect(!style.enabled)
        let repl = REPL(assistant: assistant, editor: LineEditor(inputFD: input[0], outputFD: output[1]), outputFD: output[1], style: style, session: "piped-\(UUID().uuidString.prefix(6))")
        #expect(repl.run() == 0)
        close(output[1])
        let text = drain(output[0], seconds: 10) { _ in false }
        close(input[0]); close(output[0])
        #expect(text.contains(REPL.welcome))
        #expect(text.contains("you › show me headphones"))
        #expect(text.range(of: #"(?m)^1\. .+\$\d+\.\d\d"#, options: .regularExpression) != nil, "\(text)")
        #expect(text.contains("[debug] intent"))
        #expect(text.contains("Unknown command /bogus"))
        #expect(text.hasSuffix("Bye!\n"))
        #expect(!text.contains("\u{1B}"), "escape codes in piped output")
    }

    @Test("on a terminal, the chat shows colors, cards and edits the line")
    func terminal() throws {
        var master: Int32 = 0, slave: Int32 = 0
        #expect(openpty(&master, &slave, nil, nil, nil) == 0)
        let style = TerminalStyle.detect(fileDescriptor: slave, environment: ["TERM": "xterm"])
        #expect(style.enabled)
        #expect(!TerminalStyle.detect(fileDescriptor: slave, environment: ["TERM": "xterm", "NO_COLOR": "1"]).enabled)
        let assistant = self.assistant
        let session = "pty-\(UUID().uuidString.prefix(6))"
        let slaveFD = slave
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            let repl = REPL(assistant: assistant, editor: LineEditor(inputFD: slaveFD, outputFD: slaveFD), outputFD: slaveFD, style: style, session: session)
            _ = repl.run()
            finished.signal()
        }
        thread.start()
        _ = drain(master, seconds: 120) { $0.contains("you ›") }
        // Type "show me headphonez", fix the typo with Backspace, then Ctrl-A/Ctrl-E and Enter.
        let keys = "show me headphonez\u{7F}s\u{01}\u{05}\r"
        _ = keys.withCString { write(master, $0, strlen($0)) }
        let screen = drain(master, seconds: 180) { $0.contains("Try:") }
        // Ctrl-D on the empty prompt ends the chat; send it until the REPL has left.
        var ended = false
        for _ in 0..<60 where !ended {
            _ = "\u{04}".withCString { write(master, $0, strlen($0)) }
            ended = finished.wait(timeout: .now() + 2) == .success
        }
        #expect(ended)
        close(master); close(slave)
        #expect(screen.contains("\u{1B}[1m1.\u{1B}[0m"), "no bold card number in \(screen.debugDescription.prefix(600))")
        #expect(screen.contains("\u{1B}[32m$"), "no green price")
        #expect(screen.contains("headphones"))
    }
}
