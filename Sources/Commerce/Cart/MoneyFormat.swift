/// Writes integer cents as the shop shows money: "$40", "$39.99", "-$5".
///
/// Money is kept in integer cents everywhere in the services so totals are exact;
/// this is the one place it becomes text.
public enum MoneyFormat {
    /// Dollars with cents only when there are some: 4000 → "$40", 3999 → "$39.99".
    public static func dollars(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        if fraction == 0 { return "\(sign)$\(grouped(whole))" }
        return "\(sign)$\(grouped(whole)).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Always two decimals: 4000 → "$40.00" (for totals and receipts).
    public static func exact(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)$\(grouped(magnitude / 100)).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private static func grouped(_ value: UInt) -> String {
        let digits = String(value)
        guard digits.count > 3 else { return digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
