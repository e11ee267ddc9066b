#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole lines to a file descriptor, and tells when the reader has gone away.
///
/// SIGPIPE is ignored so that a closed stdout shows up as a failed write (EPIPE) that
/// the server answers by stopping, not as a crash.
public struct OutputLines {
    private let fd: Int32

    public init(fileDescriptor: Int32) {
        self.fd = fileDescriptor
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes `line` and a newline; false when the other end is closed or the write failed.
    @discardableResult
    public func write(_ line: String) -> Bool {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}
