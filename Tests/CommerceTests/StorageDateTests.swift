import Commerce
import Foundation
import GRDB
import Testing

@Suite("Date text in the store's format")
struct StorageDateTests {
    @Test("storage text is exactly what GRDB writes for a Date, milliseconds included")
    func matchesGRDB() {
        for date in Self.dates() {
            #expect(StorageDate.text(date) == String.fromDatabaseValue(date.databaseValue), "\(date.timeIntervalSince1970)")
        }
    }

    @Test("ISO 8601 text is exactly what ISO8601DateFormatter writes")
    func matchesISO8601DateFormatter() {
        let formatter = ISO8601DateFormatter()
        for date in Self.dates() {
            #expect(StorageDate.iso8601(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
        }
    }

    static func dates() -> [Date] {
        var rng = SystemRandomNumberGenerator()
        // Whole seconds, every millisecond value's neighbourhood, leap days, year ends, before 1970.
        var dates = [0, 951_782_400.999, 1_709_164_800.0005, 1_767_225_599.9995, -86_400.25, -1.5, 4_102_444_800.123]
            .map(Date.init(timeIntervalSince1970:))
        dates += (0..<2_000).map { _ in Date(timeIntervalSince1970: Double.random(in: -2e9...4e9, using: &rng)) }
        return dates
    }
}
