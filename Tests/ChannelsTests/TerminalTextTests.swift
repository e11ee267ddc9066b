import Dialogue
import Testing
@testable import Channels

@Suite("Terminal text")
struct TerminalTextTests {
    @Test("catalog text cannot drive the terminal", arguments: [
        ("Trail\u{1B}[2J\u{1B}[HShoe", "Trail[2J[HShoe"),
        ("Title\u{1B}]0;pwned\u{07}", "Title]0;pwned"),
        ("Tab\there\nnewline", "Tab here newline"),
        ("Bidi \u{202E}gnp.exe", "Bidi gnp.exe"),
        ("C1 \u{9B}31m red", "C1 31m red"),
        ("Crème brûlée ☕️ 東京", "Crème brûlée ☕️ 東京"),
    ])
    func sanitize(input: String, expected: String) {
        #expect(TerminalText.sanitize(input) == expected)
        #expect(!TerminalText.sanitize(input).unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("a reply's own line breaks stay, and each line is sanitized")
    func textLines() {
        let reply = Reply(session: "s", turn: 1, messages: [.text("Offers for you right now:\n15% off\u{1B}[2J tents\n$20 off laptops")])
        let text = TerminalRenderer(style: TerminalStyle(enabled: false)).render(reply)
        #expect(text == "Offers for you right now:\n15% off[2J tents\n$20 off laptops")
    }

    @Test("styles are plain text when disabled and ANSI when enabled")
    func styles() {
        #expect(TerminalStyle(enabled: false).bold("x") == "x")
        #expect(TerminalStyle(enabled: true).bold("x") == "\u{1B}[1mx\u{1B}[0m")
    }

    @Test("NO_COLOR turns styling off, and a pipe never gets it")
    func detection() {
        // In the test process stdout is not a terminal, so detection must say off either way.
        #expect(TerminalStyle.detect(environment: [:]).enabled == false)
        #expect(TerminalStyle.detect(environment: ["NO_COLOR": "1"]).enabled == false)
    }

    @Test("display width counts wide characters twice and ignores styles")
    func width() {
        #expect(TerminalWidth.of("abc") == 3)
        #expect(TerminalWidth.of("東京") == 4)
        #expect(TerminalWidth.of(TerminalWidth.strippingStyles("\u{1B}[1;32mok\u{1B}[0m")) == 2)
    }
}
