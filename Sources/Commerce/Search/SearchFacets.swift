/// Counts over the whole current result (not just the page), so a channel can offer
/// "smart filters": the brands, colours and price bands a shopper can narrow to.
public struct SearchFacets: Sendable, Equatable, Codable {
    /// Brand → number of matching products, most first.
    public var brands: [FacetCount]
    /// Colour → number of matching products, most first.
    public var colors: [FacetCount]
    /// Price bands in ascending order, each with its count.
    public var priceBands: [PriceBand]

    public init(brands: [FacetCount] = [], colors: [FacetCount] = [], priceBands: [PriceBand] = []) {
        self.brands = brands
        self.colors = colors
        self.priceBands = priceBands
    }

    /// Orders tallies most-first (ties alphabetically) and keeps the first `limit`.
    public static func top(_ tally: [String: Int], limit: Int) -> [FacetCount] {
        tally.map { FacetCount(value: $0.key, count: $0.value) }
            .sorted { ($1.count, $0.value) < ($0.count, $1.value) }
            .prefix(limit)
            .map { $0 }
    }
}

/// One facet value and how many results have it.
public struct FacetCount: Sendable, Equatable, Codable {
    public var value: String
    public var count: Int
    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// A price band of the current result: `range` is what a channel passes back as the filter.
public struct PriceBand: Sendable, Equatable, Codable {
    public var range: PriceRange
    public var count: Int
    /// "under $25", "$25–$50", "$200 and over" (bounds are inclusive cents, so the
    /// upper figure shown is one cent above `range.maxCents`).
    public var label: String {
        switch (range.minCents, range.maxCents) {
        case let (lo?, hi?): "\(MoneyFormat.dollars(lo))–\(MoneyFormat.dollars(hi + 1))"
        case let (nil, hi?): "under \(MoneyFormat.dollars(hi + 1))"
        case let (lo?, nil): "\(MoneyFormat.dollars(lo)) and over"
        case (nil, nil): "any price"
        }
    }
}

/// Price bands with round boundaries that split a result into similar-sized groups.
///
/// Boundaries are quantiles of the result's prices snapped to "nice" amounts
/// (…, $10, $20, $25, $50, $100, $150, $200, $250, $500, …), so the bands read like a
/// shop's ("$50–$100"), adapt to what was found (earbuds vs. laptops), and never
/// repeat or come out empty.
public enum PriceBands {
    /// Nice boundaries in cents, ascending.
    static let ladder: [Int] = {
        var values: [Int] = []
        var scale = 100 // $1
        while scale <= 10_000_000 {
            for step in [1, 2, 2.5, 5] as [Double] { values.append(Int(Double(scale) * step)) }
            scale *= 10
        }
        values += [150_00, 300_00, 750_00, 1_500_00]
        return Array(Set(values)).sorted()
    }()

    /// Up to `maxBands` bands over `prices` (cents, any order).
    ///
    /// Cut points come from at most `sampleSize` evenly spaced prices (sorting 100,000
    /// prices per keystroke is not worth it for a band edge); counts are exact.
    public static func bands(for prices: [Int], maxBands: Int = 5, sampleSize: Int = 512) -> [PriceBand] {
        guard !prices.isEmpty, maxBands > 0 else { return [] }
        let step = max(1, prices.count / sampleSize)
        var sample: [Int] = []
        sample.reserveCapacity(prices.count / step + 1)
        var lowest = Int.max, highest = Int.min
        for p in prices {
            if p < lowest { lowest = p }
            if p > highest { highest = p }
        }
        for i in stride(from: 0, to: prices.count, by: step) { sample.append(prices[i]) }
        sample.sort()
        if lowest == highest || maxBands == 1 {
            return [PriceBand(range: PriceRange(), count: prices.count)]
        }
        var cuts: [Int] = []
        for k in 1..<maxBands {
            let q = sample[min(sample.count - 1, sample.count * k / maxBands)]
            let nice = nearestNice(q)
            if nice > lowest, nice <= highest, !cuts.contains(nice) { cuts.append(nice) }
        }
        cuts.sort()
        // Band i holds prices in [cuts[i-1], cuts[i]); the last one is open above.
        var counts = [Int](repeating: 0, count: cuts.count + 1)
        // At most four cuts: a linear scan beats a binary search.
        cuts.withUnsafeBufferPointer { cuts in
            counts.withUnsafeMutableBufferPointer { counts in
                for p in prices {
                    var band = 0
                    while band < cuts.count, cuts[band] <= p { band += 1 }
                    counts[band] += 1
                }
            }
        }
        var bands: [PriceBand] = []
        var lower: Int? = nil
        for (i, count) in counts.enumerated() {
            let upper: Int? = i < cuts.count ? cuts[i] - 1 : nil
            if count > 0 {
                bands.append(PriceBand(range: PriceRange(minCents: lower, maxCents: upper), count: count))
            } else if let last = bands.indices.last {
                // An empty band is merged into the one below it.
                bands[last].range.maxCents = upper
            }
            if i < cuts.count, count > 0 || !bands.isEmpty { lower = cuts[i] }
        }
        if bands.count == 1 { bands[0].range = PriceRange() }
        return bands
    }

    /// The ladder value nearest to `cents` (by ratio).
    static func nearestNice(_ cents: Int) -> Int {
        guard cents > 0 else { return ladder[0] }
        var best = ladder[0]
        var bestRatio = Double.infinity
        for value in ladder {
            let ratio = max(Double(value), Double(cents)) / min(Double(value), Double(cents))
            if ratio < bestRatio { bestRatio = ratio; best = value }
        }
        return best
    }
}
