/// Recommends what the most customers bought, optionally only over the last `windowDays` of training.
///
/// The evaluation's baselines: `popularity` (all of training) and `popularity_90d` (the last 90 days).
public struct Popularity: RecommenderTrainer {
    public var name: String
    public var windowDays: Int?

    public init(name: String = "popularity", windowDays: Int? = nil) {
        self.name = name
        self.windowDays = windowDays
    }

    public func train(_ data: InteractionMatrix) -> any ItemScorer {
        let since = windowDays.map { data.latestTime - Int64($0) * 86_400 } ?? .min
        return Scorer(counts: data.customerCounts(since: since))
    }

    struct Scorer: ItemScorer {
        let counts: [Float]
        func score(user: Int, into scores: inout [Float]) { scores = counts }
    }
}
