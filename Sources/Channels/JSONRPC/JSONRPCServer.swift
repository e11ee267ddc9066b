/// Serves JSON-RPC 2.0 over a pair of file descriptors, one JSON object per line.
///
/// Every request gets exactly one reply line, in order; bad input of any kind gets an
/// error reply and the next line is served. The loop ends at end of input (exit 0) or
/// when the output is closed.
public struct JSONRPCServer {
    public static let defaultMaxLineBytes = 1 << 20

    public let dispatcher: JSONRPCDispatcher
    public let maxLineBytes: Int

    public init(dispatcher: JSONRPCDispatcher, maxLineBytes: Int = JSONRPCServer.defaultMaxLineBytes) {
        self.dispatcher = dispatcher
        self.maxLineBytes = maxLineBytes
    }

    /// How serving ended.
    public enum Ending: Equatable { case endOfInput, outputClosed }

    public func serve(input: Int32, output: Int32) -> Ending {
        var reader = LineReader(fileDescriptor: input, maxLineBytes: maxLineBytes)
        let writer = OutputLines(fileDescriptor: output)
        while let event = reader.next() {
            let reply: String?
            switch event {
            case .line(let bytes): reply = dispatcher.reply(toLine: bytes)
            case .tooLong: reply = JSONRPCDispatcher.lineTooLongReply(limit: maxLineBytes)
            }
            if let reply, !writer.write(reply) { return .outputClosed }
        }
        return .endOfInput
    }
}
