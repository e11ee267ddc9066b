import ArgumentParser
import Commerce
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a deterministic demo shop, or show its customers and orders.",
        discussion: """
            Builds an invented shop (products, customers, orders in every status with shipment tracking, \
            purchase histories) from a seed: the same seed and date give the same shop. With --show, lists demo \
            customers and example order numbers per status to try in a chat.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Products in the catalog.") var products: Int = DemoShopOptions.defaultProducts
    @Option(help: "Customers.") var customers: Int = 200
    @Option(help: "Orders.") var orders: Int = 2_000
    @Option(help: "The generator's seed.") var seed: UInt64 = DemoShopOptions.defaultSeed
    @Option(help: "The shop's 'today' as YYYY-MM-DD (default: today, UTC). Fix it to reproduce a shop byte for byte.") var date: String?
    @Flag(help: "Replace an existing store at the path.") var force = false
    @Flag(help: "List demo customers and example orders per status (builds the store first if it does not exist).") var show = false

    func validate() throws {
        if products < 1 { throw ValidationError("--products must be at least 1 (got \(products)).") }
        if customers < 0 { throw ValidationError("--customers must not be negative (got \(customers)).") }
        if orders < 0 { throw ValidationError("--orders must not be negative (got \(orders)).") }
        if let date, Self.parseDay(date) == nil { throw ValidationError("--date must look like 2026-01-31 (got '\(date)').") }
    }

    func run() throws {
        let path = StoreLocation.resolve(explicit: storeOptions.store)
        var options = DemoShopOptions(seed: seed, products: products, customers: customers, orders: orders)
        if let date, let day = Self.parseDay(date) { options.referenceDate = day }
        let exists = FileManager.default.fileExists(atPath: path)
        if show && exists && !force {
            print(try DemoShowcase.load(try ShopStore.open(at: path)).render())
            return
        }
        if exists && !force {
            throw ValidationError("a store already exists at \(path). Pass --force to replace it, --show to list its demo data, or choose another --store PATH.")
        }
        let bar = ProgressBar()
        let summary: DemoShopSummary
        do {
            summary = try DemoShop.build(at: path, options: options, replace: force) { bar.update($0) }
        } catch let error as StoreError {
            bar.finish()
            throw ValidationError(error.description)
        }
        bar.finish()
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.int64Value ?? 0
        printError(String(format: "demo shop: %d products, %d customers, %d orders in %.1f s (%.1f MB) at %@",
                          summary.products, summary.customers, summary.orders, summary.seconds, Double(size) / 1_048_576, path))
        if show { print(try DemoShowcase.load(try ShopStore.open(at: path)).render()) }
    }

    static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }
}

extension ProgressBar {
    /// The demo builder's phases: a bar per phase, a line for the index.
    func update(_ progress: DemoProgress) {
        if progress.phase == .index { show("building the search index…"); return }
        let fraction = progress.total == 0 ? 1 : Double(progress.done) / Double(progress.total)
        draw(progress.phase.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), fraction: fraction, detail: "\(progress.done)/\(progress.total)")
    }
}
