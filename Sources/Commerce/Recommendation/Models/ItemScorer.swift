/// A trained model that scores every item for one customer (higher is better).
public protocol ItemScorer: Sendable {
    /// Writes one score per item index into `scores` (already sized to the item count).
    func score(user: Int, into scores: inout [Float])
}

/// Something that learns an `ItemScorer` from training baskets; one per model in the evaluation.
public protocol RecommenderTrainer: Sendable {
    /// The model's name in reports (`popularity`, `item_knn`, `shipped`, …).
    var name: String { get }
    func train(_ data: InteractionMatrix) -> any ItemScorer
}

/// Picks the best-scored items, skipping excluded ones; ties go to the lower index so results are stable.
public enum TopK {
    /// The `k` highest-scoring item indices, best first, never one in `excluded` (sorted ascending).
    public static func select(_ scores: [Float], k: Int, excluding excluded: [Int32] = []) -> [Int] {
        guard k > 0 else { return [] }
        var heap: [(score: Float, item: Int)] = []  // min-heap by (score, -item): the root is the worst kept
        heap.reserveCapacity(k + 1)
        func worse(_ a: (score: Float, item: Int), _ b: (score: Float, item: Int)) -> Bool {
            a.score != b.score ? a.score < b.score : a.item > b.item
        }
        var e = 0
        scores.withUnsafeBufferPointer { s in
            for i in 0..<s.count {
                while e < excluded.count && Int(excluded[e]) < i { e += 1 }
                if e < excluded.count && Int(excluded[e]) == i { continue }
                let candidate = (score: s[i], item: i)
                if heap.count < k {
                    heap.append(candidate)
                    var c = heap.count - 1
                    while c > 0 {
                        let p = (c - 1) / 2
                        if worse(heap[c], heap[p]) { heap.swapAt(c, p); c = p } else { break }
                    }
                } else if worse(heap[0], candidate) {
                    heap[0] = candidate
                    var p = 0
                    while true {
                        let l = 2 * p + 1, r = l + 1
                        var m = p
                        if l < heap.count && worse(heap[l], heap[m]) { m = l }
                        if r < heap.count && worse(heap[r], heap[m]) { m = r }
                        if m == p { break }
                        heap.swapAt(p, m)
                        p = m
                    }
                }
            }
        }
        return heap.sorted { worse($1, $0) }.map(\.item)
    }
}
