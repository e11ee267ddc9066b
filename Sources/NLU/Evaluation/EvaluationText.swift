import Foundation

/// The human-readable form of an `EvaluationReport`.
public enum EvaluationText {
    public static func render(_ r: EvaluationReport, maxRows: Int = 200, maxMisclassified: Int = 30) -> String {
        func pct(_ v: Double) -> String { String(format: "%6.2f", v * 100) }
        var out: [String] = []
        out.append("test examples      \(r.testExamples)   (trained in \(String(format: "%.2f", r.trainSeconds)) s)")
        out.append("intent accuracy    \(pct(r.intentAccuracy)) %")
        out.append("intent macro-F1    \(pct(r.intentMacroF1)) %")
        out.append("in-scope accuracy  \(pct(r.inScopeAccuracy)) %")
        out.append("out-of-scope recall \(r.oosRecall.map { pct($0) + " %" } ?? "n/a (no out_of_scope in the test data)")")
        out.append("entity P / R / F1  \(pct(r.entityPrecision)) / \(pct(r.entityRecall)) / \(pct(r.entityF1)) %  (micro; type and exact span)")
        func table(_ title: String, _ rows: [String: PRF]) {
            guard !rows.isEmpty else { return }
            let width = max(12, rows.keys.map(\.count).max() ?? 0)
            out.append("")
            out.append(title.padding(toLength: width, withPad: " ", startingAt: 0) + "  precision  recall      f1     tp    fp    fn")
            for (name, m) in rows.sorted(by: { $0.key < $1.key }).prefix(maxRows) {
                out.append(name.padding(toLength: width, withPad: " ", startingAt: 0) + "     " + pct(m.precision) + "  " + pct(m.recall) + "  " + pct(m.f1)
                    + String(format: " %6d %5d %5d", m.tp, m.fp, m.fn))
            }
        }
        table("intent", r.perIntent)
        table("entity", r.perEntity)
        if !r.confusions.isEmpty {
            out.append("")
            out.append("most confused (gold → predicted)")
            for c in r.confusions { out.append("  \(c.count)×  \(c.gold) → \(c.predicted)") }
        }
        if !r.misclassified.isEmpty {
            out.append("")
            let shown = r.misclassified.prefix(maxMisclassified)
            out.append("misclassified lines (\(shown.count) of \(r.misclassified.count); --json lists all)")
            for m in shown { out.append("  \(m.gold) → \(m.predicted): \(m.text)") }
        }
        if !r.entityMismatches.isEmpty {
            out.append("")
            let shown = r.entityMismatches.prefix(maxMisclassified)
            out.append("lines with wrong entities (\(shown.count) of \(r.entityMismatches.count); --json lists all)")
            for m in shown {
                let missed = m.missed.isEmpty ? "" : "  missed " + m.missed.joined(separator: ", ")
                let spurious = m.spurious.isEmpty ? "" : "  spurious " + m.spurious.joined(separator: ", ")
                out.append("  \(m.text)\(missed)\(spurious)")
            }
        }
        return out.joined(separator: "\n")
    }
}
