import Foundation

/// Reads a merchant catalog file into normalized products, detecting the format from content.
///
/// The file name is only used in messages: a Shopify export renamed to `.txt` still reads as
/// Shopify, and a GMC feed saved as `.csv` still reads as GMC. A file that cannot be read as a
/// whole throws a `CatalogFileError` naming it; bad rows become `ImportIssue`s and are skipped.
public enum CatalogParser {
    /// Reads the file at `path`; `displayName` (default: the path) names it in messages.
    public static func parse(path: String, displayName: String? = nil, defaultCurrency: String = "USD") throws(CatalogFileError) -> ParsedCatalog {
        let name = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            throw CatalogFileError(file: name, reason: exists ? (isDir.boolValue ? "is a directory, not a catalog file" : "cannot be read (check permissions)") : "no such file")
        }
        return try parse(bytes: [UInt8](data), file: name, defaultCurrency: defaultCurrency)
    }

    /// Reads a file's bytes.
    public static func parse(bytes: [UInt8], file: String, defaultCurrency: String = "USD") throws(CatalogFileError) -> ParsedCatalog {
        let decoded = try CatalogTextDecoder.decode(bytes, file: file)
        var issues: [ImportIssue] = []
        if let warning = decoded.warning { issues.append(ImportIssue(file: file, line: nil, reason: warning, severity: .warning)) }
        let text = decoded.utf8
        let currency = defaultCurrency.uppercased()

        let firstByte = text.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        var result: ParsedCatalog
        if firstByte == UInt8(ascii: "<") {
            let items = try MerchantXMLParser.items(text, file: file)
            var feed = MerchantFeedParser(file: file, defaultCurrency: currency)
            for (index, (item, line)) in items.enumerated() { feed.add(item: item, line: line, ordinal: index + 1, issues: &issues) }
            result = ParsedCatalog(file: file, format: .merchantXML, encoding: decoded.encoding, products: feed.finish(), issues: issues)
        } else {
            let headerEnd = text.firstIndex(of: 0x0A) ?? text.endIndex
            let firstLine = text[..<headerEnd]
            let tab = UInt8(ascii: "\t")
            let tabs = firstLine.lazy.filter { $0 == tab }.count
            let commas = firstLine.lazy.filter { $0 == UInt8(ascii: ",") }.count
            let semicolons = firstLine.lazy.filter { $0 == UInt8(ascii: ";") }.count
            let delimiter: UInt8 = tabs > 0 && tabs >= commas ? tab : (semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ","))
            var records: [CSVRecord] = []
            do {
                if delimiter == tab {
                    TSVReader.read(text) { records.append($0) }
                } else {
                    try CSVReader.read(text, delimiter: delimiter) { records.append($0) }
                }
            } catch CSVReadError.unterminatedQuote(let line) {
                throw CatalogFileError(file: file, reason: "unexpected end of file inside a quoted field starting at line \(line); the file looks truncated, so nothing was imported. Export it again.")
            } catch {
                throw CatalogFileError(file: file, reason: "cannot be read as CSV: \(error)")
            }
            guard let header = records.first else { throw CatalogFileError(file: file, reason: "empty file") }
            let rows = Array(records.dropFirst())
            let headerNames = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            let lowered = Set(headerNames.map { $0.lowercased() })
            if lowered.contains("handle") || lowered.contains("variant price") || lowered.contains("body (html)") {
                let shopify = try ShopifyCSVParser(file: file, header: headerNames, defaultCurrency: currency)
                let products = shopify.parse(records: rows, into: &issues)
                result = ParsedCatalog(file: file, format: .shopifyCSV, encoding: decoded.encoding, products: products, issues: issues)
            } else if MerchantFeedParser.missingColumns(headerNames).isEmpty {
                var feed = MerchantFeedParser(file: file, defaultCurrency: currency)
                feed.parse(header: headerNames, records: rows, issues: &issues)
                result = ParsedCatalog(file: file, format: delimiter == tab ? .merchantTSV : .merchantCSV, encoding: decoded.encoding, products: feed.finish(), issues: issues)
            } else {
                let shown = headerNames.prefix(12).joined(separator: ", ") + (headerNames.count > 12 ? ", …" : "")
                throw CatalogFileError(file: file, reason: "unrecognised header (\(shown)): missing required columns \(ShopifyCSVParser.required.joined(separator: ", ")) for a Shopify product CSV, or \(MerchantFeedParser.missingColumns(headerNames).joined(separator: ", ")) for a Google Merchant Center feed. Export the catalog from Shopify or Merchant Center.")
            }
        }
        if result.products.isEmpty {
            result.issues.append(ImportIssue(file: file, line: nil, reason: "0 products", severity: .warning))
        }
        return result
    }
}
