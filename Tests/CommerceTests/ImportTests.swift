import Foundation
import GRDB
import Testing
@testable import Commerce

@Suite("Catalog import into the store")
struct ImportTests {
    static let shopifyAndFeeds = CatalogParserTests.real

    private func counts(_ store: ShopStore) throws -> (products: Int, variants: Int, attributes: Int) {
        let c = try store.tableCounts()
        return (c["products"] ?? -1, c["product_variants"] ?? -1, c["product_attributes"] ?? -1)
    }

    /// Every row of every table, as text: two equal dumps mean the same content.
    private func dump(_ store: ShopStore) throws -> String {
        try store.database.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            var out = ""
            for table in tables {
                out += "## \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") { out += row.description + "\n" }
            }
            return out
        }
    }

    private func ftsHits(_ store: ShopStore, _ query: String) throws -> [String] {
        try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT p.sku FROM products_fts JOIN products p ON p.id = products_fts.rowid WHERE products_fts MATCH ? ORDER BY rank", arguments: [query])
        }
    }

    @Test("every real catalog lands with its counts, and a second import updates instead of duplicating", arguments: shopifyAndFeeds)
    func importTwice(_ e: CatalogParserTests.Expected) throws {
        let store = try ShopStore.temporary(prefix: "import")
        let importer = CatalogImporter(store: store)
        let first = try importer.importFile(at: CatalogDatasets.path(e.file))
        #expect(first.rejected == nil)
        #expect(first.products == e.products && first.variants == e.variants)
        #expect(first.updated == 0)
        let after1 = try counts(store)
        #expect(after1.products == e.products)
        #expect(after1.variants == e.variants)
        let second = try importer.importFile(at: CatalogDatasets.path(e.file))
        #expect(second.updated == e.products)
        let after2 = try counts(store)
        #expect(after2.products == after1.products && after2.variants == after1.variants && after2.attributes == after1.attributes)
        let ftsRows = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products_fts WHERE products_fts MATCH 'a* OR e* OR i* OR o*'") ?? 0 }
        #expect(ftsRows > 0 && ftsRows <= e.products)
    }

    @Test("after import the catalog is full-text searchable by vendor and title words", arguments: [
        ("shopify/shopifypartners--product-csvs--home-and-garden.csv", "rustic", 1),
        ("shopify/lifemademagic--catalog--products_export_1.csv", "magic", 300),
        ("shopify/Ronne2406--productfeed--products_export_1.csv", "necklace", 20),
        ("google-merchant/inventarioappsoporte-hash--WebPetsStore--merchant-feed.tsv", "colchon", 5),
        ("google-merchant/xml/petrfilo-arch--importpc-feed--google_feed.xml", "nabijecka", 100),
    ])
    func searchable(file: String, word: String, atLeast: Int) throws {
        let store = try ShopStore.temporary(prefix: "import")
        _ = try CatalogImporter(store: store).importFile(at: CatalogDatasets.path(file))
        #expect(try ftsHits(store, word).count >= atLeast)
    }

    @Test("imported products come back through the shop's search path as Product records")
    func searchPathReadsImportedRows() throws {
        let store = try ShopStore.temporary(prefix: "import")
        _ = try CatalogImporter(store: store).importFile(at: CatalogDatasets.path("shopify/bilalithelabel--product-feed--products_export.csv"))
        let result = try store.database.read { db in try ProductTextSearch.search(db, text: "bilali bikini", limit: 50) }
        #expect(!result.matches.isEmpty)
        #expect(result.matches.allSatisfy { $0.product.brand == "BILALI The Label" && $0.product.source == "shopify" })
        let variants = try store.database.read { db in try ProductVariant.fetchAll(db) }
        #expect(variants.count == 130)
        #expect(variants.contains { $0.options["Farbe"] != nil || $0.options["Größe"] != nil })
    }

    @Test("brand, category and variant colors/sizes are mapped for search and comparison")
    func mapsFields() throws {
        let store = try ShopStore.temporary(prefix: "import")
        _ = try CatalogImporter(store: store).importFile(at: CatalogDatasets.path("google-merchant/pharleg--lecc-google-merchant-feed--google_feed.tsv"))
        let (withColor, sizes, brands) = try store.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product_variants WHERE color IS NOT NULL") ?? 0,
             try String.fetchAll(db, sql: "SELECT value_text FROM product_attributes WHERE name = 'size'"),
             try String.fetchAll(db, sql: "SELECT DISTINCT brand FROM products"))
        }
        #expect(withColor > 0)
        #expect(sizes.contains { $0.contains(",") }, "a grouped product lists the sizes on offer")
        #expect(!brands.isEmpty && !brands.contains(""))
        let apparel = try ShopStore.temporary(prefix: "import")
        _ = try CatalogImporter(store: apparel).importFile(at: CatalogDatasets.path("shopify/shopifypartners--product-csvs--apparel.csv"))
        let top = try apparel.database.read { db in
            try Row.fetchOne(db, sql: "SELECT p.brand, p.price_cents, p.currency, p.stock, a.value_text FROM products p JOIN product_attributes a ON a.product_id = p.id AND a.name = 'size' WHERE p.sku = 'classic-varsity-top'")
        }
        let row = try #require(top)
        #expect(row["brand"] as String? == "partners-demo")
        #expect(row["price_cents"] as Int? == 6000)
        #expect(row["currency"] as String? == "USD")
        #expect(row["stock"] as Int? == 3)
        #expect(row["value_text"] as String? == "Small, Medium, Large")
    }

    @Test("a refused file leaves the store content unchanged", arguments: ["binary_random.csv", "empty.csv", "wrong_header.csv", "truncated_shopify.csv", "header_only.csv"])
    func refusedLeavesStoreUnchanged(name: String) throws {
        let store = try ShopStore.temporary(prefix: "import")
        let importer = CatalogImporter(store: store)
        _ = try importer.importFile(at: CatalogDatasets.path("shopify/shopifypartners--product-csvs--apparel.csv"))
        let before = try dump(store)
        let summary = try importer.importFile(at: CatalogDatasets.path("bad/\(name)"), displayName: name)
        #expect(summary.products == 0 && summary.variants == 0)
        if name == "header_only.csv" {
            #expect(summary.rejected == nil)
            #expect(summary.issues.map(\.description) == ["header_only.csv: warning: 0 products"])
        } else {
            #expect(summary.rejected?.hasPrefix("\(name): ") == true)
        }
        #expect(try dump(store) == before)
    }

    @Test("files with bad rows land their good rows and report the bad lines")
    func badRowsLand() throws {
        let store = try ShopStore.temporary(prefix: "import")
        let importer = CatalogImporter(store: store)
        let shopify = try importer.importFile(at: CatalogDatasets.path("bad/shopify_bad_rows.csv"), displayName: "shopify_bad_rows.csv")
        #expect(shopify.products == 7 && shopify.variants == 9)
        #expect(shopify.skipped == 4)
        #expect(shopify.issues.compactMap(\.line) == [6, 8, 9, 11, 12])
        #expect(shopify.issues.allSatisfy { $0.description.hasPrefix("shopify_bad_rows.csv:\($0.line ?? 0): ") })
        let stock = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT stock FROM products WHERE sku = 'striped-silk-blouse'") }
        #expect(stock == 0)
        let feed = try importer.importFile(at: CatalogDatasets.path("bad/feed_wrong_column_count.tsv"))
        #expect(feed.products == 7 && feed.skipped == 3)
        #expect(try counts(store).products == 14)
    }

    @Test("UTF-16 and UTF-8 copies of the same export write the same rows; Latin-1 keeps its accents")
    func encodingsLandTheSame() throws {
        let a = try ShopStore.temporary(prefix: "import"), b = try ShopStore.temporary(prefix: "import")
        _ = try CatalogImporter(store: a).importFile(at: CatalogDatasets.path("shopify/shopifypartners--product-csvs--home-and-garden.csv"))
        _ = try CatalogImporter(store: b).importFile(at: CatalogDatasets.path("bad/utf16_bom.csv"))
        let sql = "SELECT sku, title, brand, category, description, tags, price_cents, stock FROM products ORDER BY sku"
        let rowsA = try a.database.read { db in try Row.fetchAll(db, sql: sql) }
        let rowsB = try b.database.read { db in try Row.fetchAll(db, sql: sql) }
        #expect(rowsA.count == 20 && rowsA == rowsB)
        #expect(try counts(b).variants == 21)
        let latin = try ShopStore.temporary(prefix: "import")
        let summary = try CatalogImporter(store: latin).importFile(at: CatalogDatasets.path("bad/latin1_accents.csv"))
        #expect(summary.products == 3 && summary.variants == 4 && summary.warnings == 1)
        #expect(try ftsHits(latin, "creme").count == 1, "diacritics fold in search")
        let titles = try latin.database.read { db in try String.fetchAll(db, sql: "SELECT title FROM products ORDER BY title") }
        #expect(titles == ["Crème brûlée candle", "Salsa de jalapeño", "Ærø wool scarf"])
    }

    @Test("a re-import with changed values updates the rows and the search index")
    func updateKeepsFTSInSync() throws {
        let store = try ShopStore.temporary(prefix: "import")
        let importer = CatalogImporter(store: store)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("mugs.tsv").path
        try "id\ttitle\tprice\tbrand\tcolor\nM1\tStoneware mug\t9.50 EUR\tPotterCo\tRed\n".write(toFile: file, atomically: true, encoding: .utf8)
        _ = try importer.importFile(at: file)
        #expect(try ftsHits(store, "stoneware") == ["M1"])
        let colorBefore = try store.database.read { db in try String.fetchOne(db, sql: "SELECT value_text FROM product_attributes WHERE name = 'color'") }
        #expect(colorBefore == "Red")
        try "id\ttitle\tprice\tbrand\nM1\tPorcelain mug\t11.00 EUR\tPotterCo\n".write(toFile: file, atomically: true, encoding: .utf8)
        let second = try importer.importFile(at: file)
        #expect(second.updated == 1)
        #expect(try ftsHits(store, "stoneware").isEmpty)
        #expect(try ftsHits(store, "porcelain") == ["M1"])
        let price = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT price_cents FROM products WHERE sku = 'M1'") }
        #expect(price == 1100)
        let colorAfter = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product_attributes WHERE name = 'color'") }
        #expect(colorAfter == 0, "a fact the file no longer states is removed")
    }

    @Test("one pool imports while a second pool on the same file reads: both succeed, readers never see half a file")
    func concurrentImportAndRead() async throws {
        let store = try ShopStore.temporary(prefix: "import")
        let path = try #require(store.path)
        let reader = try DatabasePool(path: path, configuration: ShopStore.configuration())
        let expected = (products: 338, variants: 3_675)
        let done = Flag()
        let importTask = Task.detached {
            defer { done.set() }
            return try CatalogImporter(store: store).importFile(at: CatalogDatasets.path("shopify/lifemademagic--catalog--products_export_1.csv"))
        }
        let readTask = Task.detached { () throws -> [Int] in
            var seen: [Int] = []
            repeat {
                let (p, v) = try reader.read { db in
                    (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") ?? -1,
                     try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product_variants") ?? -1)
                }
                seen.append(p * 100_000 + v)
            } while !done.isSet
            return seen
        }
        let summary = try await importTask.value
        let seen = try await readTask.value
        #expect(summary.products == expected.products)
        #expect(!seen.isEmpty)
        #expect(seen.allSatisfy { $0 == 0 || $0 == expected.products * 100_000 + expected.variants }, "readers saw a partial import")
        let final = try await reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM products") }
        #expect(final == expected.products)
    }
}

/// A thread-safe boolean for the concurrency test.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
