import Foundation
import Testing
@testable import NLU

@Suite("Start-up: the model found by the training files' bytes")
struct SourceKeyTests {
    func tempDir() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("nlu-source-key-\(UUID().uuidString)")
    }

    /// A training folder with the fixture data split over two files (one in a subfolder) and a non-YAML file.
    func makeFolder() throws -> URL {
        let dir = tempDir()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lookups"), withIntermediateDirectories: true)
        let parts = EngineFixtures.yaml.components(separatedBy: "- lookup: brand")
        try parts[0].write(to: dir.appendingPathComponent("intents.yml"), atomically: true, encoding: .utf8)
        try ("version: \"3.1\"\nnlu:\n- lookup: brand" + parts[1]).write(to: dir.appendingPathComponent("lookups/brands.yml"), atomically: true, encoding: .utf8)
        try "notes".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test("the key follows the files' bytes and names, not their dates; other files do not count")
    func keyFollowsBytes() throws {
        let dir = try makeFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = try #require(ModelCache.sourceKey(trainingDataAt: dir.path))
        #expect(key.count == 32)
        #expect(ModelCache.sourceKey(trainingDataAt: dir.path + "/") == key)
        // Rewritten with the same bytes: same key.
        let file = dir.appendingPathComponent("intents.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(ModelCache.sourceKey(trainingDataAt: dir.path) == key)
        try "other notes".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        #expect(ModelCache.sourceKey(trainingDataAt: dir.path) == key)
        // One byte changed, a file renamed, a file added, another configuration: new keys.
        try (text + " ").write(to: file, atomically: true, encoding: .utf8)
        let changed = ModelCache.sourceKey(trainingDataAt: dir.path)
        #expect(changed != nil && changed != key)
        try text.write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.moveItem(at: file, to: dir.appendingPathComponent("intents2.yml"))
        #expect(ModelCache.sourceKey(trainingDataAt: dir.path) != key)
        try FileManager.default.moveItem(at: dir.appendingPathComponent("intents2.yml"), to: file)
        #expect(ModelCache.sourceKey(trainingDataAt: dir.path) == key)
        try "nlu: []\n".write(to: dir.appendingPathComponent("more.yaml"), atomically: true, encoding: .utf8)
        #expect(ModelCache.sourceKey(trainingDataAt: dir.path) != key)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("more.yaml"))
        var other = NLUConfig()
        other.tagger.epochs += 1
        #expect(ModelCache.sourceKey(trainingDataAt: dir.path, config: other) != key)
        #expect(ModelCache.sourceKey(trainingDataAt: dir.appendingPathComponent("missing").path) == nil)
    }

    @Test("a noted source key loads the model trained from those files; no note or a missing model loads nothing")
    func noteLeadsToModel() throws {
        let dir = try makeFolder(), cacheDir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: cacheDir) }
        let cache = ModelCache(directory: cacheDir)
        let sourceKey = try #require(ModelCache.sourceKey(trainingDataAt: dir.path, config: EngineFixtures.config))
        #expect(cache.load(sourceKey: sourceKey) == nil)
        let data = try TrainingDataLoader().load(dir.path).data
        let trained = try cache.engine(for: data, config: EngineFixtures.config)
        #expect(!trained.fromCache)
        let key = ModelCache.key(for: data, config: EngineFixtures.config)
        try cache.remember(sourceKey: sourceKey, key: key)
        let loaded = try #require(cache.load(sourceKey: sourceKey))
        for line in ["show me red puma shoes", "where is my parcel", "thanks a lot"] {
            #expect(loaded.parse(line) == trained.engine.parse(line))
        }
        try FileManager.default.removeItem(at: cache.url(forKey: key))
        #expect(cache.load(sourceKey: sourceKey) == nil)
        try Data("not a key".utf8).write(to: cache.url(forSourceKey: sourceKey))
        #expect(cache.load(sourceKey: sourceKey) == nil)
    }

    @Test("the hashed deletion index holds exactly the deletion variants", arguments: ["nike", "adidas", "reebok", "underarmour", "sweatshirts", "café", "ab", "a", ""])
    func deletionKeys(word: String) {
        let scalars = Array(word.unicodeScalars)
        for depth in 0...2 {
            let variants = LookupTables.deletionVariants(scalars, depth: depth)
            let hashed = Set(variants.flatMap { LookupTables.deletionKeys(Array($0.unicodeScalars), depth: 0) })
            #expect(LookupTables.deletionKeys(scalars, depth: depth) == hashed)
            #expect(hashed.count == variants.count)
        }
    }
}
