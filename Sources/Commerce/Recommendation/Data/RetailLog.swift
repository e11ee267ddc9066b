import Foundation

/// Reads the UCI Online Retail purchase log (`InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country`)
/// and cleans it into baskets, following the evaluation protocol of issue 4.
///
/// Cleaning drops rows with no customer, cancellations (invoice starting with `C`), quantity or price ≤ 0,
/// and codes that are not products (postage, fees, discounts, gift vouchers, codes with no digit).
public enum RetailLog {
    /// A file that cannot be read as the retail log; the message names the file, line and field.
    public struct FormatError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// One row of the log, as read (before cleaning).
    public struct Row: Sendable, Equatable {
        public var invoice: String
        public var stockCode: String
        public var quantity: Double
        /// Seconds since 1970-01-01, reading `InvoiceDate` as UTC.
        public var time: Int64
        public var unitPrice: Double
        /// The customer id without a trailing `.0`; empty when the row has none.
        public var customer: String

        public init(invoice: String, stockCode: String, quantity: Double, time: Int64, unitPrice: Double, customer: String) {
            self.invoice = invoice
            self.stockCode = stockCode
            self.quantity = quantity
            self.time = time
            self.unitPrice = unitPrice
            self.customer = customer
        }
    }

    /// Stock codes that are services or bookkeeping rather than products.
    public static let nonProductCodes: Set<String> = ["POST", "D", "M", "BANK CHARGES", "AMAZONFEE", "DOT", "C2", "S", "PADS"]

    /// Whether a stock code names a product (not postage, a fee, a voucher or an adjustment).
    public static func isProductCode(_ code: String) -> Bool {
        if nonProductCodes.contains(code) { return false }
        if code.hasPrefix("gift_0001") || code.hasPrefix("DCGS") { return false }
        return code.contains { $0.isASCII && $0.isNumber }
    }

    /// Whether a row survives cleaning.
    public static func keeps(_ row: Row) -> Bool {
        !row.customer.isEmpty && !row.invoice.hasPrefix("C") && row.quantity > 0 && row.unitPrice > 0 && isProductCode(row.stockCode)
    }

    /// Reads the log (gzip or plain CSV, by content) and returns the cleaned baskets.
    public static func baskets(file path: String) throws -> [PurchaseBasket] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FormatError(description: "\(path): cannot read the purchase log (check the path)")
        }
        var bytes = [UInt8](data)
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b {
            do { bytes = try Gzip.decompress(bytes) } catch let error as Gzip.DecodeError {
                throw FormatError(description: "\(path): \(error.description)")
            }
        }
        return try baskets(csv: bytes, source: path)
    }

    /// Cleans rows and groups them into baskets (one per invoice), ordered by time then invoice.
    public static func baskets(rows: [Row]) -> [PurchaseBasket] {
        var byInvoice: [String: (customer: String, time: Int64, items: Set<String>)] = [:]
        for row in rows where keeps(row) {
            if var basket = byInvoice[row.invoice] {
                basket.time = min(basket.time, row.time)
                basket.items.insert(row.stockCode)
                byInvoice[row.invoice] = basket
            } else {
                byInvoice[row.invoice] = (row.customer, row.time, [row.stockCode])
            }
        }
        return byInvoice.map { PurchaseBasket(customer: $0.value.customer, invoice: $0.key, time: $0.value.time, items: Array($0.value.items)) }
            .sorted(by: PurchaseBasket.chronological)
    }

    /// Parses CSV bytes of the log and returns the cleaned baskets.
    public static func baskets(csv bytes: [UInt8], source: String) throws -> [PurchaseBasket] {
        try baskets(rows: rows(csv: bytes, source: source))
    }

    /// Parses CSV bytes of the log into rows (RFC 4180 quoting; the header is checked).
    public static func rows(csv bytes: [UInt8], source: String) throws -> [Row] {
        let expected = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]
        var rows: [Row] = []
        var line = 0
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = 0
        let n = bytes.count
        func finishRecord() throws {
            line += 1
            if fields.count == 1 && fields[0].isEmpty { fields.removeAll(); return }  // blank line
            if line == 1 {
                var header = fields
                if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
                guard header == expected else {
                    throw FormatError(description: "\(source):1: header is \(header.joined(separator: ",")); expected \(expected.joined(separator: ",")) (the UCI Online Retail layout)")
                }
            } else {
                rows.append(try row(fields, line: line, source: source))
            }
            fields.removeAll(keepingCapacity: true)
        }
        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < n && bytes[i + 1] == 0x22 { field.append(0x22); i += 1 } else { inQuotes = false }
                } else {
                    field.append(b)
                }
            } else if b == 0x22 {
                inQuotes = true
            } else if b == 0x2C {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else if b == 0x0A {
                if field.last == 0x0D { field.removeLast() }
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                try finishRecord()
            } else {
                field.append(b)
            }
            i += 1
        }
        if inQuotes { throw FormatError(description: "\(source):\(line + 1): unexpected end of file inside a quoted field") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(String(decoding: field, as: UTF8.self))
            try finishRecord()
        }
        if line == 0 { throw FormatError(description: "\(source): empty file (expected the Online Retail CSV header)") }
        return rows
    }

    private static func row(_ f: [String], line: Int, source: String) throws -> Row {
        guard f.count == 8 else {
            throw FormatError(description: "\(source):\(line): \(f.count) fields; expected 8 (InvoiceNo … Country)")
        }
        guard let quantity = Double(f[3]) else {
            throw FormatError(description: "\(source):\(line): Quantity '\(f[3])' is not a number")
        }
        guard let price = Double(f[5]) else {
            throw FormatError(description: "\(source):\(line): UnitPrice '\(f[5])' is not a number")
        }
        guard let time = parseDate(f[4]) else {
            throw FormatError(description: "\(source):\(line): InvoiceDate '\(f[4])' is not 'YYYY-MM-DD HH:MM[:SS]'")
        }
        var customer = f[6]
        if customer.hasSuffix(".0") { customer.removeLast(2) }
        return Row(invoice: f[0], stockCode: f[1], quantity: quantity, time: time, unitPrice: price, customer: customer)
    }

    /// Parses `YYYY-MM-DD HH:MM[:SS]` (or with `T`) as UTC seconds since 1970.
    public static func parseDate(_ text: String) -> Int64? {
        let u = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= u.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                let d = Int(u[k]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard u.count >= 16, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x20 || u[10] == 0x54, u[13] == 0x3A,
              let y = num(0, 4), let m = num(5, 2), let d = num(8, 2), let hh = num(11, 2), let mm = num(14, 2),
              (1...12).contains(m), (1...31).contains(d), hh < 24, mm < 60 else { return nil }
        var ss = 0
        if u.count >= 19 {
            guard u[16] == 0x3A, let s = num(17, 2), s < 61 else { return nil }
            ss = s
        }
        return Int64(daysFromCivil(y, m, d)) * 86_400 + Int64(hh * 3600 + mm * 60 + ss)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
