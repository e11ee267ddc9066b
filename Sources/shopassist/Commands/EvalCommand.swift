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
        discussion: "Give --purchases FILE (the UCI Online Retail CSV, gzip or plain) or --store PATH (a shop's orders). --tune also searches the blend settings on the validation split carved from training (never the test baskets) and reports that model as shipped_tuned.")

    @Option(help: "A purchase log in the Online Retail layout (.csv or .csv.gz).") var purchases: String?
    @Option(help: "A store whose orders to evaluate on (e.g. the demo shop).") var store: String?
    @Flag(help: "Print one JSON object keyed by model name.") var json = false
    @Option(help: "Seed of the shipped model's ALS factors (to average runs over seeds).") var seed: UInt64 = 1
    @Flag(help: "Also tune the blend on the validation split carved from training and report it as `shipped_tuned`.") var tune = false

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
        if let purchases, (purchases as NSString).lastPathComponent.hasPrefix("online_retail"),
           split.targets.count != RecommendEvaluation.retailLogEvaluatedCustomers {
            // The protocol is pinned on the shared log: a different count means cleaning or hold-out drifted.
            printError("error: \(purchases): \(split.targets.count) customers evaluated; the protocol gives \(RecommendEvaluation.retailLogEvaluatedCustomers) on the UCI Online Retail log. Check the file or the cleaning rules.")
            throw ExitCode(3)
        }
        var shippedSettings = BlendedRecommender.Configuration.tuned
        shippedSettings.als.seed = seed
        var models = RecommendEvaluation.standardModels(shipped: shippedSettings)
        if tune {
            // Tuned on the validation split (carved from training); the test baskets are only used to report.
            let best = RecommendEvaluation.tune(split.validation) { printError($0) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            printError("tuned on validation: " + String(decoding: try encoder.encode(best), as: UTF8.self))
            var tuned = best
            tuned.als.seed = seed
            models.append(BlendedRecommender(name: "shipped_tuned", configuration: tuned))
        }
        let results = RecommendEvaluation.run(split, models: models) { printError($0) }
        print(json ? try RecommendEvaluation.json(results) : RecommendEvaluation.table(results))
    }
}
