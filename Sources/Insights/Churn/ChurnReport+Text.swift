import Foundation

extension ChurnReport {
    /// The report as JSON (snake_case keys, sorted, pretty).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The report for a terminal: the model against the baseline, then the at-risk customers.
    public func text() -> String {
        var out = ""
        out += "Churn = no purchase in the next \(horizonDays) days. Data up to \(now).\n"
        out += String(format: "Train: %d customer snapshots up to %@ (%.0f%% churned); test: %d customers at %@ (%.0f%% churned).\n",
                      trainCustomers, trainCutoff, trainChurnRate * 100, testCustomers, testCutoff, testChurnRate * 100)
        out += String(format: "AUC on the later period: model %.3f, RFM-score baseline %.3f (%@%.3f).\n",
                      auc, baselineAuc, auc >= baselineAuc ? "+" : "", auc - baselineAuc)
        out += "\nAt risk now: \(atRiskTotal) of \(customers) customers"
        out += atRisk.count < atRiskTotal ? " (the \(atRisk.count) with most to lose):\n" : ":\n"
        guard !atRisk.isEmpty else { return out }
        let idWidth = max(8, atRisk.map(\.customer.count).max() ?? 0)
        out += "customer".padding(toLength: idWidth, withPad: " ", startingAt: 0) + "   risk    spent  reason / offer\n"
        for c in atRisk {
            out += c.customer.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            out += String(format: "  %4.0f%%  %7.0f  ", c.probability * 100, c.monetary)
            out += c.reason + "\n"
            out += String(repeating: " ", count: idWidth + 17) + "→ " + c.offer + "\n"
        }
        return out
    }
}
