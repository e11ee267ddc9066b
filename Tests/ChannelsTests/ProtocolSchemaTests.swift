import Foundation
import Testing
@testable import Channels

@Suite("Protocol schema")
struct ProtocolSchemaTests {
    let validator: SchemaValidator

    init() throws {
        validator = try SchemaValidator(file: packageRoot.appendingPathComponent("docs/protocol.schema.json").path)
    }

    @Test("every reply of the dispatcher, good or bad, is a valid response")
    func dispatcherReplies() throws {
        let dispatcher = makeTestDispatcher()
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
            "garbage",
            #"{"jsonrpc":"2.0","id":2,"method":"nope"}"#,
            #"[{"jsonrpc":"2.0","id":3,"method":"ping"},5]"#,
            #"{"jsonrpc":"2.0","id":"x","method":"echo","params":{}}"#,
        ]
        for line in lines {
            let reply = try decodeLine(dispatcher.reply(toLine: Array(line.utf8)))
            #expect(validator.validate(reply).isEmpty, "\(line) → \(validator.validate(reply))")
        }
    }

    @Test("the validator rejects what the schema forbids")
    func validatorCatchesProblems() throws {
        let bad = try decodeLine(#"{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":""}}"#)
        #expect(!validator.validate(bad).isEmpty)
        let card = try decodeLine(#"{"sku":"A","title":"t","brand":"b","price":-1,"currency":"USD"}"#)
        #expect(validator.validate(card, against: "card").contains { $0.contains("< 0") })
        let message = try decodeLine(#"{"type":"products","cards":[]}"#)
        #expect(validator.validate(message, against: "message").isEmpty)
        let wrongType = try decodeLine(#"{"type":"video","url":"x"}"#)
        #expect(!validator.validate(wrongType, against: "message").isEmpty)
    }
}
