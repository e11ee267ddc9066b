import Foundation
import Testing
@testable import Commerce

@Suite("Catalog parser on the real and broken datasets")
struct CatalogParserTests {
    struct Expected: CustomTestStringConvertible, Sendable {
        let file: String
        let format: CatalogFormat
        let products: Int
        let variants: Int
        var testDescription: String { (file as NSString).lastPathComponent }
    }

    /// Counts from datasets/README.md: products = Titles / GMC groups, variants = variant rows / items.
    static let real: [Expected] = [
        Expected(file: "shopify/shopifypartners--product-csvs--apparel.csv", format: .shopifyCSV, products: 20, variants: 22),
        Expected(file: "shopify/shopifypartners--product-csvs--home-and-garden.csv", format: .shopifyCSV, products: 20, variants: 21),
        Expected(file: "shopify/shopifypartners--product-csvs--jewelery.csv", format: .shopifyCSV, products: 20, variants: 23),
        Expected(file: "shopify/lifemademagic--catalog--products_export_1.csv", format: .shopifyCSV, products: 338, variants: 3_675),
        Expected(file: "shopify/Ronne2406--productfeed--products_export_1.csv", format: .shopifyCSV, products: 196, variants: 1_477),
        Expected(file: "shopify/dinhdungweb--Vietjewelers--products_export_1.csv", format: .shopifyCSV, products: 1_243, variants: 1_654),
        Expected(file: "shopify/bilalithelabel--product-feed--products_export.csv", format: .shopifyCSV, products: 48, variants: 130),
        // 22 non-empty item_group_ids + 7 ungrouped accessories.
        Expected(file: "google-merchant/pharleg--lecc-google-merchant-feed--google_feed.tsv", format: .merchantTSV, products: 29, variants: 160),
        Expected(file: "google-merchant/inventarioappsoporte-hash--WebPetsStore--merchant-feed.tsv", format: .merchantTSV, products: 381, variants: 381),
        Expected(file: "google-merchant/jonleroux--campers4sale-gva-feed--feed.tsv", format: .merchantTSV, products: 807, variants: 807),
        Expected(file: "google-merchant/xml/danielrtic--opispost-feed--google_feed.xml", format: .merchantXML, products: 23, variants: 486),
        // 1,255 items, one duplicated g:id (the later replaces the earlier).
        Expected(file: "google-merchant/xml/petrfilo-arch--importpc-feed--google_feed.xml", format: .merchantXML, products: 1_254, variants: 1_254),
    ]

    @Test("every real catalog parses to the README's product and variant counts", arguments: real)
    func realCounts(_ e: Expected) throws {
        let parsed = try CatalogParser.parse(path: CatalogDatasets.path(e.file))
        // WebPetsStore itself contains one U+FFFD (a broken emoji in the source); the parser must add none.
        let rawReplacements = String(decoding: try Data(contentsOf: URL(fileURLWithPath: CatalogDatasets.path(e.file))), as: UTF8.self)
            .unicodeScalars.filter { $0 == "\u{FFFD}" }.count
        let parsedReplacements = parsed.products.map { ($0.title + $0.description).unicodeScalars.filter { $0 == "\u{FFFD}" }.count }.reduce(0, +)
        #expect(parsedReplacements <= rawReplacements)
        #expect(parsed.format == e.format)
        #expect(parsed.products.count == e.products)
        #expect(parsed.variantCount == e.variants)
        #expect(parsed.skippedRows == 0, "\(parsed.issues.filter { $0.severity == .error }.prefix(3))")
        for product in parsed.products {
            #expect(!product.title.isEmpty)
            #expect(!product.description.contains("<p>") && !product.description.contains("&amp;"))
        }
    }

    @Test("the test list covers every file in the shopify and google-merchant folders")
    func coversEveryFile() {
        let onDisk = Set(CatalogDatasets.files(in: "shopify") + CatalogDatasets.files(in: "google-merchant") + CatalogDatasets.files(in: "google-merchant/xml"))
        #expect(onDisk == Set(Self.real.map(\.file)))
    }

    @Test("image-only rows are not variants and multi-row products keep their options")
    func shopifyStructure() throws {
        let jewelery = try CatalogParser.parse(path: CatalogDatasets.path("shopify/shopifypartners--product-csvs--jewelery.csv"))
        #expect(jewelery.products.filter { $0.variants.count > 1 }.count == 3)
        let apparel = try CatalogParser.parse(path: CatalogDatasets.path("shopify/shopifypartners--product-csvs--apparel.csv"))
        let top = try #require(apparel.products.first { $0.key == "classic-varsity-top" })
        #expect(top.variants.map(\.size) == ["Small", "Medium", "Large"])
        #expect(top.variants.allSatisfy { $0.price == Money(amount: 60, currency: "USD") })
        #expect(!top.description.contains("\u{00A0}"))
    }

