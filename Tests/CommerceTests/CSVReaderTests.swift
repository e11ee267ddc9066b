import Testing
@testable import Commerce

@Suite("CSV and TSV readers")
struct CSVReaderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let input: String
        let fields: [[String]]
        let lines: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain LF records", input: "a,b\n1,2\n", fields: [["a", "b"], ["1", "2"]], lines: [1, 2]),
        Case(name: "CRLF records", input: "a,b\r\n1,2\r\n", fields: [["a", "b"], ["1", "2"]], lines: [1, 2]),
        Case(name: "quoted field spanning lines keeps physical line numbers", input: "h,b\nx,\"one\ntwo\r\nthree\"\ny,z\n",
             fields: [["h", "b"], ["x", "one\ntwo\r\nthree"], ["y", "z"]], lines: [1, 2, 5]),
        Case(name: "doubled quotes inside quoted field", input: "\"say \"\"hi\"\"\",2\n", fields: [["say \"hi\"", "2"]], lines: [1]),
        Case(name: "bare quote inside unquoted field is literal", input: "6,5\" wide,x\n", fields: [["6", "5\" wide", "x"]], lines: [1]),
        Case(name: "empty fields and trailing delimiter", input: "a,,c,\n", fields: [["a", "", "c", ""]], lines: [1]),
        Case(name: "no final newline", input: "a,b\n1,2", fields: [["a", "b"], ["1", "2"]], lines: [1, 2]),
        Case(name: "blank lines are skipped but counted", input: "a\n\n\nb\n", fields: [["a"], ["b"]], lines: [1, 4]),
        Case(name: "mixed LF and CRLF line ends", input: "a\r\nb\nc\r\n", fields: [["a"], ["b"], ["c"]], lines: [1, 2, 3]),
        Case(name: "comma inside quotes", input: "\"60,00\",x\n", fields: [["60,00", "x"]], lines: [1]),
    ]

    @Test("RFC 4180 reader gives the expected fields and start lines", arguments: cases)
    func readsCSV(_ c: Case) throws {
        let records = try CSVReader.records(Array(c.input.utf8))
        #expect(records.map(\.fields) == c.fields)
        #expect(records.map(\.line) == c.lines)
    }

    @Test("an unterminated quote at end of file is an error naming the line where the field starts")
    func unterminatedQuote() {
        let input = "h,b\nx,y\nz,\"half a\nbody"
        #expect(throws: CSVReadError.unterminatedQuote(startLine: 3)) {
            _ = try CSVReader.records(Array(input.utf8))
        }
    }

    @Test("TSV reader accepts both quote policies: CSV-style quoted fields and bare quotes")
    func tsvQuotePolicies() {
        let input = "id\ttitle\n1\t\"\"\"Loot Crew\"\" Tank\"\r\n2\tComedero 6,5\"\n3\tRascador \"pez\" azul\n"
        var records: [CSVRecord] = []
        TSVReader.read(Array(input.utf8)) { records.append($0) }
        #expect(records.map(\.fields) == [["id", "title"], ["1", "\"Loot Crew\" Tank"], ["2", "Comedero 6,5\""], ["3", "Rascador \"pez\" azul"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
    }

    @Test("the CSV reader reads a megabyte-sized export in well under a second even in debug")
    func readsFast() throws {
        var text = "Handle,Title,Body (HTML),Variant Price\n"
        for i in 0..<20_000 { text += "h\(i),Title \(i),\"<p>Line one,\nline two</p>\",\(i).99\n" }
        let bytes = Array(text.utf8)
        let clock = ContinuousClock()
        var count = 0
        let elapsed = try clock.measure { try CSVReader.read(bytes) { _ in count += 1 } }
        #expect(count == 20_001)
        #expect(elapsed < .seconds(2), "read \(bytes.count) bytes in \(elapsed)")
    }
}
