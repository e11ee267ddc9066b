import Commerce
import Foundation
import GRDB

/// One purchase (an invoice or an order) by a known customer: who, when, how much.
public struct Purchase: Sendable, Hashable {
    /// The customer's id as text.
    public var customer: String
    /// Seconds since 1970-01-01 UTC.
    public var time: Int64
    /// The amount paid, in the shop's currency units (not cents).
    public var amount: Double

    public init(customer: String, time: Int64, amount: Double) {
        self.customer = customer
        self.time = time
        self.amount = amount
    }
}

/// A purchase log that cannot be read; the message names the file, line and field.
public struct PurchaseLogError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Reads purchase histories for retention analysis from the places a shop keeps them.
public enum PurchaseLog {
    /// Reads a purchase file: the UCI Online Retail log (gzip or plain), or a plain CSV with
    /// the header `customer,date,amount` (date `YYYY-MM-DD[ HH:MM[:SS]]`).
    ///
    /// Retail rows are cleaned as the recommendation evaluation does (`RetailLog.keeps`) and
    /// summed per invoice, so one invoice is one purchase.
    public static func read(file path: String) throws -> [Purchase] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PurchaseLogError("\(path): cannot read the purchase file (check the path)")
        }
        var bytes = [UInt8](data)
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b {
            do { bytes = try Gzip.decompress(bytes) } catch {
                throw PurchaseLogError("\(path): \(error)")
            }
        }
        if bytes.starts(with: Array("InvoiceNo,".utf8)) || bytes.starts(with: [0xEF, 0xBB, 0xBF] + Array("InvoiceNo,".utf8)) {
            do {
                return fromRetail(rows: try RetailLog.rows(csv: bytes, source: path))
            } catch let error as RetailLog.FormatError {
                throw PurchaseLogError(error.description)
            }
        }
        return try simpleCSV(bytes, source: path)
    }

    /// Cleans retail rows and sums them per invoice.
    public static func fromRetail(rows: [RetailLog.Row]) -> [Purchase] {
        var byInvoice: [String: Purchase] = [:]
        for row in rows where RetailLog.keeps(row) {
            let amount = row.quantity * row.unitPrice
            if var p = byInvoice[row.invoice] {
                p.amount += amount
                p.time = min(p.time, row.time)
                byInvoice[row.invoice] = p
            } else {
                byInvoice[row.invoice] = Purchase(customer: row.customer, time: row.time, amount: amount)
            }
        }
        return byInvoice.values.sorted { ($0.time, $0.customer) < ($1.time, $1.customer) }
    }

    /// Parses `customer,date,amount` lines (header required, no quoting needed).
    static func simpleCSV(_ bytes: [UInt8], source: String) throws -> [Purchase] {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let header = lines.first else { throw PurchaseLogError("\(source): empty file (expected a header customer,date,amount)") }
        let columns = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard columns == ["customer", "date", "amount"] else {
            throw PurchaseLogError("\(source):1: header is '\(header)'; expected 'customer,date,amount' or the UCI Online Retail header")
        }
        var out: [Purchase] = []
        for (index, line) in lines.enumerated().dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let n = index + 1
            guard f.count == 3 else { throw PurchaseLogError("\(source):\(n): \(f.count) fields; expected 3 (customer,date,amount)") }
            guard !f[0].isEmpty else { throw PurchaseLogError("\(source):\(n): customer is empty") }
            let date = f[1].count == 10 ? f[1] + " 00:00" : f[1]
            guard let time = RetailLog.parseDate(date) else {
                throw PurchaseLogError("\(source):\(n): date '\(f[1])' is not YYYY-MM-DD[ HH:MM[:SS]]")
            }
            guard let amount = Double(f[2]), amount.isFinite else {
                throw PurchaseLogError("\(source):\(n): amount '\(f[2])' is not a number")
            }
            out.append(Purchase(customer: f[0], time: time, amount: amount))
        }
        return out.sorted { ($0.time, $0.customer) < ($1.time, $1.customer) }
    }

    /// The store's orders by registered customers (cancelled ones excluded), one purchase per order.
    public static func read(store: ShopStore) throws -> [Purchase] {
        try store.database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT customer_id, created_at, total_cents FROM orders
                WHERE customer_id IS NOT NULL AND status <> 'cancelled'
                ORDER BY created_at
                """)
            return rows.compactMap { row -> Purchase? in
                guard let id: Int64 = row["customer_id"], let at: String = row["created_at"],
                      let time = RetailLog.parseDate(at) else { return nil }
                let cents: Int = row["total_cents"] ?? 0
                return Purchase(customer: String(id), time: time, amount: Double(cents) / 100)
            }
        }
    }
}
