/// A sparse feature vector: parallel arrays of row numbers and values.
public struct SparseVector: Sendable, Hashable {
    public var rows: [Int32]
    public var values: [Float]

    public init(rows: [Int32] = [], values: [Float] = []) {
        self.rows = rows
        self.values = values
    }

    public var count: Int { rows.count }
}
