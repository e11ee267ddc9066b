import Foundation

/// Runs the offline recommendation protocol: split, train each model on the training baskets, recommend ten new
/// items to every evaluated customer, and measure.
public enum RecommendEvaluation {
    /// Customers the protocol evaluates on the full UCI Online Retail log (`shopassist eval recommend` checks it).
    public static let retailLogEvaluatedCustomers = 2_498

    /// The models `shopassist eval recommend` reports, in order.
    public static func standardModels(shipped: BlendedRecommender.Configuration = .tuned) -> [any RecommenderTrainer] {
        [
            Popularity(name: "popularity"),
            Popularity(name: "popularity_90d", windowDays: 90),
            ItemKNN(name: "item_knn", neighbours: 100),
            BlendedRecommender(name: "shipped", configuration: shipped),
        ]
    }

    /// One model's result.
    public struct Result: Sendable {
        public var model: String
        public var metrics: RankingMetrics
    }

    /// Top-`k` recommendations for every evaluated customer of `split`, never an item they bought in training.
    public static func recommendations(_ scorer: any ItemScorer, data: InteractionMatrix, customers: some Sequence<String>, k: Int = 10) -> [String: [String]] {
        var out: [String: [String]] = [:]
        var scores = [Float](repeating: 0, count: data.itemCount)
        for customer in customers {
            guard let u = data.userIndex[customer] else { continue }
            scorer.score(user: u, into: &scores)
            out[customer] = TopK.select(scores, k: k, excluding: data.userItems[u]).map { data.itemIDs[$0] }
        }
        return out
    }

    /// Trains and measures each model on `split`.
    public static func run(_ split: HoldoutSplit, models: [any RecommenderTrainer] = standardModels(), k: Int = 10,
                           progress: (String) -> Void = { _ in }) -> [Result] {
        let data = InteractionMatrix(split.training)
        progress("training: \(split.training.count) baskets, \(data.userCount) customers, \(data.itemCount) items; evaluating \(split.targets.count) customers")
        return models.map { model in
            let start = DispatchTime.now().uptimeNanoseconds
            let scorer = model.train(data)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let lists = recommendations(scorer, data: data, customers: split.targets.keys, k: k)
            let metrics = RankingMetrics.measure(recommendations: lists, targets: split.targets, catalogSize: data.itemCount, k: k, trainSeconds: seconds)
            progress(String(format: "%@: hit@10 %.4f, NDCG@10 %.4f (train %.2f s)", model.name, metrics.hitRateAt10, metrics.ndcgAt10, seconds))
            return Result(model: model.name, metrics: metrics)
        }
    }

    /// Renders results as the `--json` object: one entry per model name.
    public static func json(_ results: [Result]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var parts: [String] = []
        for result in results {
            let body = String(decoding: try encoder.encode(result.metrics), as: UTF8.self)
            let key = String(decoding: try encoder.encode(result.model), as: UTF8.self)
            parts.append("\(key):\(body)")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// Renders results as an aligned table.
    public static func table(_ results: [Result]) -> String {
        var lines = ["model            hit@10   NDCG@10  recall@10  coverage@10  customers  train_s"]
        for r in results {
            let m = r.metrics
            lines.append(String(format: "%@ %6.4f   %6.4f   %6.4f     %6.4f       %5d      %6.2f",
                                r.model.padding(toLength: 16, withPad: " ", startingAt: 0), m.hitRateAt10, m.ndcgAt10, m.recallAt10, m.coverageAt10, m.customers, m.trainSeconds))
        }
        return lines.joined(separator: "\n")
    }
}

extension RecommendEvaluation {
    /// Searches the shipped blend's settings on a validation split, by NDCG@10, and returns the best.
    ///
    /// Pass `HoldoutSplit.validation` of the evaluation split: tuning must never see the test baskets.
    /// ALS settings are searched first with the blend weights at their defaults, then the weights and the
    /// popularity window with the best ALS fixed.
    public static func tune(_ validation: HoldoutSplit, progress: (String) -> Void = { _ in }) -> BlendedRecommender.Configuration {
        let data = InteractionMatrix(validation.training)
        let customers = Array(validation.targets.keys).sorted()
        func measure(_ configuration: BlendedRecommender.Configuration, components: BlendedRecommender.Components? = nil) -> Double {
            let scorer = BlendedRecommender(configuration: configuration).train(data)
            let lists = recommendations(scorer, data: data, customers: customers)
            return RankingMetrics.measure(recommendations: lists, targets: validation.targets, catalogSize: data.itemCount).ndcgAt10
        }
        var best = BlendedRecommender.Configuration.tuned
        var bestScore = measure(best)
        progress(String(format: "start: NDCG@10 %.4f", bestScore))
        func consider(_ candidate: BlendedRecommender.Configuration, _ label: String) {
            let score = measure(candidate)
            progress(String(format: "%@: NDCG@10 %.4f%@", label, score, score > bestScore ? " (best)" : ""))
            if score > bestScore { best = candidate; bestScore = score }
        }
        for alpha: Float in [1, 2, 5, 10] {
            for halfLife: Double? in [nil, 45, 90, 180] {
                var c = best
                c.als.alpha = alpha
                c.als.halfLifeDays = halfLife
                if c != best { consider(c, "alpha \(alpha) half-life \(halfLife.map { "\($0)" } ?? "none")") }
            }
        }
        for regularization: Float in [0.01, 1, 10] {
            var c = best
            c.als.regularization = regularization
            consider(c, "regularization \(regularization)")
        }
        for window in [14, 30, 60, 90] {
            for popularityWeight: Float in [0, 0.1, 0.2, 0.4, 1, 3] {
                for knnWeight: Float in [0, 0.1, 0.2, 0.4] {
                    var c = best
                    c.popularityWindowDays = window
                    c.popularityWeight = popularityWeight
                    c.knnWeight = knnWeight
                    if c != best { consider(c, "window \(window) popularity \(popularityWeight) kNN \(knnWeight)") }
                }
            }
        }
        return best
    }
}