    @Test("German and upper-case option names become sizes and colors (bilalithelabel, no inventory column)")
    func multilingualOptions() throws {
        let parsed = try CatalogParser.parse(path: CatalogDatasets.path("shopify/bilalithelabel--product-feed--products_export.csv"))
        let variants = parsed.products.flatMap(\.variants)
        #expect(variants.allSatisfy { $0.stock == nil })
        #expect(variants.filter { $0.size != nil }.count > 100)
        #expect(parsed.products.allSatisfy { $0.brand == "BILALI The Label" }, "trailing spaces are trimmed")
    }

    @Test("GMC XML takes the item's own g:price, not the one inside g:shipping")
    func xmlDirectChildPrice() throws {
        let xml = """
            <?xml version="1.0"?><rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><item>\
            <g:id>A1</g:id><g:title><![CDATA[Charger "90W" & cable]]></g:title>\
            <g:shipping><g:country>CZ</g:country><g:price>79 CZK</g:price></g:shipping>\
            <g:price>1290 CZK</g:price><g:availability>in_stock</g:availability></item></channel></rss>
            """
        let parsed = try CatalogParser.parse(bytes: Array(xml.utf8), file: "feed.xml")
        let variant = try #require(parsed.products.first?.variants.first)
        #expect(variant.price == Money(amount: 1290, currency: "CZK"))
        #expect(parsed.products.first?.title == "Charger \"90W\" & cable")
        #expect(variant.availability == .inStock)
    }

    @Test("a duplicated g:id in a one-line XML feed is reported by item number and the later item wins")
    func duplicateXMLId() throws {
        let parsed = try CatalogParser.parse(path: CatalogDatasets.path("google-merchant/xml/petrfilo-arch--importpc-feed--google_feed.xml"))
        let duplicates = parsed.issues.filter { $0.reason.contains("duplicate id") }
        #expect(duplicates.count == 1)
        #expect(duplicates.first?.reason.hasPrefix("item ") == true)
        #expect(duplicates.first?.reason.contains("BC-FU-LI3560") == true)
        #expect(parsed.products.flatMap(\.variants).filter { $0.sku == "BC-FU-LI3560" }.count == 1)
    }

    @Test("the format is detected from content, not from the file name")
    func detectsFromContent() throws {
        let tsv = try CatalogParser.parse(bytes: Array("id\ttitle\tprice\nX1\tMug\t9.50 EUR\n".utf8), file: "export.csv")
        #expect(tsv.format == .merchantTSV)
        let shopify = try CatalogParser.parse(bytes: Array("Handle,Title,Variant Price\nmug,Mug,9.5\n".utf8), file: "feed.xml")
        #expect(shopify.format == .shopifyCSV)
        #expect(shopify.products.first?.variants.first?.price == Money(amount: 9.5, currency: "USD"))
        let gmcCSV = try CatalogParser.parse(bytes: Array("id,title,price,color\nX1,Mug,9.50 EUR,Red\n".utf8), file: "feed.tsv")
        #expect(gmcCSV.format == .merchantCSV)
        #expect(gmcCSV.products.first?.variants.first?.color == "Red")
    }

    @Test("a price without currency takes the store currency")
    func defaultCurrency() throws {
        let parsed = try CatalogParser.parse(path: CatalogDatasets.path("shopify/dinhdungweb--Vietjewelers--products_export_1.csv"), defaultCurrency: "vnd")
        #expect(parsed.products.flatMap(\.variants).allSatisfy { $0.price.currency == "VND" })
    }

    // MARK: - bad/

    @Test("broken files are refused with an error naming the file", arguments: [
        ("binary_random.csv", "not a text/CSV file (binary or invalid UTF-8)"),
        ("empty.csv", "empty file"),
        ("wrong_header.csv", "missing required columns Handle, Title, Variant Price"),
        ("truncated_shopify.csv", "unexpected end of file inside a quoted field starting at line 67"),
    ])
    func refusedFiles(name: String, message: String) {
        let file = "bad/\(name)"
        do {
            let parsed = try CatalogParser.parse(path: CatalogDatasets.path(file), displayName: file)
            Issue.record("expected \(file) to be refused, got \(parsed.products.count) products")
        } catch {
            #expect(error.file == file)
            #expect(error.description.hasPrefix("\(file): "))
            #expect(error.reason.contains(message), "\(error)")
        }
    }

