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

    /// This process's folder for demo shops; folders left by test processes that have
    /// ended are removed first, so repeated runs do not fill the temporary folder.
    static let folder: URL = {
        let tmp = FileManager.default.temporaryDirectory
        let prefix = "dialogue-tests-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
        return tmp.appendingPathComponent("\(prefix)\(getpid())")
    }()

    /// The master copy of the demo shop, built once.
    static let masterPath: Result<String, Error> = Result {
        let path = folder.appendingPathComponent("master/shop.sqlite").path
        try DemoShop.build(at: path, options: options)
        let store = try ShopStore.open(at: path)
        _ = try RecommendationStatistics.rebuild(store)
        try store.checkpoint(.truncate)
        return path
    }

    /// A fresh copy of the demo shop for one test.
    static func freshStorePath() throws -> String {
        let master = try masterPath.get()
        let copy = folder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let path = copy.appendingPathComponent("shop.sqlite").path
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
