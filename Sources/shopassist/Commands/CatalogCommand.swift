import ArgumentParser
import Commerce
import Foundation

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Import merchants' catalogs (Shopify CSV, Google Merchant feeds).",
        subcommands: [CatalogImportCommand.self]
    )
}

struct CatalogImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import Shopify product CSVs and Google Merchant Center feeds (TSV or XML) into the store.",
        discussion: """
            The format is detected from each file's content. Products are upserted by SKU (Shopify handle, \
            GMC item_group_id/id), so importing a file again updates it; each file is one transaction. \
            Bad rows are reported as FILE:LINE: REASON and skipped; a file that cannot be read is refused \
            whole and the store is left unchanged. Exits non-zero when any file was refused.
            """
    )

    @Argument(help: "Catalog files to import.") var files: [String]
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Currency for prices written without one (ISO 4217 code).") var currency = "USD"
    @Flag(help: "Print one JSON summary per file on stdout.") var json = false

    func validate() throws {
        let code = currency.uppercased()
        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw ValidationError("--currency must be a 3-letter ISO 4217 code such as USD or EUR (got '\(currency)').")
        }
    }

    func run() throws {
        let path = StoreLocation.resolve(explicit: storeOptions.store)
        let store = try ShopStore.open(at: path)
        let importer = CatalogImporter(store: store, defaultCurrency: currency)
        let bar = ProgressBar(enabled: json ? false : nil)
        var rejected = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for file in files {
            let label = (file as NSString).lastPathComponent
            let summary = try importer.importFile(at: file, displayName: file) { fraction in
                bar.draw(String(label.prefix(40)), fraction: fraction, detail: "\(Int((min(1, max(0, fraction)) * 100).rounded(.down)))%")
            }
            bar.finish()
            if summary.isRejected { rejected += 1 }
            if json {
                print(String(decoding: try encoder.encode(summary), as: UTF8.self))
                continue
            }
            if let reason = summary.rejected {
                printError("error: \(reason)")
                print("\(file): rejected, nothing imported")
                continue
            }
            for issue in summary.issues { printError(issue.description) }
            let format = summary.format?.rawValue ?? "?"
            print("\(file): \(format), \(summary.encoding ?? "?"): \(summary.products) products, \(summary.variants) variants, \(summary.updated) updated, \(summary.skipped) skipped, \(summary.warnings) warnings (\(String(format: "%.2f", summary.seconds)) s)")
        }
        if files.count > 1 || rejected > 0 {
            let line = "store \(path): \(files.count - rejected) of \(files.count) files imported"
            if json { printError(line) } else { print(line) }
        }
        if rejected > 0 { throw ExitCode(1) }
    }
}