    @Test("header-only file reads as 0 products with a warning")
    func headerOnly() throws {
        let parsed = try CatalogParser.parse(path: CatalogDatasets.path("bad/header_only.csv"), displayName: "header_only.csv")
        #expect(parsed.products.isEmpty)
        #expect(parsed.issues.map(\.description) == ["header_only.csv: warning: 0 products"])
    }

    @Test("shopify_bad_rows: good rows parse, bad lines 6, 8, 9, 11, 12 are reported with reasons")
    func shopifyBadRows() throws {
        let parsed = try CatalogParser.parse(path: CatalogDatasets.path("bad/shopify_bad_rows.csv"), displayName: "shopify_bad_rows.csv")
        let byLine = Dictionary(grouping: parsed.issues.filter { $0.line != nil }, by: { $0.line ?? 0 })
        #expect(byLine.keys.sorted() == [6, 8, 9, 11, 12])
        #expect(byLine[6]?.first?.reason.contains("'eighty' is not a number") == true)
        #expect(byLine[8]?.first?.severity == .warning)
        #expect(byLine[8]?.first?.reason.contains("-5") == true)
        #expect(byLine[9]?.first?.reason.contains("empty Handle") == true)
        #expect(byLine[11]?.first?.reason.contains("'60,00' is ambiguous") == true)
        #expect(byLine[12]?.first?.reason.contains("price is empty") == true)
        // The 8 good variant rows of 6 products, plus the oversold blouse, clamped to 0 (the issue's policy).
        #expect(parsed.products.map(\.key) == ["ocean-blue-shirt", "classic-varsity-top", "floral-white-top", "striped-silk-blouse",
                                                "dark-denim-top", "black-leather-bag", "zipped-jacket"])
        #expect(parsed.variantCount == 9)
        #expect(parsed.products.first { $0.key == "striped-silk-blouse" }?.variants.first?.stock == 0)
    }

    @Test("feed_wrong_column_count: 7 items land, lines 5, 7, 9 are reported")
    func feedWrongColumnCount() throws {
        let parsed = try CatalogParser.parse(path: CatalogDatasets.path("bad/feed_wrong_column_count.tsv"))
        #expect(parsed.products.count == 7)
        #expect(parsed.issues.filter { $0.severity == .error }.compactMap(\.line) == [5, 7, 9])
        #expect(parsed.issues.first { $0.line == 5 }?.reason.contains("12 fields") == true)
        #expect(parsed.issues.first { $0.line == 9 }?.reason.contains("missing availability, price") == true)
    }

    @Test("UTF-16 with BOM gives exactly the products of the UTF-8 original")
    func utf16SameAsUTF8() throws {
        let utf16 = try CatalogParser.parse(path: CatalogDatasets.path("bad/utf16_bom.csv"))
        let utf8 = try CatalogParser.parse(path: CatalogDatasets.path("shopify/shopifypartners--product-csvs--home-and-garden.csv"))
        #expect(utf16.products.count == 20)
        #expect(utf16.variantCount == 21)
        #expect(utf16.products == utf8.products)
        #expect(utf16.encoding == "UTF-16LE")
    }

    @Test("UTF-16 without a BOM is recognised from its NUL pattern and read with a warning")
    func utf16WithoutBOM() throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: CatalogDatasets.path("bad/utf16_bom.csv"))))
        let parsed = try CatalogParser.parse(bytes: Array(bytes.dropFirst(2)), file: "nobom.csv")
        let utf8 = try CatalogParser.parse(path: CatalogDatasets.path("shopify/shopifypartners--product-csvs--home-and-garden.csv"))
        #expect(parsed.products == utf8.products)
        #expect(parsed.issues.contains { $0.severity == .warning && $0.reason.contains("no byte-order mark") })
    }

    @Test("Latin-1 file is read with a warning and correct accents, never U+FFFD")
    func latin1() throws {
        let parsed = try CatalogParser.parse(path: CatalogDatasets.path("bad/latin1_accents.csv"), displayName: "latin1_accents.csv")
        #expect(parsed.products.count == 3)
        #expect(parsed.variantCount == 4)
        #expect(parsed.products.map(\.title) == ["Crème brûlée candle", "Salsa de jalapeño", "Ærø wool scarf"])
        #expect(parsed.products.map(\.brand) == ["Maison Élodie", "Señor Peña", "Søstrene Ørsted"])
        #expect(parsed.products.first?.variants.first?.options.first == VariantOption(name: "Größe", value: "Petite", kind: .size))
        #expect(parsed.products.last?.variants.first?.color == "Grå")
        #expect(!parsed.products.contains { ($0.title + $0.description + ($0.brand ?? "")).contains("\u{FFFD}") })
        #expect(parsed.issues.contains { $0.severity == .warning && $0.reason.contains("not valid UTF-8 (line 2)") })
    }
}
