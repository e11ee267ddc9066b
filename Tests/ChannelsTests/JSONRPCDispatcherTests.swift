import Foundation
import Testing
@testable import Channels

/// A dispatcher with a few methods that show params handling and errors.
func makeTestDispatcher() -> JSONRPCDispatcher {
    var methods = JSONRPCDispatcher.Methods()
    methods["ping"] = { _ in .string("pong") }
    methods["echo"] = { params in
        .object(["session": .string(try params.string("session")), "text": .string(try params.string("text"))])
    }
    methods["fail"] = { _ in throw CocoaError(.fileNoSuchFile) }
    return JSONRPCDispatcher(methods: methods)
}

func decodeLine(_ line: String?) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data((line ?? "null").utf8))
}

@Suite("JSON-RPC dispatcher")
struct JSONRPCDispatcherTests {
    let dispatcher = makeTestDispatcher()

    func reply(_ text: String) throws -> JSONValue {
        try decodeLine(dispatcher.reply(toLine: Array(text.utf8)))
    }

    @Test("a request gets its result with the same id, integral ids stay integral")
    func success() throws {
        let line = dispatcher.reply(toLine: Array(#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#.utf8))
        #expect(line == #"{"id":7,"jsonrpc":"2.0","result":"pong"}"#)
        #expect(try reply(#"{"jsonrpc":"2.0","id":"abc","method":"ping"}"#)["id"] == .string("abc"))
    }

    @Test("a notification gets no reply, even when it fails")
    func notifications() {
        #expect(dispatcher.reply(toLine: Array(#"{"jsonrpc":"2.0","method":"ping"}"#.utf8)) == nil)
        #expect(dispatcher.reply(toLine: Array(#"{"jsonrpc":"2.0","method":"nope"}"#.utf8)) == nil)
    }

    @Test("errors carry the specification's codes", arguments: [
        (#"{"jsonrpc":"2.0","id":1,"method":"ping""#, -32700),
        ("not json at all", -32700),
        (#"[]"#, -32600),
        (#"42"#, -32600),
        (#"{"jsonrpc":"1.0","id":1,"method":"ping"}"#, -32600),
        (#"{"jsonrpc":"2.0","id":1,"method":5}"#, -32600),
        (#"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#, -32600),
        (#"{"foo":"boo"}"#, -32600),
        (#"{"jsonrpc":"2.0","id":1,"method":"nope"}"#, -32601),
        (#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"session":"s"}}"#, -32602),
        (#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"session":3,"text":"x"}}"#, -32602),
        (#"{"jsonrpc":"2.0","id":1,"method":"echo","params":[1,2]}"#, -32602),
        (#"{"jsonrpc":"2.0","id":1,"method":"fail"}"#, -32603),
    ])
    func errorCodes(line: String, code: Int) throws {
        let value = try reply(line)
        #expect(value["error"]?["code"] == .int(Int64(code)), "\(line) → \(value)")
        #expect(value["jsonrpc"] == .string("2.0"))
    }

    @Test("a bad param is named in the error")
    func namesTheField() throws {
        let value = try reply(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"session":"s"}}"#)
        #expect(value["error"]?["data"]?["field"] == .string("text"))
        guard case .string(let message)? = value["error"]?["message"] else { Issue.record("no message"); return }
        #expect(message.contains("'text'"))
    }

    @Test("invalid UTF-8 is a parse error that says so")
    func invalidUTF8() throws {
        var bytes = Array(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"session":"a","text":""#.utf8)
        bytes += [0xC3, 0x28] + Array(#""}}"#.utf8)
        let value = try decodeLine(dispatcher.reply(toLine: bytes))
        #expect(value["error"]?["code"] == .int(-32700))
        guard case .string(let message)? = value["error"]?["message"] else { Issue.record("no message"); return }
        #expect(message.contains("UTF-8"))
    }

    @Test("a batch answers each request in order and skips notifications")
    func batch() throws {
        let value = try reply(#"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"ping"},{"jsonrpc":"2.0","id":2,"method":"nope"},7]"#)
        guard case .array(let items) = value else { Issue.record("not an array: \(value)"); return }
        #expect(items.count == 3)
        #expect(items[0]["result"] == .string("pong"))
        #expect(items[1]["error"]?["code"] == .int(-32601))
        #expect(items[2]["error"]?["code"] == .int(-32600))
        #expect(dispatcher.reply(toLine: Array(#"[{"jsonrpc":"2.0","method":"ping"}]"#.utf8)) == nil)
    }

    @Test("replies never contain a raw newline")
    func oneLine() throws {
        let line = dispatcher.reply(toLine: Array(#"{"jsonrpc":"2.0","id":1,"method":"echo","params":{"session":"a","text":"two\nlines"}}"#.utf8))
        #expect(line?.contains("\n") == false)
        #expect(try decodeLine(line)["result"]?["text"] == .string("two\nlines"))
    }
}
