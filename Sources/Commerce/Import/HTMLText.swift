/// Converts a product body (HTML or plain text) into plain text for search and display.
///
/// Tags are dropped (block tags become line breaks), `<script>`/`<style>` content is removed,
/// entities are decoded, no-break spaces become spaces and whitespace is collapsed.
public enum HTMLText {
    public static func plainText(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return collapse(html) }
        let scalars = html.unicodeScalars
        var out = String.UnicodeScalarView()
        var i = scalars.startIndex
        let end = scalars.endIndex
        while i < end {
            let c = scalars[i]
            if c == "<" {
                guard let close = scalars[i...].firstIndex(of: ">") else { out.append(contentsOf: scalars[i...]); break }
                let inner = scalars[scalars.index(after: i)..<close]
                let closing = inner.first == "/"
                let name = String(String.UnicodeScalarView(inner.drop { $0 == "/" }.prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) })).lowercased()
                if !closing, name == "script" || name == "style",
                   let endTag = html.range(of: "</\(name)", options: .caseInsensitive, range: close..<html.endIndex),
                   let gt = scalars[endTag.upperBound...].firstIndex(of: ">") {
                    i = scalars.index(after: gt)
                    continue
                }
                out.append(blockTags.contains(name) ? "\n" : " ")
                i = scalars.index(after: close)
            } else if c == "&" {
                let window = scalars[scalars.index(after: i)...].prefix(11)
                if let semi = window.firstIndex(of: ";"), let decoded = entity(String(String.UnicodeScalarView(scalars[scalars.index(after: i)..<semi]))) {
                    out.append(contentsOf: decoded.unicodeScalars)
                    i = scalars.index(after: semi)
                } else {
                    out.append(c)
                    i = scalars.index(after: i)
                }
            } else {
                out.append(c)
                i = scalars.index(after: i)
            }
        }
        return collapse(String(out))
    }

    private static let blockTags: Set<String> = ["p", "br", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "hr"]

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "euro": "€", "pound": "£",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "times": "×", "frac12": "½", "middot": "·", "bull": "•",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "iacute": "í", "oacute": "ó", "uacute": "ú",
        "ntilde": "ñ", "uuml": "ü", "ouml": "ö", "auml": "ä", "szlig": "ß", "ccedil": "ç", "oslash": "ø", "aring": "å",
        "aelig": "æ", "Uuml": "Ü", "Ouml": "Ö", "Auml": "Ä", "Eacute": "É", "shy": "",
    ]

    private static func entity(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return named[name] ?? named[name.lowercased()]
    }

    /// Collapses runs of spaces/tabs to one space and runs of blank lines to one line break.
    static func collapse(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false, pendingBreak = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\u{2028}", "\u{2029}":
                pendingBreak = true
            case " ", "\t", "\u{00A0}", "\u{200B}", "\u{FEFF}", "\u{0B}", "\u{0C}":
                pendingSpace = true
            default:
                if !out.isEmpty {
                    if pendingBreak { out.append("\n") } else if pendingSpace { out.append(" ") }
                }
                pendingSpace = false
                pendingBreak = false
                out.append(scalar)
            }
        }
        return String(out)
    }
}
