/// One record of a delimited file, with the physical line where it starts.
public struct CSVRecord: Sendable, Hashable {
    /// The fields, unquoted.
    public var fields: [String]
    /// The 1-based physical line on which the record starts.
    public var line: Int
}

/// Why a delimited file could not be read to the end.
public enum CSVReadError: Error, Sendable, Hashable {
    /// A quoted field was still open at end of file (a truncated export).
    case unterminatedQuote(startLine: Int)
}

/// An RFC 4180 reader over UTF-8 bytes that tracks physical line numbers.
///
/// Quoted fields may span lines; LF, CRLF and lone CR all end records and may be mixed.
/// It is lenient where real exports are sloppy: a `"` inside an unquoted field is literal,
/// and text after a closing quote is kept. It is strict where silence would lose data:
/// an unterminated quote at end of file is an error, never a half record.
public enum CSVReader {
    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// Reads every record, calling `body` for each; blank lines are skipped.
    public static func read(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), _ body: (CSVRecord) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { buf in
            let n = buf.count
            var i = 0
            var line = 1
            var scratch = [UInt8]()
            while i < n {
                let recordLine = line
                var fields: [String] = []
                fields.reserveCapacity(64)
                fieldLoop: while true {
                    if i < n && buf[i] == quote {
                        let quoteLine = line
                        i += 1
                        var start = i
                        scratch.removeAll(keepingCapacity: true)
                        var closed = false
                        while i < n {
                            let c = buf[i]
                            if c == quote {
                                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i]))
                                if i + 1 < n && buf[i + 1] == quote {
                                    scratch.append(quote)
                                    i += 2
                                    start = i
                                    continue
                                }
                                i += 1
                                closed = true
                                break
                            }
                            if c == lf { line += 1 } else if c == cr, i + 1 < n, buf[i + 1] != lf { line += 1 }
                            i += 1
                        }
                        if !closed { throw CSVReadError.unterminatedQuote(startLine: quoteLine) }
                        let tail = i
                        while i < n, buf[i] != delimiter, buf[i] != lf, buf[i] != cr { i += 1 }
                        if i > tail { scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[tail..<i])) }
                        fields.append(String(decoding: scratch, as: UTF8.self))
                    } else {
                        let start = i
                        while i < n { let c = buf[i]; if c == delimiter || c == lf || c == cr { break }; i += 1 }
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self))
                    }
                    if i < n && buf[i] == delimiter {
                        i += 1
                        if i == n { fields.append("") }
                        continue fieldLoop
                    }
                    if i < n && buf[i] == cr {
                        i += 1
                        if i < n && buf[i] == lf { i += 1 }
                        line += 1
                    } else if i < n && buf[i] == lf {
                        i += 1
                        line += 1
                    }
                    break fieldLoop
                }
                if fields.count == 1 && fields[0].isEmpty { continue }
                try body(CSVRecord(fields: fields, line: recordLine))
            }
        }
    }

    /// Reads all records into an array.
    public static func records(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws -> [CSVRecord] {
        var out: [CSVRecord] = []
        try read(bytes, delimiter: delimiter) { out.append($0) }
        return out
    }
}

/// A reader for tab-separated merchant feeds: one record per physical line.
///
/// Feeds in the wild use both quote policies: CSV-style quoted fields with doubled quotes
/// (`"""Loot Crew"" Tank"`) and bare quotes inside fields (`Comedero 6,5"`). A field is
/// unquoted only when it is wholly wrapped in quotes; any other `"` is literal.
public enum TSVReader {
    public static func read(_ bytes: [UInt8], _ body: (CSVRecord) throws -> Void) rethrows {
        let tab = UInt8(ascii: "\t"), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), quote = UInt8(ascii: "\"")
        var line = 0
        var start = 0
        let n = bytes.count
        while start < n {
            line += 1
            var end = start
            while end < n, bytes[end] != lf { end += 1 }
            let next = end + 1
            var stop = end
            if stop > start, bytes[stop - 1] == cr { stop -= 1 }
            if stop > start {
                var fields: [String] = []
                var f = start
                while true {
                    var e = f
                    while e < stop, bytes[e] != tab { e += 1 }
                    var value = Array(bytes[f..<e])
                    if value.count >= 2, value.first == quote, value.last == quote {
                        let inner = value[1..<(value.count - 1)]
                        var unq = [UInt8]()
                        unq.reserveCapacity(inner.count)
                        var k = inner.startIndex
                        var wellFormed = true
                        while k < inner.endIndex {
                            if inner[k] == quote {
                                if k + 1 < inner.endIndex, inner[k + 1] == quote { unq.append(quote); k += 2; continue }
                                wellFormed = false
                                break
                            }
                            unq.append(inner[k])
                            k += 1
                        }
                        if wellFormed { value = unq }
                    }
                    fields.append(String(decoding: value, as: UTF8.self))
                    if e >= stop { break }
                    f = e + 1
                }
                try body(CSVRecord(fields: fields, line: line))
            }
            start = next
        }
    }
}
