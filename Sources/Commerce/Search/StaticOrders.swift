import Synchronization

/// The whole catalog in the order of each sort, when the order does not depend on the
/// shopper's text (no text score, no category tiers): computed once per sort on first use
/// and shared by every copy of the index.
///
/// Why: a search without text ("show me tents", "cheaper", "in blue") matches thousands
/// of products, and ranking each match reads several columns at scattered places. Walking
/// the catalog's order and keeping the first matches reads one bit per product instead,
/// and stops after a page.
final class StaticOrders: Sendable {
    private let orders = Mutex<[SearchSort: [Int32]]>([:])

    /// The positions `0..<count` sorted by `key` for `sort` (built on the first call for that sort).
    func order(_ sort: SearchSort, count: Int, key: (Int32) -> SearchService.SortKey) -> [Int32] {
        if let known = orders.withLock({ $0[sort] }) { return known }
        // Built outside the lock (tens of milliseconds on 100,000 products); two threads
        // racing here compute the same array and one of them is kept.
        let keys = (0..<Int32(count)).map(key).sorted()
        let built = keys.map(\.p)
        return orders.withLock { orders in
            if let known = orders[sort] { return known }
            orders[sort] = built
            return built
        }
    }
}

extension CatalogIndex {
    /// Every position in the order of `sort` when no text is involved; `key` is the sort key of a position.
    func staticOrder(_ sort: SearchSort, key: (Int32) -> SearchService.SortKey) -> [Int32] {
        staticOrders.order(sort, count: count, key: key)
    }
}

extension Array where Element == Int32 {
    /// The first `taking` elements of this order that are among `members` (positions below
    /// `universe`), after skipping the first `skipping` of them.
    func firstMembers(of members: [Int32], skipping: Int, taking: Int, universe: Int) -> [Int32] {
        var bits = [UInt64](repeating: 0, count: (universe + 63) / 64)
        for p in members { bits[Int(p) >> 6] |= 1 << UInt64(Int(p) & 63) }
        var found: [Int32] = []
        found.reserveCapacity(taking)
        var skipped = 0
        for p in self where bits[Int(p) >> 6] & (1 << UInt64(Int(p) & 63)) != 0 {
            if skipped < skipping { skipped += 1; continue }
            found.append(p)
            if found.count == taking { break }
        }
        return found
    }
}
