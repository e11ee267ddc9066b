extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, `\r`, Unicode
    /// spaces); a pure-Swift stand-in for Foundation's `trimmingCharacters(in:)`, which
    /// dominated loading time on Linux.
    func trimmed() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        guard let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        if first == startIndex && last == index(before: endIndex), let s = self as? String { return s }
        return String(self[first...last])
    }
}
