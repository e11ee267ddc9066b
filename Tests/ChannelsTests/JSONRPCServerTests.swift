import Foundation
import Testing
@testable import Channels

/// Runs the server over temporary files standing in for stdin and stdout.
func serve(_ input: [UInt8], maxLineBytes: Int = JSONRPCServer.defaultMaxLineBytes) throws -> (JSONRPCServer.Ending, [String]) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rpc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("in"), outURL = dir.appendingPathComponent("out")
    try Data(input).write(to: inURL)
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    let inFD = open(inURL.path, O_RDONLY), outFD = open(outURL.path, O_WRONLY)
    defer { close(inFD); close(outFD) }
    let server = JSONRPCServer(dispatcher: makeTestDispatcher(), maxLineBytes: maxLineBytes)
    let ending = server.serve(input: inFD, output: outFD)
    let out = try String(contentsOf: outURL, encoding: .utf8)
    return (ending, out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty })
}

@Suite("JSON-RPC server over a byte stream")
struct JSONRPCServerTests {
    @Test("a mixed stream gets exactly one correct reply per request, in order")
    func mixedStream() throws {
        var input: [UInt8] = []
        func line(_ s: String) { input += Array(s.utf8) + [0x0A] }
        line(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"session":"A","text":"hello"}}"#)
        line(#"{"jsonrpc":"2.0","id":2,"method":"echo","params":{"session":"B","text":"hi"}}"#)
        line("garbage {{{")
        input += Array(#"{"jsonrpc":"2.0","id":3,"method":"echo","params":{"session":"A","text":""#.utf8)
        input += [UInt8](repeating: 0x61, count: 5 * 1024 * 1024) + Array(#""}}"#.utf8) + [0x0A]
        input += Array(#"{"jsonrpc":"2.0","id":4,"method":"echo","params":{"session":"B","text":"x"#.utf8) + [0xFF, 0xFE] + Array(#""}}"#.utf8) + [0x0A]
        line(#"{"jsonrpc":"2.0","method":"ping"}"#)
        line("")
        line(#"{"jsonrpc":"2.0","id":5,"method":"echo","params":{"session":"A","text":"still here"}}"#)
        input += Array(#"{"jsonrpc":"2.0","id":6,"method":"ping"}"#.utf8)  // no final newline
        let (ending, lines) = try serve(input)
        #expect(ending == .endOfInput)
        #expect(lines.count == 7)
        let replies = try lines.map { try decodeLine($0) }
        #expect(replies[0]["result"]?["session"] == .string("A"))
        #expect(replies[1]["result"]?["session"] == .string("B"))
        #expect(replies[2]["error"]?["code"] == .int(-32700))
        #expect(replies[3]["error"]?["code"] == .int(-32600))
        #expect(replies[4]["error"]?["code"] == .int(-32700))
        #expect(replies[5]["result"]?["text"] == .string("still here"))
        #expect(replies[6]["result"] == .string("pong"))
    }

    @Test("CRLF line ends are accepted")
    func crlf() throws {
        let (_, lines) = try serve(Array("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r\n".utf8))
        #expect(lines == [#"{"id":1,"jsonrpc":"2.0","result":"pong"}"#])
    }

    @Test("a line exactly at the limit is served; one byte more is refused", arguments: [0, 1])
    func limit(extra: Int) throws {
        let request = #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#
        let padded = request + String(repeating: " ", count: 10 + extra)
        let (_, lines) = try serve(Array((padded + "\n").utf8), maxLineBytes: request.utf8.count + 10)
        let reply = try decodeLine(lines.first)
        if extra == 0 { #expect(reply["result"] == .string("pong")) } else { #expect(reply["error"]?["code"] == .int(-32600)) }
    }
}

@Suite("Line reader")
struct LineReaderTests {
    @Test("an oversized line is reported with its length and the next line still comes")
    func oversized() throws {
        var pipeFDs: [Int32] = [0, 0]
        #expect(pipe(&pipeFDs) == 0)
        let payload = [UInt8](repeating: 0x62, count: 200_000) + [0x0A] + Array("next".utf8)
        let writeEnd = pipeFDs[1]
        let writer = Thread {
            payload.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count { offset += write(writeEnd, raw.baseAddress! + offset, raw.count - offset) }
            }
            close(writeEnd)
        }
        writer.start()
        var reader = LineReader(fileDescriptor: pipeFDs[0], maxLineBytes: 1000)
        #expect(reader.next() == .tooLong(bytes: 200_000))
        #expect(reader.next() == .line(Array("next".utf8)))
        #expect(reader.next() == nil)
        close(pipeFDs[0])
    }
}
