import Foundation

/// Encodes values as compact JSON straight into bytes, for what the store keeps on every
/// turn (the session state, the turn's parse and reply), which `JSONDecoder` reads back.
///
/// Why not `JSONEncoder`: it builds a tree of boxed values, checks every value for dates,
/// data and URLs and tracks the coding path, which made saving a turn about a tenth of
/// the turn (`shopassist bench turn`). This writer streams each value as the `Encodable`
/// conformance hands it over. What it leaves out, and why that is safe here: keys are in
/// the order the type encodes them (not sorted: channels that need the stable form use
/// `Reply.jsonString()`); `Date`, `Data` and `URL` take their own `Codable` form
/// (`JSONEncoder`'s defaults for the first two; none of the stored types has a URL);
/// `superEncoder` is not supported (no stored type uses it). Doubles are written in
/// Swift's shortest round-trip form; NaN and infinity are refused, as `JSONEncoder` does.
struct CompactJSONEncoder {
    func encode<T: Encodable>(_ value: T) throws -> String {
        let writer = JSONByteWriter()
        try writer.encodeValue(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// `text` as a JSON string literal (quoted and escaped).
    static func quoted(_ text: String) -> String {
        let writer = JSONByteWriter(capacity: text.utf8.count + 2)
        writer.string(text)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// The encoder behind `CompactJSONEncoder`: a stack of open objects and arrays over one byte buffer.
///
/// Codable never says when a container is finished, so the writer closes containers itself:
/// those a value opened when that value's `encode(to:)` returns, and nested ones when their
/// parent writes its next element.
final class JSONByteWriter: Encoder {
    // One writer per encode call, on one thread: no dynamic exclusivity checks on every byte.
    @exclusivity(unchecked) private(set) var bytes: [UInt8] = []
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    struct Frame {
        var isObject: Bool
        var count = 0
    }
    @exclusivity(unchecked) private var frames: [Frame] = []
    /// How many frames were open when the value being encoded started (its own start here).
    private var valueBase = 0

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    func encodeValue<T: Encodable>(_ value: T) throws {
        let outerBase = valueBase
        let start = bytes.count
        valueBase = frames.count
        defer { valueBase = outerBase }
        try value.encode(to: self)
        close(downTo: valueBase)
        // A value that encoded nothing is an empty object, as with JSONEncoder.
        if bytes.count == start { bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")]) }
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // Asked twice by one value: the same object.
        if frames.count > valueBase, frames[valueBase].isObject { return KeyedEncodingContainer(KeyedWriter<Key>(writer: self, frame: valueBase)) }
        return KeyedEncodingContainer(KeyedWriter<Key>(writer: self, frame: open(object: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if frames.count > valueBase, !frames[valueBase].isObject { return UnkeyedWriter(writer: self, frame: valueBase) }
        return UnkeyedWriter(writer: self, frame: open(object: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueWriter(writer: self) }

    // MARK: Structure

    /// Opens an object or array and returns its frame index.
    func open(object: Bool) -> Int {
        bytes.append(object ? UInt8(ascii: "{") : UInt8(ascii: "["))
        frames.append(Frame(isObject: object))
        return frames.count - 1
    }

    /// Closes every frame above `depth` (nested containers whose parent moved on).
    func close(downTo depth: Int) {
        while frames.count > depth {
            bytes.append(frames.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    /// Starts the next member of object `frame`: its separator and key.
    func key(_ key: String, in frame: Int) {
        element(in: frame)
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Starts the next element of `frame`: closes what was nested in the previous one, writes the comma.
    func element(in frame: Int) {
        close(downTo: frame + 1)
        if frames[frame].count > 0 { bytes.append(UInt8(ascii: ",")) }
        frames[frame].count += 1
    }

    func count(of frame: Int) -> Int { frames.count > frame ? frames[frame].count : 0 }

    // MARK: Scalars

    func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: s.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: [], debugDescription: "\(value) is not a JSON number"))
        }
        raw(value.description)
    }

    func scalar(_ value: Bool) { raw(value ? "true" : "false") }
    func null() { raw("null") }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONByteWriter
    let frame: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.null() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.scalar(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.string(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { writer.key(key.stringValue, in: frame); try writer.number(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { writer.key(key.stringValue, in: frame); try writer.number(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { writer.key(key.stringValue, in: frame); writer.raw(String(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { writer.key(key.stringValue, in: frame); try writer.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        writer.key(key.stringValue, in: frame)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer, frame: writer.open(object: true)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        writer.key(key.stringValue, in: frame)
        return UnkeyedWriter(writer: writer, frame: writer.open(object: false))
    }

    mutating func superEncoder() -> any Encoder {
        preconditionFailure("CompactJSONEncoder does not support superEncoder(); encode the stored type with JSONEncoder")
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let writer: JSONByteWriter
    let frame: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { writer.count(of: frame) }

    mutating func encodeNil() throws { writer.element(in: frame); writer.null() }
    mutating func encode(_ value: Bool) throws { writer.element(in: frame); writer.scalar(value) }
    mutating func encode(_ value: String) throws { writer.element(in: frame); writer.string(value) }
    mutating func encode(_ value: Double) throws { writer.element(in: frame); try writer.number(value) }
    mutating func encode(_ value: Float) throws { writer.element(in: frame); try writer.number(value) }
    mutating func encode(_ value: Int) throws { writer.element(in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: Int8) throws { writer.element(in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: Int16) throws { writer.element(in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: Int32) throws { writer.element(in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: Int64) throws { writer.element(in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: UInt) throws { writer.element(in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: UInt8) throws { writer.element(in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: UInt16) throws { writer.element(in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: UInt32) throws { writer.element(in: frame); writer.raw(String(value)) }
    mutating func encode(_ value: UInt64) throws { writer.element(in: frame); writer.raw(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { writer.element(in: frame); try writer.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        writer.element(in: frame)
        return KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer, frame: writer.open(object: true)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        writer.element(in: frame)
        return UnkeyedWriter(writer: writer, frame: writer.open(object: false))
    }

    mutating func superEncoder() -> any Encoder {
        preconditionFailure("CompactJSONEncoder does not support superEncoder(); encode the stored type with JSONEncoder")
    }
}

private struct SingleValueWriter: SingleValueEncodingContainer {
    let writer: JSONByteWriter
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.null() }
    mutating func encode(_ value: Bool) throws { writer.scalar(value) }
    mutating func encode(_ value: String) throws { writer.string(value) }
    mutating func encode(_ value: Double) throws { try writer.number(value) }
    mutating func encode(_ value: Float) throws { try writer.number(value) }
    mutating func encode(_ value: Int) throws { writer.raw(String(value)) }
    mutating func encode(_ value: Int8) throws { writer.raw(String(value)) }
    mutating func encode(_ value: Int16) throws { writer.raw(String(value)) }
    mutating func encode(_ value: Int32) throws { writer.raw(String(value)) }
    mutating func encode(_ value: Int64) throws { writer.raw(String(value)) }
    mutating func encode(_ value: UInt) throws { writer.raw(String(value)) }
    mutating func encode(_ value: UInt8) throws { writer.raw(String(value)) }
    mutating func encode(_ value: UInt16) throws { writer.raw(String(value)) }
    mutating func encode(_ value: UInt32) throws { writer.raw(String(value)) }
    mutating func encode(_ value: UInt64) throws { writer.raw(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.encodeValue(value) }
}
