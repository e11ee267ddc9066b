import Commerce
import Foundation
import NLU
import Testing
@testable import Dialogue

@Suite("Start-up: Assistant.open")
struct StartupTests {
    final class Messages: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    }

    @Test("a second start finds the model by the training files' bytes, and the first search waits for the background index")
    func secondStartFromSourceKey() throws {
        let path = try DemoFixture.freshStorePath()
        let cacheDir = FileManager.default.temporaryDirectory.appendingPathComponent("startup-test-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cacheDir) }
        let intents = Fixtures.packageRoot.appendingPathComponent("Intents").path
        // The shared test model, copied so this test does not train.
        let data = try TrainingDataLoader().load(intents).data
        let cache = ModelCache(directory: cacheDir)
        try cache.store(try DemoFixture.trainedNLU.get(), key: ModelCache.key(for: data))
        let configuration = AssistantConfiguration(storePath: path, intentsPath: intents, templatesPath: Fixtures.templatesURL.path, modelCache: cache)
        let sourceKey = try #require(ModelCache.sourceKey(trainingDataAt: intents))

        let first = Messages()
        _ = try Assistant.open(configuration) { first.append($0) }
        #expect(first.all.contains("nlu: model from cache"))
        #expect(FileManager.default.fileExists(atPath: cache.url(forSourceKey: sourceKey).path))

        let second = Messages()
        let assistant = try Assistant.open(configuration) { second.append($0) }
        #expect(second.all == ["nlu: model from cache"])
        let reply = try assistant.respond(to: "show me headphones", session: "startup")
        #expect(!reply.cards.isEmpty)
        let recommended = try assistant.respond(to: "what do you recommend?", session: "startup-2")
        #expect(!recommended.cards.isEmpty)
    }
}
