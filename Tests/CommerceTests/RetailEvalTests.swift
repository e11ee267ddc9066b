import Foundation
import Testing
@testable import Commerce

@Suite("Retail log: gzip, cleaning, hold-out protocol, metrics")
struct RetailEvalTests {
    // MARK: gzip

    /// The text the gzip fixtures below were made from (Python's gzip/zlib, mtime 0).
    static let gzipText = "InvoiceNo,StockCode\n" + (0..<60).map { "5363\($0 % 7),8512\($0 % 3)A\n" }.joined()

    static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var chars = hex.makeIterator()
        while let a = chars.next(), let b = chars.next() { out.append(UInt8(String([a, b]), radix: 16) ?? 0) }
        return out
    }

    static let dynamicHuffman = "1f8b0800000000000203edd0210e8030100041cf5b2a7a77bd064b50180c4f000421a186f07e92d6ec1f406e326aa7eb29c7bacf252c7759cfb16c7be7962d86de45e350436a480bada12d8c2c913959268b6442a6644696c89c2c934532215332234b644e96c9fe219f1cf2022a093eb120030000"
    static let fixedHuffman = "1f8b0800000000000203f3cc2bcbcf4c4ef5cbd7092ec94fce76ce4f49e53235363336d0b1303534327004730cc11c4308c708cc3182708c919599202b3345566686accc00599921b232236465c6c8ca4c909599222b3343566680accc10599911b23263646526c8ca4c919599212b1b0d90111920002a093eb120030000"

    @Test("gzip members with dynamic and fixed Huffman blocks decompress to the original text", arguments: [dynamicHuffman, fixedHuffman])
    func gzipDecodes(_ hex: String) throws {
        let out = try Gzip.decompress(Self.bytes(hex))
        #expect(String(decoding: out, as: UTF8.self) == Self.gzipText)
    }

    @Test("a stored (uncompressed) gzip block and two concatenated members decode")
    func gzipStoredAndConcatenated() throws {
        // Build a stored-block member by hand: header, one final stored block, CRC-32 and length.
        let text = Array("hello, stored block".utf8)
        var member: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x01, UInt8(text.count), 0, ~UInt8(text.count), 0xFF]
        member += text
        let crc = text.withUnsafeBufferPointer { CRC32.checksum($0) }
        member += [UInt8(crc & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 24), UInt8(text.count), 0, 0, 0]
        #expect(try Gzip.decompress(member) == text)
        let both = try Gzip.decompress(member + Self.bytes(Self.fixedHuffman))
        #expect(String(decoding: both, as: UTF8.self) == "hello, stored block" + Self.gzipText)
    }

    @Test("a corrupted gzip stream is refused with a message, not decoded wrongly")
    func gzipCorrupt() {
        var bytes = Self.bytes(Self.dynamicHuffman)
        bytes[bytes.count - 6] ^= 0xFF  // damage the stored CRC
        #expect(throws: Gzip.DecodeError.self) { try Gzip.decompress(bytes) }
        #expect(throws: Gzip.DecodeError.self) { try Gzip.decompress(Array("not gzip at all, just text".utf8)) }
    }

    // MARK: cleaning

    @Test("product codes: postage, fees, vouchers and codes without a digit are not products", arguments: [
        ("85123A", true), ("22423", true), ("POST", false), ("D", false), ("M", false), ("BANK CHARGES", false),
        ("AMAZONFEE", false), ("DOT", false), ("C2", false), ("S", false), ("PADS", false),
        ("gift_0001_20", false), ("DCGS0070", false), ("DCGSSGIRL", false), ("B", false), ("CRUK", false), ("47566B", true),
    ])
    func productCodes(_ code: String, _ isProduct: Bool) {
        #expect(RetailLog.isProductCode(code) == isProduct)
    }

    static func row(_ invoice: String = "536365", code: String = "85123A", quantity: Double = 6, price: Double = 2.55, customer: String = "17850") -> RetailLog.Row {
        RetailLog.Row(invoice: invoice, stockCode: code, quantity: quantity, time: 0, unitPrice: price, customer: customer)
    }

    @Test("cleaning drops rows with no customer, cancellations, non-positive quantity or price, non-products", arguments: [
        (row(), true),
        (row(customer: ""), false),
        (row("C536379"), false),
        (row(quantity: 0), false),
        (row(quantity: -3), false),
        (row(price: 0), false),
        (row(price: -11062.06), false),
        (row(code: "POST"), false),
    ])
    func cleaning(_ row: RetailLog.Row, _ kept: Bool) {
        #expect(RetailLog.keeps(row) == kept)
    }

    @Test("CSV rows with quoted commas parse; customer ids lose their .0; baskets group invoices with their earliest time")
    func csvParsing() throws {
        let csv = """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            536365,85123A,"WHITE HANGING HEART, T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
            536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:25:00,3.39,17850.0,United Kingdom
            536365,71053,WHITE METAL LANTERN,2,2010-12-01 08:27:00,3.39,17850.0,United Kingdom
            536366,POST,POSTAGE,1,2010-12-01 08:28:00,18.00,17850.0,United Kingdom
            C536367,71053,WHITE METAL LANTERN,-1,2010-12-01 09:00:00,3.39,17850.0,United Kingdom
            536368,22633,HAND WARMER,6,2010-12-01 09:00:00,1.85,,United Kingdom

            """
        let rows = try RetailLog.rows(csv: Array(csv.utf8), source: "t.csv")
        #expect(rows.count == 6)
        #expect(rows[0].customer == "17850")
        #expect(rows[0].time == 1_291_191_960)  // 2010-12-01 08:26:00 UTC
        let baskets = try RetailLog.baskets(csv: Array(csv.utf8), source: "t.csv")
        #expect(baskets == [PurchaseBasket(customer: "17850", invoice: "536365", time: 1_291_191_900, items: ["71053", "85123A"])])
    }

    @Test("a malformed row is reported with file, line and field")
    func csvErrors() {
        let csv = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,2,x,many,2010-12-01 08:26:00,1,1,UK\n"
        #expect {
            try RetailLog.rows(csv: Array(csv.utf8), source: "bad.csv")
        } throws: { error in
            "\(error)".contains("bad.csv:2") && "\(error)".contains("Quantity")
        }
        #expect(throws: RetailLog.FormatError.self) { try RetailLog.rows(csv: Array("a,b\n1,2\n".utf8), source: "h.csv") }
    }

    // MARK: hold-out

    static func basket(_ customer: String, _ invoice: String, _ day: Int64, _ items: [String]) -> PurchaseBasket {
        PurchaseBasket(customer: customer, invoice: invoice, time: day * 86_400, items: items)
    }

    @Test("the last basket is held out; on a time tie the larger invoice number; single-basket customers only train")
    func holdOut() {
        let split = HoldoutSplit([
            Self.basket("a", "100", 1, ["x", "y"]),
            Self.basket("a", "99", 5, ["y", "z"]),
            Self.basket("a", "101", 5, ["x", "w"]),  // same time as 99, larger number: held out
            Self.basket("b", "200", 2, ["x"]),
            Self.basket("c", "300", 1, ["x", "y"]),
            Self.basket("c", "301", 3, ["y"]),  // nothing new: c is not evaluated
        ])
        #expect(split.heldOut["a"]?.invoice == "101")
        #expect(split.heldOut["b"] == nil)
        #expect(split.heldOut["c"]?.invoice == "301")
        #expect(split.targets == ["a": ["w"]])
        #expect(Set(split.training.map(\.invoice)) == ["100", "99", "200", "300"])
        // Validation repeats the rule on training: a's last training basket is 99.
        #expect(split.validation.targets == ["a": ["z"]])
    }

    @Test("invoice numbers compare as numbers, so 9999 comes before 10000")
    func invoiceOrder() {
        #expect(PurchaseBasket.invoiceLess("9999", "10000"))
        #expect(!PurchaseBasket.invoiceLess("10000", "9999"))
        #expect(PurchaseBasket.invoiceLess("A9999", "A10000"))
    }

    // MARK: metrics

    @Test("hit rate, binary NDCG, recall and coverage have the exact hand-computed values")
    func metrics() {
        let targets: [String: Set<String>] = ["u1": ["a", "b"], "u2": ["c"], "u3": ["d"]]
        let lists: [String: [String]] = [
            "u1": ["a", "x", "b"],  // hits at ranks 1 and 3
            "u2": ["x", "c"],  // hit at rank 2
            "u3": ["x", "y"],  // miss
        ]
        let m = RankingMetrics.measure(recommendations: lists, targets: targets, catalogSize: 10)
        let u1 = (1 + 1 / log2(4.0)) / (1 + 1 / log2(3.0))
        let u2 = 1 / log2(3.0)
        #expect(m.customers == 3)
        #expect(abs(m.hitRateAt10 - 2.0 / 3) < 1e-12)
        #expect(abs(m.ndcgAt10 - (u1 + u2) / 3) < 1e-12)
        #expect(abs(m.recallAt10 - (1 + 1) / 3) < 1e-12)
        #expect(abs(m.coverageAt10 - 5.0 / 10) < 1e-12)  // a, x, b, c, y
    }

    @Test("only the first k recommendations count")
    func metricsCutAtK() {
        let m = RankingMetrics.measure(recommendations: ["u": ["x", "y", "a"]], targets: ["u": ["a"]], catalogSize: 3, k: 2)
        #expect(m.hitRateAt10 == 0)
        #expect(abs(m.coverageAt10 - 2.0 / 3) < 1e-12)
    }

    @Test("top-k keeps the best scores, breaks ties by lower index, and skips excluded items")
    func topK() {
        #expect(TopK.select([0.5, 0.9, 0.9, 0.1, 0.7], k: 3) == [1, 2, 4])
        #expect(TopK.select([0.5, 0.9, 0.9, 0.1, 0.7], k: 3, excluding: [1, 4]) == [2, 0, 3])
        #expect(TopK.select([1, 2], k: 5) == [1, 0])
    }
}
