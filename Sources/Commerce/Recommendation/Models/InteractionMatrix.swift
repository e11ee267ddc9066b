/// Baskets indexed for training: customers and items as dense integers.
///
/// Items are numbered in the order of their ids, so ties between equal scores break the same way every run.
public struct InteractionMatrix: Sendable {
    /// One basket with indexed customer and items.
    public struct Basket: Sendable {
        public var user: Int32
        public var time: Int64
        public var items: [Int32]
    }

    public let itemIDs: [String]
    public let itemIndex: [String: Int]
    public let userIDs: [String]
    public let userIndex: [String: Int]
    public let baskets: [Basket]
    /// The distinct items of each customer, sorted by index.
    public let userItems: [[Int32]]
    /// The time of the latest basket (the "now" of training).
    public let latestTime: Int64

    public var itemCount: Int { itemIDs.count }
    public var userCount: Int { userIDs.count }

    public init(_ baskets: [PurchaseBasket]) {
        var items: Set<String> = []
        var users: Set<String> = []
        for basket in baskets {
            users.insert(basket.customer)
            items.formUnion(basket.items)
        }
        itemIDs = items.sorted()
        userIDs = users.sorted()
        var itemIndex: [String: Int] = [:]
        itemIndex.reserveCapacity(itemIDs.count)
        for (k, id) in itemIDs.enumerated() { itemIndex[id] = k }
        var userIndex: [String: Int] = [:]
        userIndex.reserveCapacity(userIDs.count)
        for (k, id) in userIDs.enumerated() { userIndex[id] = k }
        var indexed: [Basket] = []
        indexed.reserveCapacity(baskets.count)
        var owned = [Set<Int32>](repeating: [], count: userIDs.count)
        var latest = Int64.min
        for basket in baskets {
            guard let u = userIndex[basket.customer] else { continue }
            let its = basket.items.compactMap { itemIndex[$0].map(Int32.init) }
            indexed.append(Basket(user: Int32(u), time: basket.time, items: its))
            owned[u].formUnion(its)
            latest = max(latest, basket.time)
        }
        self.itemIndex = itemIndex
        self.userIndex = userIndex
        self.baskets = indexed
        self.userItems = owned.map { $0.sorted() }
        self.latestTime = baskets.isEmpty ? 0 : latest
    }

    /// Distinct customers per item, counting only baskets at or after `since`.
    public func customerCounts(since: Int64 = .min) -> [Float] {
        var seen = Set<Int64>()
        var counts = [Float](repeating: 0, count: itemCount)
        for basket in baskets where basket.time >= since {
            for i in basket.items where seen.insert(Int64(basket.user) << 32 | Int64(i)).inserted {
                counts[Int(i)] += 1
            }
        }
        return counts
    }

    /// Per customer, their items with a weight: each basket counts `0.5^(age / halfLife)` (1 when no half-life).
    public func weightedUserItems(halfLifeDays: Double?) -> [[(item: Int32, weight: Float)]] {
        var rows = [[Int32: Float]](repeating: [:], count: userCount)
        for basket in baskets {
            let age = Double(latestTime - basket.time) / 86_400
            let w = halfLifeDays.map { Float(pow2(-age / $0)) } ?? 1
            for i in basket.items { rows[Int(basket.user)][i, default: 0] += w }
        }
        return rows.map { row in row.sorted { $0.key < $1.key }.map { (item: $0.key, weight: $0.value) } }
    }
}

@inline(__always) func pow2(_ x: Double) -> Double { exp2(x) }

import Foundation
