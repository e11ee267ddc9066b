import Commerce
import Dialogue
import Foundation
import GRDB
import NLU
@testable import Insights

/// A small demo shop built once per test process (through `Assistant.open`, as the commands
/// do) and copied for every simulation, and the NLU model from the tests' model cache.
enum SimulationFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("insights-sim-\(getpid())")

    static func configuration(_ path: String, experiments: [Experiment]? = nil) -> AssistantConfiguration {
        AssistantConfiguration(
            storePath: path,
            intentsPath: packageRoot.appendingPathComponent("Intents").path,
            templatesPath: packageRoot.appendingPathComponent("Dialogues/templates").path,
            modelCache: ModelCache(directory: packageRoot.appendingPathComponent(".build/test-model-cache")),
            demo: DemoShopOptions(seed: 11, products: 600, customers: 40, orders: 200, referenceDate: Date(timeIntervalSince1970: 1_795_000_000)),
            channel: "simulator",
            variants: experiments.map { ExperimentAssigner($0) })
    }

    static let master: Result<String, Error> = Result {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("master.sqlite").path
        _ = try Assistant.open(configuration(path))
        let store = try ShopStore.open(at: path)
        try store.checkpoint(.truncate)
        return path
    }

    /// A fresh copy of the master shop.
    static func freshStore() throws -> String {
        let path = folder.appendingPathComponent("\(UUID().uuidString).sqlite").path
        try FileManager.default.copyItem(atPath: try master.get(), toPath: path)
        return path
    }

    /// Simulates `sessions` shoppers on a fresh store under `experiments`; returns the store.
    static func simulate(sessions: Int, seed: UInt64, workers: Int = 1, experiments: [Experiment]? = nil) throws -> (ShopStore, SimulationSummary) {
        let path = try freshStore()
        let assistant = try Assistant.open(configuration(path, experiments: experiments))
        let store = try ShopStore.open(at: path)
        let summary = try ShopperSimulator(assistant: assistant, store: store).run(sessions: sessions, seed: seed, workers: workers)
        return (store, summary)
    }

    /// The events the simulator wrote (channel `simulator`), without ids and clock times.
    static func simulatedEvents(_ store: ShopStore) throws -> [String] {
        try store.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT type, session_id, customer_id, sku, channel, variant, payload FROM events WHERE channel = 'simulator' ORDER BY id
                """).map { row in (0..<7).map { (row[$0] as DatabaseValue).description }.joined(separator: "|") }
        }
    }
}
