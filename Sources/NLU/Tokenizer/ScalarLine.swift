/// A line decoded once: its UTF-8 bytes and Unicode scalar values, with the UTF-8
/// offset of every scalar, so that pieces can be measured in scalars (the offsets
/// tokens carry) and sliced out of the bytes without walking the string again.
struct ScalarLine {
    let utf8: [UInt8]
    let scalars: [UInt32]
    /// UTF-8 offset of each scalar plus one past the end; empty when the line is ASCII
    /// (then a scalar offset is a byte offset).
    let byteOffsets: [Int]
    let isASCII: Bool

    init(_ text: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        bytes.append(contentsOf: text.utf8)
        var ascii = true
        for b in bytes where b >= 0x80 { ascii = false; break }
        utf8 = bytes
        isASCII = ascii
        if ascii {
            scalars = bytes.map { UInt32($0) }
            byteOffsets = []
        } else {
            var values: [UInt32] = []
            var offsets: [Int] = []
            values.reserveCapacity(bytes.count)
            offsets.reserveCapacity(bytes.count + 1)
            var offset = 0
            for scalar in text.unicodeScalars {
                values.append(scalar.value)
                offsets.append(offset)
                offset += UTF8.width(scalar)
            }
            offsets.append(offset)
            scalars = values
            byteOffsets = offsets
        }
    }

    var count: Int { scalars.count }

    /// The original text of scalars `start..<end`.
    func text(_ start: Int, _ end: Int) -> String {
        if isASCII { return String(decoding: utf8[start..<end], as: UTF8.self) }
        return String(decoding: utf8[byteOffsets[start]..<byteOffsets[end]], as: UTF8.self)
    }

    @inline(__always) func scalar(_ i: Int) -> UInt32 { scalars[i] }
}
