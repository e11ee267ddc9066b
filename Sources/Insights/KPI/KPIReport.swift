import Commerce
import Foundation
import GRDB

/// The `shopassist report`: KPIs overall, per variant and per day, misunderstood intents and
/// the A/B verdicts of the experiments given.
public struct KPIReport: Sendable, Codable {
    public struct Group: Sendable, Codable {
        public var key: String
        public var kpis: KPIs
    }

    public var since: String?
    public var until: String?
    public var overall: KPIs
    public var variants: [Group]
    public var days: [Group]
    public var misunderstoodIntents: [MisunderstoodIntent]
    public var experiments: [ExperimentResult]
    /// Feedback counts, mean sentiment and the themes of the negative feedback.
    public var feedback: FeedbackSummary

    enum CodingKeys: String, CodingKey {
        case since, until, overall, variants, days, experiments, feedback
        case misunderstoodIntents = "misunderstood_intents"
    }

    /// Builds the report from the store (one read transaction).
    public static func build(store: ShopStore, since: String? = nil, until: String? = nil, experiments: [Experiment] = []) throws -> KPIReport {
        try store.database.read { db in
            let cells = try KPIQuery.cells(db, since: since, until: until)
            let misunderstood = try KPIQuery.misunderstood(db, since: since, until: until)
            let feedback = try FeedbackThemes.summary(db, since: since, until: until)
            return KPIReport(cells: cells, misunderstood: misunderstood, since: since, until: until, experiments: experiments, feedback: feedback)
        }
    }

    /// Adds the cells up into the report's groups.
    public init(cells: [KPICell], misunderstood: [MisunderstoodIntent], since: String?, until: String?, experiments: [Experiment],
                feedback: FeedbackSummary = .empty) {
        self.since = since
        self.feedback = feedback
        self.until = until
        overall = cells.reduce(KPICounts()) { $0 + $1.counts }.kpis
        var byVariant: [String: KPICounts] = [:]
        var byDay: [String: KPICounts] = [:]
        for cell in cells {
            byVariant[cell.variant, default: KPICounts()] = byVariant[cell.variant, default: KPICounts()] + cell.counts
            byDay[cell.day, default: KPICounts()] = byDay[cell.day, default: KPICounts()] + cell.counts
        }
        variants = byVariant.keys.sorted().map { Group(key: $0.isEmpty ? "(none)" : $0, kpis: byVariant[$0, default: KPICounts()].kpis) }
        days = byDay.keys.sorted().map { Group(key: $0, kpis: byDay[$0, default: KPICounts()].kpis) }
        misunderstoodIntents = misunderstood
        self.experiments = experiments.map { Self.judge($0, cells: cells) }
    }

    /// Counts for each variant of an experiment within its dates. A session's variant matches
    /// `name` or `experiment/name`.
    static func judge(_ e: Experiment, cells: [KPICell]) -> ExperimentResult {
        var counts: [String: KPICounts] = [:]
        for cell in cells where cell.day >= e.start && (e.end.map { cell.day <= $0 } ?? true) {
            let variant = cell.variant.hasPrefix(e.name + "/") ? String(cell.variant.dropFirst(e.name.count + 1)) : cell.variant
            guard e.variants.contains(where: { $0.name == variant }) else { continue }
            counts[variant, default: KPICounts()] = counts[variant, default: KPICounts()] + cell.counts
        }
        let results = e.variants.map { v -> VariantResult in
            let c = counts[v.name, default: KPICounts()]
            switch e.metric {
            case "recommendation_acceptance": return VariantResult(variant: v.name, units: c.recommendationsShown, successes: c.recommendationsAccepted)
            case "recommendation_ctr": return VariantResult(variant: v.name, units: c.recommendationsShown, successes: c.recommendationClicks)
            case "recommendation_engagement": return VariantResult(variant: v.name, units: c.recommendationSessions, successes: c.recommendationClickSessions)
            case "search_ctr": return VariantResult(variant: v.name, units: c.productsShown, successes: c.searchClicks)
            default: return VariantResult(variant: v.name, units: c.sessions, successes: c.purchasingSessions)
            }
        }
        return ExperimentResult(experiment: e.name, metric: e.metric, variants: results)
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The columns of the terminal and HTML tables.
    static let columns: [(String, @Sendable (KPIs) -> String)] = [
        ("sessions", { String($0.sessions) }),
        ("search CTR", { percent($0.searchCTR) }),
        ("rec CTR", { percent($0.recommendationCTR) }),
        ("rec accept", { percent($0.recommendationAcceptance) }),
        ("conversion", { percent($0.conversion) }),
        ("AOV", { money($0.averageOrderValue) }),
        ("rev/session", { money($0.revenuePerSession) }),
        ("fallback", { percent($0.fallbackRate) }),
        ("handoff", { percent($0.handoffRate) }),
    ]

    /// One line of an example: at most 80 characters, newlines folded.
    static func clip(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 80 ? String(line.prefix(79)) + "…" : line
    }

    static func percent(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
    static func money(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "–" }

    /// Rows of `(label, cells)` as an aligned table: labels left, numbers right.
    static func table(title: String, rows: [(String, KPIs)]) -> String {
        let header = [title] + columns.map(\.0)
        let body = rows.map { row in [row.0] + columns.map { c in c.1(row.1) } }
        let widths = header.indices.map { i in ([header] + body).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, s in
                let pad = String(repeating: " ", count: widths[i] - s.count)
                return i == 0 ? s + pad : pad + s
            }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] + body.map(line)).joined(separator: "\n") + "\n"
    }

    /// The report for a terminal.
    public func text() -> String {
        var out = "Assistant KPIs" + (since.map { " from \($0)" } ?? "") + (until.map { " to \($0)" } ?? "") + "\n\n"
        out += Self.table(title: "", rows: [("all", overall)] + (variants.count > 1 ? variants.map { ($0.key, $0.kpis) } : []))
        if !days.isEmpty {
            let shown = days.suffix(31)
            out += "\n" + Self.table(title: "day", rows: shown.map { ($0.key, $0.kpis) })
            if shown.count < days.count { out += "(the last \(shown.count) of \(days.count) days; --json or --html for all)\n" }
        }
        if !misunderstoodIntents.isEmpty {
            out += "\nMost often misunderstood (fallbacks by guessed intent):\n"
            for m in misunderstoodIntents { out += "  \(m.intent): \(m.count)\n" }
        }
        if feedback.total > 0 {
            out += "\nFeedback: \(feedback.total), \(feedback.negative) negative" + (feedback.averageScore.map { String(format: ", mean sentiment %+.2f", $0) } ?? "") + "\n"
            if !feedback.themes.isEmpty {
                out += "Most negative themes (negative feedbacks mentioning them):\n"
                for t in feedback.themes { out += "  \(t.theme): \(t.count) — e.g. \"\(Self.clip(t.example))\"\n" }
            }
        }
        for e in experiments {
            out += "\nExperiment \(e.experiment) (\(e.metric)):\n"
            for v in e.variants {
                out += String(format: "  %@: %.2f%% [%.2f%%, %.2f%%] of %d\n", v.variant, v.rate * 100, v.low * 100, v.high * 100, v.units)
            }
            out += "  → \(e.verdict)\n"
        }
        return out
    }
}
