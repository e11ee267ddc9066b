import Foundation

/// Reads gzip files (RFC 1952) with a small inflater (RFC 1951) written in Swift.
///
/// Foundation on Linux has no decompression API; the retail log ships as `.csv.gz`, and a pure Swift
/// inflater keeps the package free of a C target for zlib. It checks the CRC-32 and length of each member.
public enum Gzip {
    /// Why a gzip stream could not be read.
    public struct DecodeError: Error, CustomStringConvertible, Equatable {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Decompresses a whole gzip file (all members, concatenated).
    public static func decompress(file path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DecodeError("\(path): cannot read the file (check that it exists and is readable)")
        }
        do { return try decompress([UInt8](data)) } catch let error as DecodeError {
            throw DecodeError("\(path): \(error.description)")
        }
    }

    /// Decompresses gzip bytes (all members, concatenated).
    public static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        guard bytes.count >= 18 else { throw DecodeError("not a gzip stream (only \(bytes.count) bytes)") }
        var out: [UInt8] = []
        // ISIZE of the last member is a good hint of the output size for single-member files.
        let hint = Int(UInt32(bytes[bytes.count - 4]) | UInt32(bytes[bytes.count - 3]) << 8 | UInt32(bytes[bytes.count - 2]) << 16 | UInt32(bytes[bytes.count - 1]) << 24)
        out.reserveCapacity(max(hint, bytes.count * 3))
        var position = 0
        while position < bytes.count {
            if position > 0 && bytes[position...].allSatisfy({ $0 == 0 }) { break }  // trailing padding
            position = try member(bytes, at: position, into: &out)
        }
        return out
    }

    private static func member(_ bytes: [UInt8], at start: Int, into out: inout [UInt8]) throws -> Int {
        guard start + 10 <= bytes.count, bytes[start] == 0x1f, bytes[start + 1] == 0x8b else {
            throw DecodeError("not a gzip stream (bad magic bytes at offset \(start))")
        }
        guard bytes[start + 2] == 8 else { throw DecodeError("unsupported compression method \(bytes[start + 2]) (only deflate)") }
        let flags = bytes[start + 3]
        var p = start + 10
        func need(_ n: Int) throws { if p + n > bytes.count { throw DecodeError("truncated gzip header") } }
        if flags & 0x04 != 0 {  // FEXTRA
            try need(2)
            let length = Int(bytes[p]) | Int(bytes[p + 1]) << 8
            p += 2 + length
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            while true { try need(1); p += 1; if bytes[p - 1] == 0 { break } }
        }
        if flags & 0x02 != 0 { p += 2 }  // FHCRC
        let firstByte = out.count
        var inflater = Inflater(bytes, start: p)
        try inflater.inflate(into: &out)
        p = inflater.bytePosition
        guard p + 8 <= bytes.count else { throw DecodeError("truncated gzip trailer (file cut short?)") }
        let crc = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
        let size = UInt32(bytes[p + 4]) | UInt32(bytes[p + 5]) << 8 | UInt32(bytes[p + 6]) << 16 | UInt32(bytes[p + 7]) << 24
        let actual = out.withUnsafeBufferPointer { CRC32.checksum(UnsafeBufferPointer(rebasing: $0[firstByte...])) }
        guard actual == crc else { throw DecodeError("CRC-32 mismatch (file corrupt): expected \(crc), got \(actual)") }
        guard UInt32(truncatingIfNeeded: out.count - firstByte) == size else { throw DecodeError("length mismatch (file corrupt)") }
        return p + 8
    }
}

/// CRC-32 (IEEE 802.3), as gzip uses it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            for b in bytes { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
        return c ^ 0xFFFF_FFFF
    }
}

/// A raw deflate decoder with table-driven Huffman decoding.
struct Inflater {
    private let input: [UInt8]
    private var position: Int
    private var bitBuffer: UInt64 = 0
    private var bitCount: Int = 0

    init(_ input: [UInt8], start: Int) {
        self.input = input
        self.position = start
    }

    /// The byte just after the deflate stream (unused whole bytes of the bit buffer given back).
    var bytePosition: Int { position - bitCount / 8 }

    private mutating func refill() {
        while bitCount <= 56 {
            let byte: UInt64 = position < input.count ? UInt64(input[position]) : 0
            if position >= input.count + 8 { return }
            position += 1
            bitBuffer |= byte << UInt64(bitCount)
            bitCount += 8
        }
    }

    private mutating func bits(_ n: Int) throws -> Int {
        if bitCount < n { refill() }
        guard position <= input.count + 4 else { throw Gzip.DecodeError("truncated deflate stream") }
        let value = Int(bitBuffer & ((1 << UInt64(n)) - 1))
        bitBuffer >>= UInt64(n)
        bitCount -= n
        return value
    }

