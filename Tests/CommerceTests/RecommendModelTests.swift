import Foundation
import Testing
@testable import Commerce

@Suite("Recommenders learn from baskets")
struct RecommendModelTests {
    /// A small log with two tastes: customers who buy tea things and customers who buy bike things.
    /// Every customer's last basket holds one item of their taste they had not bought before.
    static func twoTastes() -> [PurchaseBasket] {
        let tea = ["teapot", "cup", "saucer", "kettle", "tea", "cosy"]
        let bike = ["helmet", "pump", "light", "lock", "tyre", "bell"]
        var baskets: [PurchaseBasket] = []
        var invoice = 1000
        for c in 0..<24 {
            let taste = c % 2 == 0 ? tea : bike
            // Rotate which items each customer has, so each taste's items co-occur across customers.
            for b in 0..<3 {
                let items = [taste[(c + b) % 6], taste[(c + b + 1) % 6]]
                baskets.append(PurchaseBasket(customer: "c\(c)", invoice: String(invoice), time: Int64(b * 10 + c) * 86_400, items: items))
                invoice += 1
            }
            baskets.append(PurchaseBasket(customer: "c\(c)", invoice: String(invoice), time: Int64(40 + c) * 86_400, items: [taste[(c + 4) % 6]]))
            invoice += 1
        }
        return baskets
    }

    static let models: [any RecommenderTrainer] = [
        Popularity(name: "popularity"), Popularity(name: "popularity_90d", windowDays: 90), ItemKNN(neighbours: 5),
        ImplicitALS(factors: 4, iterations: 8), BlendedRecommender(),
    ]

    @Test("no model ever recommends an item the customer bought in training", arguments: models.map(\.name).indices)
    func neverOwned(_ index: Int) {
        let split = HoldoutSplit(Self.twoTastes())
        let data = InteractionMatrix(split.training)
        let scorer = Self.models[index].train(data)
        let lists = RecommendEvaluation.recommendations(scorer, data: data, customers: split.targets.keys, k: 10)
        #expect(lists.count == split.targets.count)
        for (customer, list) in lists {
            let owned = Set(split.training.filter { $0.customer == customer }.flatMap(\.items))
            #expect(owned.isDisjoint(with: list), "\(customer) got \(list)")
            #expect(list.count == min(10, data.itemCount - owned.count))
        }
    }

    @Test("item-kNN and ALS learn the two tastes: their top picks stay in the customer's taste; popularity cannot")
    func learnsTastes() {
        let split = HoldoutSplit(Self.twoTastes())
        let data = InteractionMatrix(split.training)
        let tea: Set<String> = ["teapot", "cup", "saucer", "kettle", "tea", "cosy"]
        func inTaste(_ model: any RecommenderTrainer) -> Double {
            let lists = RecommendEvaluation.recommendations(model.train(data), data: data, customers: split.targets.keys, k: 2)
            var right = 0, all = 0
            for (customer, list) in lists {
                let isTea = (Int(customer.dropFirst()) ?? 0) % 2 == 0
                for item in list { all += 1; if tea.contains(item) == isTea { right += 1 } }
            }
            return Double(right) / Double(max(all, 1))
        }
        #expect(inTaste(ItemKNN(neighbours: 5)) == 1)
        #expect(inTaste(ImplicitALS(factors: 4, iterations: 10)) >= 0.95)
        #expect(inTaste(BlendedRecommender()) >= 0.95)
        #expect(inTaste(Popularity()) <= 0.75)
    }

    @Test("the shipped blend beats popularity on the two-taste log")
    func shippedBeatsPopularity() {
        let results = RecommendEvaluation.run(HoldoutSplit(Self.twoTastes()), models: [Popularity(), BlendedRecommender()])
        #expect(results[1].metrics.ndcgAt10 > results[0].metrics.ndcgAt10 + 0.1)  // 12 items: every list of 10 hits; ranking decides
        #expect(results[1].metrics.customers == 24)
    }

    @Test("the JSON report has one object per model with the six fields")
    func jsonReport() throws {
        let results = RecommendEvaluation.run(HoldoutSplit(Self.twoTastes()), models: [Popularity()])
        let object = try JSONSerialization.jsonObject(with: Data(try RecommendEvaluation.json(results).utf8)) as? [String: [String: Double]]
        #expect(Set(object?["popularity"]?.keys.map { $0 } ?? []) == ["hit_rate_at_10", "ndcg_at_10", "recall_at_10", "coverage_at_10", "customers", "train_seconds"])
    }

    @Test("ALS training is deterministic for a seed")
    func alsDeterministic() {
        let data = InteractionMatrix(Self.twoTastes())
        let a = ImplicitALS(factors: 4, iterations: 3, seed: 7).fit(data)
        let b = ImplicitALS(factors: 4, iterations: 3, seed: 7).fit(data)
        #expect(a.items == b.items)
    }
}
