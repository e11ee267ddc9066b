/// Item-to-item collaborative filtering: cosine similarity of items over the customers who bought them.
///
/// Each item keeps its `neighbours` most similar items; a customer's score for an item is the sum of its
/// similarity to everything they bought. It is also the "often bought with" signal of the shop's service.
public struct ItemKNN: RecommenderTrainer {
    public var name: String
    public var neighbours: Int

    public init(name: String = "item_knn", neighbours: Int = 100) {
        self.name = name
        self.neighbours = neighbours
    }

    /// Top neighbours of each item, best first.
    /// `shrinkage` is added to the cosine denominator and pairs with fewer than `minimumShared` common buyers are
    /// dropped, so that one shared buyer does not make two rare items look alike (0 and 1 give plain cosine).
    public static func neighbourLists(users: [[Int32]], itemCount: Int, neighbours k: Int, shrinkage: Float = 0, minimumShared: Int = 1) -> [[(item: Int32, similarity: Float)]] {
        var buyers = [[Int32]](repeating: [], count: itemCount)
        for (u, items) in users.enumerated() { for i in items { buyers[Int(i)].append(Int32(u)) } }
        let norms = buyers.map { Float($0.count).squareRoot() }
        var co = [Float](repeating: 0, count: itemCount)
        var touched: [Int32] = []
        var result = [[(item: Int32, similarity: Float)]](repeating: [], count: itemCount)
        for i in 0..<itemCount {
            touched.removeAll(keepingCapacity: true)
            for u in buyers[i] {
                for j in users[Int(u)] where Int(j) != i {
                    if co[Int(j)] == 0 { touched.append(j) }
                    co[Int(j)] += 1
                }
            }
            var list = touched.compactMap { j -> (item: Int32, similarity: Float)? in
                let shared = co[Int(j)]
                guard shared >= Float(minimumShared) else { return nil }
                return (item: j, similarity: shared / (norms[i] * norms[Int(j)] + shrinkage))
            }
            for j in touched { co[Int(j)] = 0 }
            list.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.item < $1.item }
            if list.count > k { list.removeSubrange(k...) }
            result[i] = list
        }
        return result
    }

    public func train(_ data: InteractionMatrix) -> any ItemScorer {
        Scorer(neighbours: Self.neighbourLists(users: data.userItems, itemCount: data.itemCount, neighbours: neighbours), userItems: data.userItems)
    }

    struct Scorer: ItemScorer {
        let neighbours: [[(item: Int32, similarity: Float)]]
        let userItems: [[Int32]]
        func score(user: Int, into scores: inout [Float]) {
            for k in scores.indices { scores[k] = 0 }
            guard user >= 0 && user < userItems.count else { return }
            for i in userItems[user] {
                for (j, s) in neighbours[Int(i)] { scores[Int(j)] += s }
            }
        }
    }
}