    /// A canonical Huffman code as a lookup table indexed by the next `maxLength` bits (bit-reversed).
    struct Table {
        var entries: [UInt32]  // symbol << 4 | length; 0 = invalid code
        var maxLength: Int

        init(lengths: [Int]) throws {
            let maxLength = max(1, lengths.max() ?? 1)
            var count = [Int](repeating: 0, count: 16)
            for l in lengths where l > 0 { count[l] += 1 }
            var next = [Int](repeating: 0, count: 16)
            var code = 0
            for bits in 1...15 {
                code = (code + count[bits - 1]) << 1
                next[bits] = code
            }
            var entries = [UInt32](repeating: 0, count: 1 << maxLength)
            for (symbol, length) in lengths.enumerated() where length > 0 {
                let c = next[length]
                next[length] += 1
                guard c < (1 << length) else { throw Gzip.DecodeError("over-subscribed Huffman code") }
                var reversed = 0
                for i in 0..<length where c & (1 << i) != 0 { reversed |= 1 << (length - 1 - i) }
                var index = reversed
                while index < entries.count {
                    entries[index] = UInt32(symbol) << 4 | UInt32(length)
                    index += 1 << length
                }
            }
            self.entries = entries
            self.maxLength = maxLength
        }
    }

    private mutating func decode(_ table: Table) throws -> Int {
        if bitCount < table.maxLength { refill() }
        let entry = table.entries[Int(bitBuffer & ((1 << UInt64(table.maxLength)) - 1))]
        let length = Int(entry & 15)
        guard length > 0, length <= bitCount else { throw Gzip.DecodeError("invalid Huffman code in deflate stream") }
        bitBuffer >>= UInt64(length)
        bitCount -= length
        return Int(entry >> 4)
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    private static let fixedLiterals: Table = {
        var lengths = [Int](repeating: 8, count: 288)
        for i in 144..<256 { lengths[i] = 9 }
        for i in 256..<280 { lengths[i] = 7 }
        return try! Table(lengths: lengths)  // constant input from RFC 1951
    }()
    private static let fixedDistances: Table = try! Table(lengths: [Int](repeating: 5, count: 30))  // constant input

    mutating func inflate(into out: inout [UInt8]) throws {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try stored(into: &out)
            case 1: try block(Self.fixedLiterals, Self.fixedDistances, into: &out)
            case 2:
                let (literals, distances) = try dynamicTables()
                try block(literals, distances, into: &out)
            default: throw Gzip.DecodeError("invalid deflate block type 3")
            }
        }
    }

    private mutating func stored(into out: inout [UInt8]) throws {
        // Drop to a byte boundary, then give the whole bytes of the bit buffer back to the input.
        _ = try bits(bitCount % 8)
        position -= bitCount / 8
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw Gzip.DecodeError("truncated stored block") }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
        guard length == ~complement & 0xFFFF else { throw Gzip.DecodeError("stored block length check failed") }
        position += 4
        guard position + length <= input.count else { throw Gzip.DecodeError("truncated stored block") }
        out.append(contentsOf: input[position..<(position + length)])
        position += length
    }

    private mutating func dynamicTables() throws -> (Table, Table) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeCount = try bits(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<codeCount { codeLengths[order[i]] = try bits(3) }
        let codeTable = try Table(lengths: codeLengths)
        var lengths: [Int] = []
        lengths.reserveCapacity(literalCount + distanceCount)
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeTable)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw Gzip.DecodeError("repeat with no previous length") }
                lengths.append(contentsOf: repeatElement(previous, count: 3 + (try bits(2))))
            case 17: lengths.append(contentsOf: repeatElement(0, count: 3 + (try bits(3))))
            default: lengths.append(contentsOf: repeatElement(0, count: 11 + (try bits(7))))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw Gzip.DecodeError("code lengths overflow") }
        return (try Table(lengths: Array(lengths[0..<literalCount])), try Table(lengths: Array(lengths[literalCount...])))
    }

    private mutating func block(_ literals: Table, _ distances: Table, into out: inout [UInt8]) throws {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let li = symbol - 257
                guard li < 29 else { throw Gzip.DecodeError("invalid length symbol \(symbol)") }
                let length = Self.lengthBase[li] + (try bits(Self.lengthExtra[li]))
                let di = try decode(distances)
                guard di < 30 else { throw Gzip.DecodeError("invalid distance symbol \(di)") }
                let distance = Self.distanceBase[di] + (try bits(Self.distanceExtra[di]))
                guard distance <= out.count else { throw Gzip.DecodeError("distance \(distance) reaches before the start of the output") }
                // Byte by byte: the source may overlap what is being written, and a slice of `out`
                // would force a copy of the whole buffer on append.
                let from = out.count - distance
                for k in 0..<length { out.append(out[from + k]) }
            }
        }
    }
}
