import Foundation

/// Extra event kinds the KPI report reads (the dialogue logs them; see `docs`/the issue).
///
/// - `fallback`: the assistant did not understand; payload `{"intent": "<best guess>", "text": "…"}`.
/// - `product_clicked` with payload `{"source": "recommendation"}` is a click on a recommendation;
///   any other click counts for search results.
/// - `purchased` carries `{"order": "A10234"}` (revenue from the order) or `{"amount_cents": N}`.
public enum KPIEvent {
    public static let fallback = "fallback"
}

/// Session-level sums for one group (everything, a variant, a day). All additive, so groups
/// merge by adding.
public struct KPICounts: Sendable, Hashable, Codable {
    public var sessions = 0
    public var productsShown = 0
    public var searchClicks = 0
    public var recommendationsShown = 0
    public var recommendationClicks = 0
    public var recommendationsAccepted = 0
    public var purchasingSessions = 0
    public var orders = 0
    public var revenueCents = 0
    public var fallbackSessions = 0
    public var fallbacks = 0
    public var handoffSessions = 0
    /// Sessions shown at least one recommendation, and those of them with a click on one.
    public var recommendationSessions = 0
    public var recommendationClickSessions = 0

    public init() {}

    public static func + (a: KPICounts, b: KPICounts) -> KPICounts {
        var c = a
        c.sessions += b.sessions; c.productsShown += b.productsShown; c.searchClicks += b.searchClicks
        c.recommendationsShown += b.recommendationsShown; c.recommendationClicks += b.recommendationClicks
        c.recommendationsAccepted += b.recommendationsAccepted; c.purchasingSessions += b.purchasingSessions
        c.orders += b.orders; c.revenueCents += b.revenueCents; c.fallbackSessions += b.fallbackSessions
        c.fallbacks += b.fallbacks; c.handoffSessions += b.handoffSessions
        c.recommendationSessions += b.recommendationSessions; c.recommendationClickSessions += b.recommendationClickSessions
        return c
    }

    /// Derived rates; nil when the denominator is zero.
    public var kpis: KPIs { KPIs(self) }
}

/// The KPIs of one group, as rates and money (currency units, not cents).
public struct KPIs: Sendable, Hashable, Codable {
    public var sessions: Int
    /// Clicks on search results / search results shown.
    public var searchCTR: Double?
    /// Clicks on recommendations / recommendations shown.
    public var recommendationCTR: Double?
    /// Recommendations accepted (added or bought) / recommendations shown.
    public var recommendationAcceptance: Double?
    /// Sessions with a purchase / sessions.
    public var conversion: Double?
    /// Revenue / orders.
    public var averageOrderValue: Double?
    /// Revenue / sessions.
    public var revenuePerSession: Double?
    public var revenue: Double
    /// Sessions with at least one fallback / sessions.
    public var fallbackRate: Double?
    /// Sessions handed to a human / sessions.
    public var handoffRate: Double?

    enum CodingKeys: String, CodingKey {
        case sessions, conversion, revenue
        case searchCTR = "search_ctr"
        case recommendationCTR = "recommendation_ctr"
        case recommendationAcceptance = "recommendation_acceptance"
        case averageOrderValue = "average_order_value"
        case revenuePerSession = "revenue_per_session"
        case fallbackRate = "fallback_rate"
        case handoffRate = "handoff_rate"
    }

    public init(_ c: KPICounts) {
        func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }
        sessions = c.sessions
        searchCTR = ratio(c.searchClicks, c.productsShown)
        recommendationCTR = ratio(c.recommendationClicks, c.recommendationsShown)
        recommendationAcceptance = ratio(c.recommendationsAccepted, c.recommendationsShown)
        conversion = ratio(c.purchasingSessions, c.sessions)
        revenue = Double(c.revenueCents) / 100
        averageOrderValue = c.orders > 0 ? revenue / Double(c.orders) : nil
        revenuePerSession = c.sessions > 0 ? revenue / Double(c.sessions) : nil
        fallbackRate = ratio(c.fallbackSessions, c.sessions)
        handoffRate = ratio(c.handoffSessions, c.sessions)
    }
}
