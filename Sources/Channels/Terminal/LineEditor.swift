#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from the shopper: with editing and history on a terminal, plainly from a pipe.
///
/// On a terminal it supports ←/→, Home/End, Ctrl-A/Ctrl-E, Backspace/Delete, Ctrl-K,
/// Ctrl-U, Ctrl-W and ↑/↓ through the session's history; Ctrl-D on an empty line and
/// Ctrl-C end the conversation. Written here rather than borrowed: the usual C
/// libraries for this are GPL.
public final class LineEditor {
    public enum Input: Equatable {
        case line(String)
        case endOfInput
        case interrupted
    }

    private let inputFD: Int32
    private let outputFD: Int32
    public let isInteractive: Bool
    private(set) public var history: [String] = []

    public init(inputFD: Int32 = 0, outputFD: Int32 = 1) {
        self.inputFD = inputFD
        self.outputFD = outputFD
        self.isInteractive = isatty(inputFD) == 1 && isatty(outputFD) == 1
    }

    /// Shows `prompt` and reads one line.
    public func read(prompt: String) -> Input {
        isInteractive ? readEditing(prompt: prompt) : readPlain(prompt: prompt)
    }

    // MARK: Plain

    private var pending: [UInt8] = []

    private func readPlain(prompt: String) -> Input {
        var bytes: [UInt8] = []
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                bytes = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                break
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(inputFD, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                if pending.isEmpty { return .endOfInput }
                bytes = pending
                pending = []
                break
            }
            pending.append(contentsOf: chunk[0..<n])
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        return .line(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: Editing

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(outputFD, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(inputFD, &byte, 1)
            if n == 1 { return byte }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }

    private func readEditing(prompt: String) -> Input {
        var original = termios()
        guard tcgetattr(inputFD, &original) == 0 else { return readPlain(prompt: prompt) }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        tcsetattr(inputFD, TCSADRAIN, &raw)
        defer { tcsetattr(inputFD, TCSADRAIN, &original) }

        var buffer: [Character] = []
        var cursor = 0
        var historyIndex = history.count
        var draft: [Character] = []
        let promptWidth = TerminalWidth.of(TerminalWidth.strippingStyles(prompt))

        func redraw() {
            let before = String(buffer[..<cursor])
            write("\r" + prompt + String(buffer) + "\u{1B}[K")
            write("\r\u{1B}[\(promptWidth + TerminalWidth.of(before))C".replacingOccurrences(of: "\u{1B}[0C", with: ""))
        }
        write(prompt)
        var utf8: [UInt8] = []
        while let byte = readByte() {
            switch byte {
            case 0x0D, 0x0A:
                write("\r\n")
                let line = String(buffer)
                if line.contains(where: { $0 != " " }), history.last != line { history.append(line) }
                return .line(line)
            case 0x03:
                write("^C\r\n")
                return .interrupted
            case 0x04:
                if buffer.isEmpty { write("\r\n"); return .endOfInput }
                if cursor < buffer.count { buffer.remove(at: cursor); redraw() }
            case 0x01: cursor = 0; redraw()
            case 0x05: cursor = buffer.count; redraw()
            case 0x02: if cursor > 0 { cursor -= 1; redraw() }
            case 0x06: if cursor < buffer.count { cursor += 1; redraw() }
            case 0x0B: buffer.removeSubrange(cursor...); redraw()
            case 0x15: buffer.removeSubrange(..<cursor); cursor = 0; redraw()
            case 0x17:
                var start = cursor
                while start > 0 && buffer[start - 1] == " " { start -= 1 }
                while start > 0 && buffer[start - 1] != " " { start -= 1 }
                buffer.removeSubrange(start..<cursor); cursor = start; redraw()
            case 0x7F, 0x08:
                if cursor > 0 { buffer.remove(at: cursor - 1); cursor -= 1; redraw() }
            case 0x1B:
                guard let next = readByte() else { continue }
                guard next == 0x5B || next == 0x4F, let code = readByte() else { continue }
                switch code {
                case 0x44: if cursor > 0 { cursor -= 1; redraw() }
                case 0x43: if cursor < buffer.count { cursor += 1; redraw() }
                case 0x48: cursor = 0; redraw()
                case 0x46: cursor = buffer.count; redraw()
                case 0x41, 0x42:
                    if historyIndex == history.count { draft = buffer }
                    historyIndex = code == 0x41 ? max(0, historyIndex - 1) : min(history.count, historyIndex + 1)
                    buffer = historyIndex == history.count ? draft : Array(history[historyIndex])
                    cursor = buffer.count
                    redraw()
                case 0x33:
                    if readByte() == 0x7E, cursor < buffer.count { buffer.remove(at: cursor); redraw() }
                default:
                    // Skip the rest of an unknown sequence (parameters end with a letter or ~).
                    var last = code
                    while !(0x40...0x7E).contains(last), let b = readByte() { last = b }
                }
            default:
                if byte < 0x20 { continue }
                utf8.append(byte)
                if let text = String(validating: utf8, as: UTF8.self) {
                    utf8 = []
                    for character in text where !character.isControlLike {
                        buffer.insert(character, at: cursor)
                        cursor += 1
                    }
                    redraw()
                } else if utf8.count >= 4 {
                    utf8 = []
                }
            }
        }
        write("\r\n")
        return buffer.isEmpty ? .endOfInput : .line(String(buffer))
    }
}

/// Display width of text in terminal cells (wide East Asian and emoji count two).
public enum TerminalWidth {
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// Removes ANSI CSI sequences (`ESC [ … letter`) so styled text can be measured.
    public static func strippingStyles(_ text: String) -> String {
        var out = ""
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    public static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.properties.generalCategory == .nonspacingMark { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}

extension Character {
    var isControlLike: Bool { unicodeScalars.allSatisfy { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } }
}
