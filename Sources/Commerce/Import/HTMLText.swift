/// Converts a product body (HTML or plain text) into plain text for search and display.
///
/// Tags are dropped (block tags become line breaks), `<script>`/`<style>` content is removed,
/// entities are decoded, no-break spaces become spaces and whitespace is collapsed.
public enum HTMLText {
    public static func plainText(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return collapse(html) }
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var i = html.startIndex
        while i < html.endIndex {
            let c = html[i]
            if c == "<" {
                guard let close = html[i...].firstIndex(of: ">") else { out.append(contentsOf: html[i...]); break }
                let tag = html[html.index(after: i)..<close].lowercased()
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
                if !tag.hasPrefix("/"), name == "script" || name == "style" {
                    if let end = html.range(of: "</\(name)", options: .caseInsensitive, range: close..<html.endIndex),
                       let gt = html[end.upperBound...].firstIndex(of: ">") {
                        i = html.index(after: gt)
                        continue
                    }
                }
                if blockTags.contains(String(name)) { out.append("\n") } else { out.append(" ") }
                i = html.index(after: close)
            } else if c == "&" {
                if let semi = html[i...].prefix(12).firstIndex(of: ";"), let decoded = entity(String(html[html.index(after: i)..<semi])) {
                    out.append(decoded)
                    i = html.index(after: semi)
                } else {
                    out.append(c)
                    i = html.index(after: i)
                }
            } else {
                out.append(c)
                i = html.index(after: i)
            }
        }
        return collapse(out)
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
        var lines: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let words = raw.split { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" || $0 == "\u{200B}" }
            if !words.isEmpty { lines.append(words.joined(separator: " ")) }
        }
        return lines.joined(separator: "\n")
    }
}
