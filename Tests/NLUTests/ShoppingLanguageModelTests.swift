import Foundation
import Testing
@testable import NLU

/// The model trained on `Intents/`, shared by the tests below (training takes a few
/// seconds in a debug build, so it is done once).
private enum ShoppingModel {
    static let engine: NLUEngine? = try? NLUEngine.train(ShoppingLanguage.training.data)
}

/// An entity the way the evaluation counts it: type and exact span.
struct ShoppingLanguageSpan: Hashable, CustomStringConvertible {
    var entity: String
    var start: Int
    var end: Int
    var description: String { "\(entity)[\(start)..<\(end)]" }
}

@Suite("Shopping language: what the trained model understands")
struct ShoppingLanguageModelTests {
    /// One row of the held-out table: the text, its intent and its entities.
    struct Row: CustomStringConvertible {
        var text: String
        var intent: String
        var entities: Set<ShoppingLanguageSpan>
        var description: String { "\(text) → \(intent) \(entities.sorted { $0.start < $1.start })" }
    }

    static let rows: [Row] = ShoppingLanguage.heldOut.data.examples.map { ex in
        Row(text: ex.text, intent: ex.intent, entities: Set(ex.entities.map { ShoppingLanguageSpan(entity: $0.entity, start: $0.start, end: $0.end) }))
    }

    @Test("the model trained on Intents/ gets at least 90% of the held-out intents right")
    func heldOutIntents() throws {
        let engine = try #require(ShoppingModel.engine)
        let rows = Self.rows
        try #require(rows.count >= 60)
        let wrong = rows.compactMap { row -> String? in
            let parse = engine.parse(row.text)
            return parse.intent.name == row.intent ? nil : "\(row.text): \(row.intent) → \(parse.intent.name)"
        }
        let accuracy = Double(rows.count - wrong.count) / Double(rows.count)
        #expect(accuracy >= 0.90, "held-out intent accuracy \(accuracy); wrong: \(wrong)")
    }

    @Test("the model finds the held-out table's entities with a micro-F1 of at least 0.90")
    func heldOutEntities() throws {
        let engine = try #require(ShoppingModel.engine)
        var tp = 0, fp = 0, fn = 0
        var misses: [String] = []
        for row in Self.rows {
            // Only the protocol's trained entities count; builtin money/ordinal/date spans are not annotated.
            let found = Set(engine.parse(row.text).entities
                .filter { ShoppingLanguage.entities.contains($0.entity) && $0.extractor != BuiltinEntityExtractor.extractorName }
                .map { ShoppingLanguageSpan(entity: $0.entity, start: $0.start, end: $0.end) })
            tp += found.intersection(row.entities).count
            fp += found.subtracting(row.entities).count
            fn += row.entities.subtracting(found).count
            if found != row.entities { misses.append("\(row.text): expected \(row.entities.sorted { $0.start < $1.start }), found \(found.sorted { $0.start < $1.start })") }
        }
        let precision = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
        let recall = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        #expect(f1 >= 0.90, "entity micro-F1 \(f1) (P \(precision), R \(recall)); differences: \(misses)")
    }

    @Test("synonyms resolve what the tagger finds to canonical values", arguments: [
        ("show me navy hoodies", "color", "blue"),
        ("show me navy hoodies", "category", "sweatshirts"),
        ("cheapest sneakers please", "sort", "price_asc"),
        ("cheapest sneakers please", "category", "shoes"),
        ("mens jackets in large", "gender", "men"),
        ("mens jackets in large", "size", "l"),
    ])
    func canonicalValues(text: String, entity: String, value: String) throws {
        let engine = try #require(ShoppingModel.engine)
        let values = engine.parse(text).entities.filter { $0.entity == entity }.compactMap(\.value.stringValue)
        #expect(values.contains(value), "\(text): \(entity) values \(values)")
    }

    @Test("a vendor from an imported catalog is tagged as a brand once the catalog feeds the lookups")
    func catalogVendorIsABrand() throws {
        var engine = try #require(ShoppingModel.engine)
        let csv = URL(fileURLWithPath: ShoppingLanguage.intentsPath).deletingLastPathComponent()
            .appendingPathComponent("../shared/datasets/catalogs/shopify/Ronne2406--productfeed--products_export_1.csv")
        let vendors = try ShopifyVendors.read(csv)
        #expect(vendors.contains("Rosa Rose"))
        engine.extendLookup(entity: "brand", values: vendors)
        for text in ["do you have anything from rosa rose", "only fabulove please", "show me rosa rose necklaces"] {
            let brands = engine.parse(text).entities.filter { $0.entity == "brand" }.map { $0.text.lowercased() }
            #expect(brands.contains { $0 == "rosa rose" || $0 == "fabulove" }, "\(text): brands \(brands)")
        }
    }
}

/// The distinct `Vendor` values of a Shopify product CSV (RFC 4180: quoted fields may
/// hold commas, quotes and line breaks); enough for the catalog-lookup test.
enum ShopifyVendors {
    static func read(_ url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var chars = text.makeIterator(), pending: Character? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = chars.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\n" || c == "\r\n" || c == "\r" { record.append(field); field = ""; records.append(record); record = [] }
            else { field.append(c) }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first, let column = header.firstIndex(of: "Vendor") else { return [] }
        let vendors = records.dropFirst().compactMap { $0.indices.contains(column) ? $0[column].trimmingCharacters(in: .whitespaces) : nil }
        return Array(Set(vendors.filter { !$0.isEmpty })).sorted()
    }
}
