import Foundation
import Testing
@testable import NLU

@Suite("Model file and cache")
struct CacheTests {
    func tempDir() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("nlu-cache-test-\(UUID().uuidString)")
    }

    let lines = ["show me red puma shoes", "where is my parcel", "thanks a lot", "hello", "i want navy adiddas jackets under $40", "zzqx blorp", "helloooo", "wher is my parsel"]

    @Test("a stored and reloaded model gives identical parses")
    func roundTrip() throws {
        var engine = try EngineFixtures.engine()
        engine.extendLookup(entity: "brand", values: ["Reebok"])
        let loaded = try NLUEngine(serialized: try engine.serialized())
        #expect(loaded.classifier.delexicalFrame && loaded.config.runnerUpMargin == engine.config.runnerUpMargin)
        let date = CalendarDate(year: 2026, month: 11, day: 25)
        for line in lines + ["reebok boots"] {
            #expect(loaded.parse(line, referenceDate: date) == engine.parse(line, referenceDate: date))
        }
    }

    @Test("the nearest-example index is stored and reloaded with its weight")
    func nearestExamplesRoundTrip() throws {
        var config = EngineFixtures.config
        config.intent.nearestExampleWeights = [5]
        let engine = try NLUEngine.train(try EngineFixtures.data(), config: config)
        let loaded = try NLUEngine(serialized: try engine.serialized())
        let stored = try #require(engine.classifier.nearest)
        #expect(loaded.classifier.nearest?.weight == 5)
        #expect(loaded.classifier.nearest?.labels == stored.labels)
        #expect(loaded.classifier.nearest?.codes == stored.codes)
        #expect(loaded.classifier.nearest?.rowScales == stored.rowScales)
        #expect(stored.center.count == stored.dimensions)
        #expect(stored.directions.count == config.intent.nearestSharedComponents * stored.dimensions)
        #expect(loaded.classifier.nearest?.center == stored.center)
        #expect(loaded.classifier.nearest?.directions == stored.directions)
        for line in lines { #expect(loaded.parse(line) == engine.parse(line)) }
    }

    @Test("the cache trains once, then loads; changed data gets a new key and retrains")
    func keyedByData() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = ModelCache(directory: dir)
        let data = try EngineFixtures.data()
        let first = try cache.engine(for: data, config: EngineFixtures.config)
        #expect(!first.fromCache)
        let second = try cache.engine(for: data, config: EngineFixtures.config)
        #expect(second.fromCache)
        for line in lines { #expect(second.engine.parse(line) == first.engine.parse(line)) }

        var changed = data
        changed.examples.append(TrainingExample(text: "show me purple hats", intent: "search_product"))
        #expect(ModelCache.key(for: changed, config: EngineFixtures.config) != ModelCache.key(for: data, config: EngineFixtures.config))
        let third = try cache.engine(for: changed, config: EngineFixtures.config)
        #expect(!third.fromCache)
        var hinge = data
        hinge.settings.intentLoss = .hinge
        #expect(ModelCache.key(for: hinge, config: EngineFixtures.config) != ModelCache.key(for: data, config: EngineFixtures.config))
        var otherConfig = EngineFixtures.config
        otherConfig.tagger.epochs += 1
        #expect(ModelCache.key(for: data, config: otherConfig) != ModelCache.key(for: data, config: EngineFixtures.config))
    }

    @Test("a damaged model file is reported with its path, and the cache retrains")
    func damaged() throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = ModelCache(directory: dir)
        let data = try EngineFixtures.data()
        let key = ModelCache.key(for: data, config: EngineFixtures.config)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let good = try EngineFixtures.engine().serialized()
        try good.prefix(good.count / 2).write(to: cache.url(forKey: key))
        #expect(throws: NLUEngineError.self) { try NLUEngine(serialized: good.prefix(good.count / 2), path: "x.model") }
        #expect(throws: NLUEngineError.self) { try NLUEngine(serialized: Data("not a model".utf8)) }
        // A model from an older build says so, whatever else its header lacks.
        var old = BinaryWriter()
        for byte in NLUEngine.magic { old.write(byte) }
        old.write(bytes: Data(#"{"version": 1}"#.utf8))
        #expect(throws: NLUEngineError.badModelFile(path: "old.model", reason: "model version 1, this build reads \(NLUEngine.modelVersion)")) {
            try NLUEngine(serialized: old.data, path: "old.model")
        }
        #expect(cache.load(key: key) == nil)
        #expect(try !cache.engine(for: data, config: EngineFixtures.config).fromCache)
        #expect(cache.load(key: key) != nil)
    }
}
