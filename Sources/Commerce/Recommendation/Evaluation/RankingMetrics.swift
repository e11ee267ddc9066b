import Foundation

/// Top-k quality of one recommender over the evaluated customers of a split.
///
/// - hit rate: share of customers with at least one target in their top k;
/// - NDCG (binary relevance): DCG of the top k over the ideal DCG of min(k, |targets|) hits;
/// - recall: hits over |targets|, averaged over customers;
/// - coverage: distinct items recommended to anyone over the items seen in training.
public struct RankingMetrics: Codable, Sendable, Equatable {
    public var hitRateAt10: Double
    public var ndcgAt10: Double
    public var recallAt10: Double
    public var coverageAt10: Double
    public var customers: Int
    public var trainSeconds: Double

    enum CodingKeys: String, CodingKey {
        case hitRateAt10 = "hit_rate_at_10", ndcgAt10 = "ndcg_at_10", recallAt10 = "recall_at_10"
        case coverageAt10 = "coverage_at_10", customers, trainSeconds = "train_seconds"
    }

    public init(hitRateAt10: Double, ndcgAt10: Double, recallAt10: Double, coverageAt10: Double, customers: Int, trainSeconds: Double) {
        self.hitRateAt10 = hitRateAt10
        self.ndcgAt10 = ndcgAt10
        self.recallAt10 = recallAt10
        self.coverageAt10 = coverageAt10
        self.customers = customers
        self.trainSeconds = trainSeconds
    }

    /// Scores recommendation lists against targets. Lists are cut to `k`; customers without a list count as misses.
    public static func measure(recommendations: [String: [String]], targets: [String: Set<String>], catalogSize: Int, k: Int = 10, trainSeconds: Double = 0) -> RankingMetrics {
        var hits = 0.0, ndcg = 0.0, recall = 0.0
        var recommended: Set<String> = []
        for (customer, wanted) in targets where !wanted.isEmpty {
            let list = (recommendations[customer] ?? []).prefix(k)
            recommended.formUnion(list)
            var dcg = 0.0, found = 0
            for (rank, item) in list.enumerated() where wanted.contains(item) {
                dcg += 1 / log2(Double(rank) + 2)
                found += 1
            }
            let ideal = (0..<min(k, wanted.count)).reduce(0.0) { $0 + 1 / log2(Double($1) + 2) }
            if found > 0 { hits += 1 }
            ndcg += dcg / ideal
            recall += Double(found) / Double(wanted.count)
        }
        let n = Double(max(targets.values.filter { !$0.isEmpty }.count, 1))
        return RankingMetrics(
            hitRateAt10: hits / n, ndcgAt10: ndcg / n, recallAt10: recall / n,
            coverageAt10: catalogSize > 0 ? Double(recommended.count) / Double(catalogSize) : 0,
            customers: targets.values.filter { !$0.isEmpty }.count, trainSeconds: trainSeconds)
    }
}
