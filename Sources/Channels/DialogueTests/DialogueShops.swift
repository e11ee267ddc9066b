import Commerce
import Dialogue
import Foundation
import GRDB

/// Gives each dialogue test an assistant on its own fresh copy of a demo shop.
///
/// The demo shop for a seed is built once per run (with its recommendation statistics)
/// and copied per dialogue: a copy costs milliseconds, and a checkout in one dialogue
/// can never change what the next one sees.
public final class DialogueShops {
    public let workDirectory: URL
    public let base: AssistantConfiguration
    private var templates: [UInt64: URL] = [:]
    private var copies = 0

    /// - Parameter base: where Intents/, the templates and the model cache are; its store
    ///   path is ignored (each dialogue gets its own).
    public init(base: AssistantConfiguration, workDirectory: URL? = nil) throws {
        self.base = base
        self.workDirectory = workDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("shopassist-dialogues-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: self.workDirectory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: workDirectory) }

    /// A new assistant on a fresh copy of the demo shop with the script's seed (42 by default).
    public func assistant(for script: DialogueScript) throws -> Assistant {
        let seed = script.seed ?? DemoShopOptions.defaultSeed
        let template = try templateShop(seed: seed)
        copies += 1
        let copy = workDirectory.appendingPathComponent("dialogue-\(copies).sqlite")
        try FileManager.default.copyItem(at: template, to: copy)
        var configuration = base
        configuration.storePath = copy.path
        configuration.channel = "dialogue-test"
        configuration.demo.seed = seed
        return try Assistant.open(configuration)
    }

    private func templateShop(seed: UInt64) throws -> URL {
        if let url = templates[seed] { return url }
        let url = workDirectory.appendingPathComponent("template-\(seed).sqlite")
        var configuration = base
        configuration.storePath = url.path
        configuration.demo.seed = seed
        _ = try Assistant.open(configuration)
        // Fold the WAL into the main file so that a plain copy of it is the whole shop.
        let store = try ShopStore.open(at: url.path)
        try store.checkpoint(.truncate)
        templates[seed] = url
        return url
    }
}
