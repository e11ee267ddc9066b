import Commerce
import Foundation
import NLU
@testable import Dialogue

/// The shared fixture of the demo-shop tests: the NLU trained once per test process
/// (from the model cache when the data did not change) and a small demo shop built once
/// with a fixed seed; each test gets its own copy of the shop file.
enum DemoFixture {
    static let seed: UInt64 = 7
    static let options = DemoShopOptions(seed: seed, products: 600, customers: 30, orders: 150,
                                         referenceDate: Date(timeIntervalSince1970: 1_795_000_000))

    /// A model cache inside the build folder, so tests never write to the user's home.
    static let modelCache = ModelCache(directory: Fixtures.packageRoot.appendingPathComponent(".build/test-model-cache"))

    static let trainedNLU: Result<NLUEngine, Error> = Result {
        let report = try TrainingDataLoader().load(Fixtures.packageRoot.appendingPathComponent("Intents").path)
        return try modelCache.engine(for: report.data).engine
    }

    /// The master copy of the demo shop, built once.
    static let masterPath: Result<String, Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dialogue-demo-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("shop.sqlite").path
        try DemoShop.build(at: path, options: options)
        let store = try ShopStore.open(at: path)
        _ = try RecommendationStatistics.rebuild(store)
        _ = try store.database.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        return path
    }

    /// A fresh copy of the demo shop for one test.
    static func freshStorePath() throws -> String {
        let master = try masterPath.get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dialogue-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("shop.sqlite").path
        try FileManager.default.copyItem(atPath: master, toPath: path)
        return path
    }

    /// An assistant on a fresh copy of the shop (or on `path` to share a store).
    static func assistant(path: String? = nil) throws -> (Assistant, ShopStore, String) {
        let path = try path ?? freshStorePath()
        let store = try ShopStore.open(at: path)
        var nlu = try trainedNLU.get()
        for (entity, values) in try Assistant.catalogVocabulary(store) { nlu.extendLookup(entity: entity, values: values) }
        let engine = DialogueEngine(services: try ShopServices.commerce(store), templates: Fixtures.templates)
        return (Assistant(parser: NLUParser(engine: nlu), engine: engine, persistence: StoreSessionPersistence(store: store)), store, path)
    }
}
