/// Makes text from the catalog or a shopper safe to print on a terminal.
///
/// A product title must not be able to move the cursor, change colors, set the window
/// title or reorder text: C0/C1 control characters (so every escape sequence), DEL and
/// the Unicode bidirectional overrides are removed; tabs and newlines become spaces.
public enum TerminalText {
    public static func sanitize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: continue
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
