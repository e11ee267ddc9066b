import ArgumentParser
import Commerce
import Foundation
import Insights

struct InsightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights",
        abstract: "Retention insights: churn risk per customer.",
        subcommands: [ChurnInsightsCommand.self]
    )
}

struct ChurnInsightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "churn",
        abstract: "Who is likely to stop buying, why, and what to offer them.",
        discussion: """
            Builds recency/frequency/monetary and rhythm features per customer, trains a logistic model on a \
            time split (label: no purchase in the next --horizon days), reports its AUC on the later period \
            against the RFM-score baseline, and lists the customers at risk now with a reason and a win-back offer. \
            Reads the store's orders, or --purchases FILE (the UCI Online Retail log, gzip or plain, or a CSV \
            customer,date,amount).
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "A purchase log to read instead of the store.") var purchases: String?
    @Option(help: "Days without a purchase that count as churn.") var horizon: Int = 90
    @Option(help: "At-risk customers to list.") var top: Int = 25
    @Option(help: "Training snapshots, a month apart.") var snapshots: Int = 4
    @Flag(help: "Print JSON (auc, baseline_auc, customers, at_risk, …).") var json = false

    func validate() throws {
        if horizon < 7 { throw ValidationError("--horizon must be at least 7 days (got \(horizon)).") }
        if top < 0 { throw ValidationError("--top must not be negative (got \(top)).") }
        if purchases != nil && storeOptions.store != nil { throw ValidationError("give either --store or --purchases, not both.") }
    }

    func run() throws {
        let history: [Purchase]
        do {
            if let purchases {
                history = try PurchaseLog.read(file: purchases)
            } else {
                let path = StoreLocation.resolve(explicit: storeOptions.store)
                guard FileManager.default.fileExists(atPath: path) else {
                    throw ValidationError("no store at \(path). Build one with `shopassist demo`, or pass --store PATH or --purchases FILE.")
                }
                history = try PurchaseLog.read(store: try ShopStore.open(at: path))
            }
        } catch let error as PurchaseLogError {
            throw ValidationError(error.description)
        }
        printError("insights churn: \(history.count) purchases")
        do {
            let report = try ChurnAnalysis.run(purchases: history, horizonDays: horizon, top: top, snapshots: snapshots)
            print(json ? try report.json() : report.text(), terminator: json ? "\n" : "")
        } catch let error as ChurnError {
            throw ValidationError(error.description)
        }
    }
}
