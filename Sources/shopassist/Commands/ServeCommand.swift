import ArgumentParser
import Channels
import Commerce
import Dialogue
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve JSON-RPC 2.0 over stdin/stdout for web chat widgets.",
        discussion: """
        One JSON object per line in, one per line out; logs go to stderr. Methods: chat, complete, event, \
        session.reset, session.state, nlu.parse, ping. See README "JSON-RPC protocol" and docs/protocol.schema.json.
        """
    )
    @OptionGroup var options: AssistantOptions
    @OptionGroup var experiment: ExperimentOption
    @Option(help: "The longest request line read, in bytes; longer lines get an error reply.") var maxLineBytes = JSONRPCServer.defaultMaxLineBytes

    func validate() throws {
        guard maxLineBytes >= 64 else { throw ValidationError("--max-line-bytes must be at least 64 (got \(maxLineBytes)).") }
    }

    func run() throws {
        let configuration = try options.configuration()
        let assistant = try options.openAssistant(channel: "jsonrpc", experimentFile: experiment.experiment)
        let completion = LazyCompletion(storePath: configuration.storePath)
        let methods = AssistantMethods.make(assistant: assistant, parser: assistant.parser) { prefix, limit in
            try completion.complete(prefix, limit: limit)
        }
        printError("shopassist serve: ready (JSON-RPC 2.0 on stdin/stdout).")
        let server = JSONRPCServer(dispatcher: JSONRPCDispatcher(methods: methods), maxLineBytes: maxLineBytes)
        _ = server.serve(input: 0, output: 1)
    }
}

/// The type-ahead index, built on the first `complete` call (a widget that never
/// asks for completion does not pay for it).
final class LazyCompletion: @unchecked Sendable {
    private let storePath: String
    private let lock = NSLock()
    private var service: SearchService?

    init(storePath: String) { self.storePath = storePath }

    func complete(_ prefix: String, limit: Int) throws -> [JSONValue] {
        lock.lock()
        defer { lock.unlock() }
        let index: SearchService
        if let service {
            index = service
        } else {
            index = try SearchService(store: try ShopStore.open(at: storePath))
            service = index
        }
        let completion = index.complete(prefix, queries: limit, products: limit)
        let queries: [JSONValue] = completion.queries.map { .object(["text": .string($0.text), "kind": .string($0.kind.rawValue)]) }
        let products: [JSONValue] = completion.products.map { .object(["text": .string($0.title), "kind": .string("product"), "product": .int($0.productID)]) }
        return queries + products
    }
}
