import Dialogue
import Foundation
import Testing
@testable import Channels

@Suite("shopassist serve on the real assistant", .serialized)
struct ServeProtocolTests {
    let validator: SchemaValidator
    let assistant: Assistant

    init() throws {
        validator = try SchemaValidator(file: packageRoot.appendingPathComponent("docs/protocol.schema.json").path)
        assistant = try AssistantFixture.assistant()
    }

    func dispatcher() -> JSONRPCDispatcher {
        JSONRPCDispatcher(methods: AssistantMethods.make(assistant: assistant, parser: assistant.parser, completer: nil))
    }

    /// Serves `input` through temp files and returns the reply lines.
    func serve(_ input: [UInt8]) throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("in"), outURL = dir.appendingPathComponent("out")
        try Data(input).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let inFD = open(inURL.path, O_RDONLY), outFD = open(outURL.path, O_WRONLY)
        defer { close(inFD); close(outFD) }
        #expect(JSONRPCServer(dispatcher: dispatcher()).serve(input: inFD, output: outFD) == .endOfInput)
        return try String(contentsOf: outURL, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test("a stream of chats in two sessions, garbage, a 5 MiB line and invalid UTF-8 gets exactly one valid reply per request")
    func mixedStream() throws {
        var input: [UInt8] = []
        func line(_ s: String) { input += Array(s.utf8) + [0x0A] }
        let a = "mix-a-\(UUID().uuidString.prefix(6))", b = "mix-b-\(UUID().uuidString.prefix(6))"
        line(#"{"jsonrpc":"2.0","id":1,"method":"chat","params":{"session":"\#(a)","text":"show me headphones"}}"#)
        line(#"{"jsonrpc":"2.0","id":2,"method":"chat","params":{"session":"\#(b)","text":"hello"}}"#)
        line("{not json")
        input += Array(#"{"jsonrpc":"2.0","id":3,"method":"chat","params":{"session":"\#(a)","text":""#.utf8) + [UInt8](repeating: 0x7A, count: 5 << 20) + Array(#""}}"#.utf8) + [0x0A]
        input += Array(#"{"jsonrpc":"2.0","id":4,"method":"chat","params":{"session":"\#(b)","text":"caf"#.utf8) + [0xC3] + Array(#""}}"#.utf8) + [0x0A]
        line(#"{"jsonrpc":"2.0","id":5,"method":"chat","params":{"session":"\#(a)","text":"only the cheaper ones"}}"#)
        line(#"{"jsonrpc":"2.0","id":6,"method":"chat","params":{"session":"\#(b)","text":"where is my order?"}}"#)
        line(#"{"jsonrpc":"2.0","method":"chat","params":{"session":"\#(b)","text":"a notification gets no reply"}}"#)
        line(#"{"jsonrpc":"2.0","id":7,"method":"chat","params":{"text":"no session"}}"#)
        line(#"{"jsonrpc":"2.0","id":8,"method":"event","params":{"session":"\#(a)","type":"product_clicked","sku":"NO-SUCH-SKU"}}"#)
        line(#"{"jsonrpc":"2.0","id":9,"method":"session.state","params":{"session":"\#(a)"}}"#)
        line(#"{"jsonrpc":"2.0","id":10,"method":"nlu.parse","params":{"text":"compare the first two"}}"#)
        line(#"[{"jsonrpc":"2.0","id":11,"method":"ping"},{"jsonrpc":"2.0","id":12,"method":"session.reset","params":{"session":"\#(b)"}}]"#)
        let lines = try serve(input)
        #expect(lines.count == 12, "\(lines.map { $0.prefix(120) })")
        let replies = try lines.map { try decodeLine($0) }
        for (reply, raw) in zip(replies, lines) {
            #expect(validator.validate(reply).isEmpty, "\(raw.prefix(300)): \(validator.validate(reply))")
        }
        func result(_ i: Int) -> JSONValue? { replies[i]["result"] }
        #expect(replies[0]["id"] == .int(1) && result(0)?["session"] == .string(a))
        #expect(replies[1]["id"] == .int(2) && result(1)?["session"] == .string(b))
        #expect(replies[2]["error"]?["code"] == .int(-32700))
        #expect(replies[3]["error"]?["code"] == .int(-32600))
        #expect(replies[4]["error"]?["code"] == .int(-32700))
        #expect(replies[5]["id"] == .int(5) && result(5)?["session"] == .string(a) && result(5)?["turn"] == .int(2))
        #expect(replies[6]["id"] == .int(6) && result(6)?["session"] == .string(b) && result(6)?["turn"] == .int(2))
        #expect(replies[7]["error"]?["data"]?["field"] == .string("session"))
        #expect(replies[8]["error"]?["data"]?["field"] == .string("sku"))
        #expect(result(9) != nil)
        #expect(result(10)?["intent"] == .string("compare_products"))
        guard case .array(let batch) = replies[11] else { Issue.record("batch reply is not an array"); return }
        #expect(batch.count == 2)
        for i in [0, 1, 5, 6] {
            #expect(validator.validate(result(i) ?? .null, against: "chatResult").isEmpty, "\(validator.validate(result(i) ?? .null, against: "chatResult"))")
        }
        guard case .array(let cards)? = result(0)?["messages"].flatMap({ messages -> JSONValue? in
            guard case .array(let items) = messages else { return nil }
            return items.first { $0["type"] == .string("products") }?["cards"]
        }) else { Issue.record("no product cards for 'show me headphones'"); return }
        #expect(!cards.isEmpty)
    }
}
