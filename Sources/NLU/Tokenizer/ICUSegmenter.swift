/// Word segmentation of lines with non-ASCII text through ICU's word break
/// iterator (dictionary segmentation for Chinese, Japanese, Thai, ...), with ICU's
/// UTF-16 boundaries turned into scalar offsets.
enum ICUSegmenter {
    static func segment(_ line: ScalarLine) -> [Piece] {
        let scalars = line.scalars
        var utf16: [UInt16] = []
        utf16.reserveCapacity(scalars.count + 8)
        var toScalar: [Int] = []
        toScalar.reserveCapacity(scalars.count + 9)
        for (index, value) in scalars.enumerated() {
            if value > 0xFFFF {
                let v = value - 0x10000
                utf16.append(UInt16(0xD800 + (v >> 10)))
                utf16.append(UInt16(0xDC00 + (v & 0x3FF)))
                toScalar.append(index)
                toScalar.append(index)
            } else {
                utf16.append(UInt16(value))
                toScalar.append(index)
            }
        }
        toScalar.append(scalars.count)
        var pieces: [Piece] = []
        pieces.reserveCapacity(scalars.count / 3 + 2)
        for segment in ICU.wordSegments(utf16) {
            let start = toScalar[segment.start], end = toScalar[segment.end]
            if start >= end { continue }
            let slice = scalars[start..<end]
            if segment.ruleStatus >= 100 {
                pieces.append(Piece(start: start, end: end, cls: PieceClass.wordOrNumber(slice)))
            } else if slice.allSatisfy(Scalars.isSpaceLike) {
                pieces.append(Piece(start: start, end: end, cls: .space))
            } else if slice.contains(where: Scalars.isEmojiPart) {
                pieces.append(Piece(start: start, end: end, cls: .emoji))
            } else if slice.contains(where: Scalars.isLetter) {
                // ICU gives no status to some letter runs (e.g. a lone `_`-joined piece); keep them words.
                pieces.append(Piece(start: start, end: end, cls: PieceClass.wordOrNumber(slice)))
            } else {
                pieces.append(Piece(start: start, end: end, cls: .single))
            }
        }
        return pieces
    }
}
