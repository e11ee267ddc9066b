import Foundation

extension KPIReport {
    /// One self-contained HTML page: tables plus SVG charts drawn here (no script, no external file).
    public func html() -> String {
        var body = "<h1>Assistant KPIs</h1>\n"
        let span = (since.map { "From \($0)" } ?? "From the first event") + (until.map { " to \($0)" } ?? " to the last")
        body += "<p>" + esc(span) + "</p>\n"
        body += "<h2>Overall and per variant</h2>\n" + htmlTable(first: "group", rows: [("all", overall)] + variants.map { ($0.key, $0.kpis) })
        if !variants.isEmpty {
            body += "<h2>Conversion per variant</h2>\n" + barChart(variants.map { ($0.key, $0.kpis.conversion ?? 0) })
        }
        if days.count > 0 {
            body += "<h2>Over time</h2>\n"
            body += lineChart(title: "conversion, search CTR, recommendation acceptance per day", labels: days.map(\.key), series: [
                ("conversion", "#2a6fdb", days.map { $0.kpis.conversion }),
                ("search CTR", "#e07b00", days.map { $0.kpis.searchCTR }),
                ("rec acceptance", "#1f9d55", days.map { $0.kpis.recommendationAcceptance }),
            ])
            body += htmlTable(first: "day", rows: days.map { ($0.key, $0.kpis) })
        }
        if !misunderstoodIntents.isEmpty {
            body += "<h2>Most often misunderstood</h2>\n<ul>" + misunderstoodIntents.map { "<li>\(esc($0.intent)): \($0.count)</li>" }.joined() + "</ul>\n"
        }
        if feedback.total > 0 {
            body += "<h2>Feedback</h2>\n<p>" + esc("\(feedback.total) feedbacks, \(feedback.negative) negative" + (feedback.averageScore.map { String(format: ", mean sentiment %+.2f", $0) } ?? "")) + "</p>\n"
            if !feedback.themes.isEmpty {
                body += "<table><tr><th>negative theme</th><th>feedbacks</th><th>example</th></tr>"
                for t in feedback.themes { body += "<tr><td>\(esc(t.theme))</td><td>\(t.count)</td><td>\(esc(t.example))</td></tr>" }
                body += "</table>\n"
            }
        }
        for e in experiments {
            body += "<h2>Experiment \(esc(e.experiment)) (\(esc(e.metric)))</h2>\n<table><tr><th>variant</th><th>rate</th><th>95% interval</th><th>n</th></tr>"
            for v in e.variants {
                body += String(format: "<tr><td>%@</td><td>%.2f%%</td><td>%.2f%% – %.2f%%</td><td>%d</td></tr>", esc(v.variant), v.rate * 100, v.low * 100, v.high * 100, v.units)
            }
            body += "</table>\n<p class=\"verdict\">\(esc(e.verdict))</p>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>ShopAssistant report</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;background:#fff}
            table{border-collapse:collapse;margin:1em 0}th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}
            th:first-child,td:first-child{text-align:left}.verdict{font-weight:bold}svg{display:block;margin:1em 0}
            </style></head><body>
            \(body)</body></html>

            """
    }

    func htmlTable(first: String, rows: [(String, KPIs)]) -> String {
        var out = "<table><tr><th>\(esc(first))</th>" + Self.columns.map { "<th>\(esc($0.0))</th>" }.joined() + "</tr>"
        for (label, k) in rows {
            out += "<tr><td>\(esc(label))</td>" + Self.columns.map { "<td>\(esc($0.1(k)))</td>" }.joined() + "</tr>"
        }
        return out + "</table>\n"
    }

    func barChart(_ bars: [(String, Double)]) -> String {
        let width = 640.0, height = 220.0, left = 50.0, bottom = 30.0
        let top = max(bars.map(\.1).max() ?? 0, 1e-9) * 1.15
        let slot = (width - left) / Double(max(bars.count, 1))
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"conversion per variant\">"
        svg += axis(width: width, height: height, left: left, bottom: bottom, top: top)
        for (i, bar) in bars.enumerated() {
            let h = (height - bottom - 10) * bar.1 / top
            let x = left + Double(i) * slot + slot * 0.2
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2a6fdb\"/>", x, height - bottom - h, slot * 0.6, h)
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">%@</text>", x + slot * 0.3, height - bottom + 16, esc(bar.0))
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%.1f%%</text>", x + slot * 0.3, height - bottom - h - 4, bar.1 * 100)
        }
        return svg + "</svg>\n"
    }

    func lineChart(title: String, labels: [String], series: [(String, String, [Double?])]) -> String {
        let width = 720.0, height = 260.0, left = 50.0, bottom = 40.0
        let top = max(series.flatMap { $0.2.compactMap { $0 } }.max() ?? 0, 1e-9) * 1.1
        let step = labels.count > 1 ? (width - left - 20) / Double(labels.count - 1) : 0
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(esc(title))\">"
        svg += axis(width: width, height: height, left: left, bottom: bottom, top: top)
        for (index, (name, colour, values)) in series.enumerated() {
            let points = values.enumerated().compactMap { i, v in
                v.map { String(format: "%.1f,%.1f", left + 10 + Double(i) * step, height - bottom - (height - bottom - 10) * $0 / top) }
            }
            if points.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            }
            for p in points {
                let xy = p.split(separator: ",")
                svg += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"2.5\" fill=\"\(colour)\"/>"
            }
            svg += String(format: "<rect x=\"%.0f\" y=\"%.0f\" width=\"10\" height=\"10\" fill=\"%@\"/><text x=\"%.0f\" y=\"%.0f\" font-size=\"12\">%@</text>",
                          left + 10 + Double(index) * 150, height - 14, colour, left + 24 + Double(index) * 150, height - 5, esc(name))
        }
        if let first = labels.first, let last = labels.last {
            svg += String(format: "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%@</text>", left, height - bottom + 14, esc(first))
            svg += String(format: "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"end\">%@</text>", width - 10, height - bottom + 14, esc(last))
        }
        return svg + "</svg>\n"
    }

    func axis(width: Double, height: Double, left: Double, bottom: Double, top: Double) -> String {
        var svg = String(format: "<line x1=\"%.0f\" y1=\"10\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#888\"/>", left, left, height - bottom)
        svg += String(format: "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#888\"/>", left, height - bottom, width - 5, height - bottom)
        for k in 0...4 {
            let value = top * Double(k) / 4
            let y = height - bottom - (height - bottom - 10) * Double(k) / 4
            svg += String(format: "<text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.0f%%</text>", left - 4, y + 3, value * 100)
        }
        return svg
    }

    func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
