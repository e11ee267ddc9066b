import Foundation

/// Fast, locale-free date text in GRDB's storage format (`yyyy-MM-dd HH:mm:ss.SSS`, UTC).
///
/// Why not `DateFormatter` (what GRDB's `Date.databaseValue` uses): the demo generator
/// writes millions of dates and every turn saves a few; this is exact, deterministic and
/// about a hundred times cheaper.
public enum StorageDate {
    static let day: Int64 = 86_400
    static let hour: Int64 = 3_600

    /// Midnight UTC of the day containing `date`.
    static func midnightUTC(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// `date` as GRDB stores it, `yyyy-MM-dd HH:mm:ss.SSS` (to the nearest millisecond), the
    /// same text as `date.databaseValue`.
    public static func text(_ date: Date) -> String {
        let (seconds, fraction) = wholeSeconds(date)
        var out = String(sql(seconds).dropLast(3))
        if fraction < 100 { out += "0" }
        if fraction < 10 { out += "0" }
        out += String(fraction)
        return out
    }

    /// `date` in ISO 8601 as `ISO8601DateFormatter` writes it by default,
    /// `yyyy-MM-ddTHH:mm:ssZ` (UTC, whole seconds), without creating a formatter: creating
    /// one costs more than the rest of a turn's date work.
    public static func iso8601(_ date: Date) -> String {
        let text = sql(wholeSeconds(date).seconds)  // "yyyy-MM-dd HH:mm:ss.000"
        let space = text.firstIndex(of: " ") ?? text.endIndex
        return text[..<space] + "T" + text[text.index(after: space)...].prefix(8) + "Z"
    }

    /// `date` rounded to the nearest millisecond, as Foundation's formatters round it: whole
    /// seconds since 1970 (rounded down) and the milliseconds past them.
    static func wholeSeconds(_ date: Date) -> (seconds: Int64, fraction: Int) {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        return (seconds, Int(ms - seconds * 1000))
    }

    /// `seconds` since 1970 as `yyyy-MM-dd HH:mm:ss.000`.
    public static func sql(_ seconds: Int64) -> String {
        let days = Int(seconds >= 0 ? seconds / day : (seconds - day + 1) / day)
        let secondOfDay = Int(seconds - Int64(days) * day)
        let (y, m, d) = civil(days)
        var out = ""
        out.reserveCapacity(23)
        let year = String(y)
        for _ in 0..<max(0, 4 - year.count) { out += "0" }
        out += year; out += "-"; pad2(m, &out); out += "-"; pad2(d, &out); out += " "
        pad2(secondOfDay / 3600, &out); out += ":"; pad2(secondOfDay / 60 % 60, &out); out += ":"
        pad2(secondOfDay % 60, &out); out += ".000"
        return out
    }

    /// `seconds` since 1970 as `yyyy-MM-dd`.
    public static func dayString(_ seconds: Int64) -> String { String(sql(seconds).prefix(10)) }

    private static func pad2(_ value: Int, _ out: inout String) {
        if value < 10 { out += "0" }
        out += String(value)
    }

    /// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (H. Hinnant).
    static func civil(_ daysSinceEpoch: Int) -> (Int, Int, Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
