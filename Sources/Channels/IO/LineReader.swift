#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads newline-delimited lines from a file descriptor in bounded memory.
///
/// A line longer than `maxLineBytes` is never buffered whole: its bytes are dropped as
/// they arrive and the reader reports `.tooLong` once the newline is reached, so a
/// client sending a 5 MiB line costs at most `maxLineBytes` of memory.
public struct LineReader {
    public enum Event: Equatable {
        /// A line without its terminating `\n` (and `\r`).
        case line([UInt8])
        /// A line that exceeded the limit, with its total length.
        case tooLong(bytes: Int)
    }

    public let maxLineBytes: Int
    private let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private var bufferStart = 0
    private var bufferEnd = 0
    private var eof = false

    public init(fileDescriptor: Int32, maxLineBytes: Int) {
        self.fd = fileDescriptor
        self.maxLineBytes = maxLineBytes
    }

    /// The next line, or nil at end of input. A final line without a newline is returned too.
    public mutating func next() -> Event? {
        var line: [UInt8] = []
        var length = 0
        var overflowed = false
        while true {
            if bufferStart == bufferEnd {
                if eof || !fill() {
                    if length == 0 { return nil }
                    return overflowed ? .tooLong(bytes: length) : .line(Self.trimCR(line))
                }
            }
            let chunk = buffer[bufferStart..<bufferEnd]
            if let newline = chunk.firstIndex(of: 0x0A) {
                let piece = buffer[bufferStart..<newline]
                length += piece.count
                if !overflowed {
                    if length > maxLineBytes + 1 { overflowed = true; line = [] } else { line.append(contentsOf: piece) }
                }
                bufferStart = newline + 1
                if !overflowed, Self.trimCR(line).count > maxLineBytes { overflowed = true }
                return overflowed ? .tooLong(bytes: length) : .line(Self.trimCR(line))
            }
            length += chunk.count
            if !overflowed {
                if length > maxLineBytes + 1 { overflowed = true; line = [] } else { line.append(contentsOf: chunk) }
            }
            bufferStart = bufferEnd
        }
    }

    private mutating func fill() -> Bool {
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 { bufferStart = 0; bufferEnd = n; return true }
            if n < 0 && errno == EINTR { continue }
            eof = true
            return false
        }
    }

    private static func trimCR(_ line: [UInt8]) -> [UInt8] {
        line.last == 0x0D ? Array(line.dropLast()) : line
    }
}
