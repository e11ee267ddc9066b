import ArgumentParser
import Commerce
import Foundation

/// `shopassist eval …`: offline evaluations.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval", abstract: "Evaluate components offline (recommendation quality).",
        subcommands: [EvalRecommendCommand.self])
}

/// `shopassist eval recommend`: the leave-last-basket-out protocol of issue 4 on a purchase log or a store's orders.
struct EvalRecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Hit-rate, NDCG, recall and coverage @10 of the recommenders on held-out last baskets.",
        discussion: "Give --purchases FILE (the UCI Online Retail CSV, gzip or plain) or --store PATH (a shop's orders). --tune searches the shipped blend's settings on the validation split carved from training (never the test baskets).")

    @Option(help: "A purchase log in the Online Retail layout (.csv or .csv.gz).") var purchases: String?
    @Option(help: "A store whose orders to evaluate on (e.g. the demo shop).") var store: String?
    @Flag(help: "Print one JSON object keyed by model name.") var json = false
    @Flag(help: "Search the shipped blend's settings on the validation split and print them.") var tune = false

    func validate() throws {
        if (purchases == nil) == (store == nil) { throw ValidationError("give exactly one of --purchases FILE or --store PATH.") }
    }

    func run() throws {
        let baskets: [PurchaseBasket]
        if let purchases {
            baskets = try RetailLog.baskets(file: purchases)
        } else {
            baskets = try StoreBaskets.load(storePath: store ?? "")
        }
        let split = HoldoutSplit(baskets)
        if tune {
            let best = RecommendEvaluation.tune(split.validation) { printError($0) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(best), as: UTF8.self))
            return
        }
        let results = RecommendEvaluation.run(split) { printError($0) }
        print(json ? try RecommendEvaluation.json(results) : RecommendEvaluation.table(results))
    }
}
