import Foundation

/// Turns a file's bytes into UTF-8 text, deciding the encoding from the bytes themselves.
///
/// UTF-8 (with or without BOM) passes through; UTF-16 with a BOM is transcoded; NUL bytes or
/// control characters mean binary and the file is refused; other invalid UTF-8 falls back to
/// Windows-1252 explicitly, with a warning, so accents survive and no U+FFFD is ever stored.
public enum CatalogTextDecoder {
    /// The decoded text as UTF-8 bytes, the encoding's name, and a warning when a fallback was used.
    public struct Decoded: Sendable {
        public var utf8: [UInt8]
        public var encoding: String
        public var warning: String?
    }

    public static func decode(_ bytes: [UInt8], file: String) throws(CatalogFileError) -> Decoded {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw CatalogFileError(file: file, reason: "empty file")
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return try decodeUTF16(bytes, littleEndian: bytes[0] == 0xFF, file: file)
        }
        if let littleEndian = bomlessUTF16(bytes) {
            var decoded = try decodeUTF16([0, 0] + bytes, littleEndian: littleEndian, file: file)
            decoded.warning = "no byte-order mark, but the text is \(decoded.encoding) (every other byte is NUL); read as \(decoded.encoding). Save the file as UTF-8 to silence this warning."
            return decoded
        }
        var body = bytes
        var encoding = "UTF-8"
        if body.count >= 3, body[0] == 0xEF, body[1] == 0xBB, body[2] == 0xBF {
            body.removeFirst(3)
            encoding = "UTF-8 (BOM)"
        }
        if body.contains(0) {
            throw CatalogFileError(file: file, reason: "not a text/CSV file (binary or invalid UTF-8): it contains NUL bytes. Export the catalog as CSV, TSV or XML text.")
        }
        if String(validating: body, as: UTF8.self) != nil {
            return Decoded(utf8: body, encoding: encoding, warning: nil)
        }
        // Invalid UTF-8. Text in a legacy 8-bit encoding has no control bytes; random binary does.
        let controls = body.lazy.filter { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }.count
        if controls > 0 {
            throw CatalogFileError(file: file, reason: "not a text/CSV file (binary or invalid UTF-8) at byte \(firstInvalidUTF8Offset(body) ?? 0). Export the catalog as UTF-8 CSV, TSV or XML.")
        }
        let line = lineOfFirstInvalidUTF8(body)
        var out = [UInt8]()
        out.reserveCapacity(body.count + body.count / 8)
        for byte in body {
            let scalar = windows1252(byte)
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        return Decoded(utf8: out, encoding: "Windows-1252", warning: "not valid UTF-8 (line \(line)); read as Latin-1/Windows-1252. Check the accents, and save the file as UTF-8 to silence this warning.")
    }

    private static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool, file: String) throws(CatalogFileError) -> Decoded {
        guard bytes.count % 2 == 0 else {
            throw CatalogFileError(file: file, reason: "UTF-16 text with an odd number of bytes (truncated?). Save the file again as UTF-8 CSV.")
        }
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2 - 1)
        var i = 2
        while i + 1 < bytes.count {
            units.append(littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
            i += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw CatalogFileError(file: file, reason: "invalid UTF-16 (unpaired surrogate). Save the file again as UTF-8 CSV.")
        }
        if text.utf8.contains(0) {
            throw CatalogFileError(file: file, reason: "not a text/CSV file (binary or invalid UTF-8): NUL characters in UTF-16 text.")
        }
        return Decoded(utf8: Array(text.utf8), encoding: littleEndian ? "UTF-16LE" : "UTF-16BE", warning: nil)
    }

    /// UTF-16 without a BOM: ASCII-heavy text has a NUL in nearly every high byte and almost
    /// none in the low bytes. Random binary does not look like that.
    static func bomlessUTF16(_ bytes: [UInt8]) -> Bool? {
        let sample = bytes.prefix(1024)
        guard sample.count >= 8, sample.count % 2 == 0 else { return nil }
        var zeroEven = 0, zeroOdd = 0
        for (i, b) in sample.enumerated() where b == 0 { if i % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 } }
        let pairs = sample.count / 2
        if zeroOdd * 10 >= pairs * 9 && zeroEven * 10 <= pairs { return true }
        if zeroEven * 10 >= pairs * 9 && zeroOdd * 10 <= pairs { return false }
        return nil
    }

    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    private static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        let offset = firstInvalidUTF8Offset(bytes) ?? 0
        return 1 + bytes[..<min(offset, bytes.count)].lazy.filter { $0 == 0x0A }.count
    }

    /// Windows-1252 is Latin-1 except 0x80–0x9F, where it has typographic characters.
    private static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        let table: [UInt8: UInt32] = [
            0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
            0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
            0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
            0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
        ]
        if byte >= 0x80, byte <= 0x9F, let mapped = table[byte], let scalar = Unicode.Scalar(mapped) { return scalar }
        return Unicode.Scalar(byte)
    }
}
