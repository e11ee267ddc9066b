import ArgumentParser

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "catalog", abstract: "Import merchants' catalogs (Shopify CSV, Google Merchant feeds).")
    func run() throws { try notBuiltYet("catalog", issue: "catalog import") }
}
