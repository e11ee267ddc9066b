import Commerce
import Dialogue
import Foundation

/// One small demo shop and one assistant for the whole test process (debug builds are
/// slow: the shop is built and the NLU model loaded once).
enum AssistantFixture {
    static let configuration: AssistantConfiguration = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("channels-tests-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return AssistantConfiguration(
            storePath: directory.appendingPathComponent("shop.sqlite").path,
            intentsPath: packageRoot.appendingPathComponent("Intents").path,
            templatesPath: packageRoot.appendingPathComponent("Dialogues/templates").path,
            demo: DemoShopOptions(seed: 42, products: 800, customers: 60, orders: 400))
    }()

    static let shared: Result<Assistant, Error> = Result { try Assistant.open(configuration) }

    static func assistant() throws -> Assistant { try shared.get() }
}
