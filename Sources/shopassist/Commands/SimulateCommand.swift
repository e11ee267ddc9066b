import ArgumentParser
import Commerce
import Dialogue
import Foundation
import Insights

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulated shoppers talking to the real engine.",
        discussion: """
            Synthetic shoppers — demo customers (signed in, preferences from their orders) and guests — search, refine, \
            compare, ask for recommendations, click what fits them, add to cart, check out or abandon, through \
            Assistant.respond. Their sessions and events are written INTO the store given (--store; built as a demo shop \
            on first run), on channel 'simulator': point it at a scratch store, not the shop you report on. The same \
            --seed on a fresh copy of the same store gives the same events with one worker (the default); --workers 2 \
            runs two shoppers at once (one per core), with the same shoppers but totals that may differ slightly \
            between runs where they meet in shared stock. Then: shopassist report --store PATH \
            --experiments FILE.
            """
    )
    @OptionGroup var options: AssistantOptions
    @OptionGroup var experiment: ExperimentOption
    @Option(help: "How many shopper sessions to simulate.") var sessions = 1000
    @Option(help: "The seed of every random draw.") var seed: UInt64 = 1
    @Option(help: "Shoppers talking to the engine at once (threads); 1 is reproducible to the event.") var workers = 1
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard sessions >= 0 else { throw ValidationError("--sessions must be 0 or more (got \(sessions)).") }
        guard workers >= 1 else { throw ValidationError("--workers must be 1 or more (got \(workers)).") }
    }

    func run() throws {
        let assistant = try options.openAssistant(channel: "simulator", experimentFile: experiment.experiment)
        let path = try options.configuration().storePath
        let simulator = try ShopperSimulator(assistant: assistant, store: try ShopStore.open(at: path))
        let summary = try simulator.run(sessions: sessions, seed: seed, workers: workers) { [sessions] done in printError("simulate: \(done)/\(sessions) sessions") }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(summary.text(), terminator: "")
        }
    }
}
