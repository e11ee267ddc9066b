import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads Google Merchant Center XML feeds (RSS 2.0 `<item>` or Atom `<entry>`, `g:` namespace).
///
/// Only an item's direct children count, so `<g:shipping><g:price>` never overrides the
/// item's own `<g:price>`; CDATA and entities are read as text; the first of repeated
/// elements (e.g. `additional_image_link`) wins.
enum MerchantXMLParser {
    static func items(_ utf8: [UInt8], file: String) throws(CatalogFileError) -> [(item: [String: String], line: Int)] {
        let delegate = Delegate()
        let parser = XMLParser(data: Data(utf8))
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        if !parser.parse() {
            let error = parser.parserError.map { String(describing: $0.localizedDescription) } ?? "unknown error"
            throw CatalogFileError(file: file, reason: "malformed XML at line \(parser.lineNumber), column \(parser.columnNumber): \(error). Nothing was imported; fix the feed or fetch it again.")
        }
        if !delegate.sawChannel {
            throw CatalogFileError(file: file, reason: "XML but not a Google Merchant feed (no <rss>/<channel> or <feed> element). Export a GMC RSS 2.0 feed.")
        }
        return delegate.items
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var items: [(item: [String: String], line: Int)] = []
        var sawChannel = false
        private var depth = 0
        private var itemDepth: Int?
        private var current: [String: String] = [:]
        private var currentLine = 0
        private var field: String?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            depth += 1
            let name = MerchantFeedParser.normalize(elementName)
            if name == "channel" || name == "feed" { sawChannel = true }
            if itemDepth == nil, name == "item" || name == "entry" {
                itemDepth = depth
                current = [:]
                currentLine = parser.lineNumber
            } else if let itemDepth, depth == itemDepth + 1 {
                field = name
                text = ""
                if name == "link", text.isEmpty, let href = attributeDict["href"] { text = href }
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if field != nil { text += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if field != nil { text += String(decoding: CDATABlock, as: UTF8.self) }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            if let itemDepth {
                if depth == itemDepth + 1, let name = field {
                    if current[name] == nil { current[name] = text }
                    field = nil
                } else if depth == itemDepth {
                    items.append((current, currentLine))
                    self.itemDepth = nil
                }
            }
            depth -= 1
        }
    }
}
