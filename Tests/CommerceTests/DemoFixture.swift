import Foundation
import GRDB
@testable import Commerce

/// One small demo shop shared by the read-only tests (built once; debug builds are slow).
enum DemoFixture {
    /// The fixed "today" of every test shop: 2026-11-25 00:00 UTC.
    static let reference = Date(timeIntervalSince1970: 1_795_564_800)

    static func options(seed: UInt64 = 7, products: Int = 300, customers: Int = 200, orders: Int = 2_000) -> DemoShopOptions {
        DemoShopOptions(seed: seed, products: products, customers: customers, orders: orders, referenceDate: reference)
    }

    private static let built: Result<ShopStore, any Error> = Result {
        let store = try ShopStore.temporary(prefix: "shopassist-demo-fixture")
        try DemoShop.fill(store, options: options())
        return store
    }

    /// The shared shop: seed 7, 300 products, 200 customers, 2,000 orders.
    static func shop() throws -> ShopStore { try built.get() }

    /// Removes the temporary folder holding `path` (tests call it in `defer`).
    static func remove(_ path: String?) {
        guard let path else { return }
        var folder = (path as NSString).deletingLastPathComponent
        while folder.count > 1, !(folder as NSString).lastPathComponent.hasPrefix("shopassist-") {
            folder = (folder as NSString).deletingLastPathComponent
        }
        if folder.count > 1 { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// A fresh temporary path in its own folder.
    static func temporaryPath(_ name: String = "shop.sqlite") -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("shopassist-test-\(UUID().uuidString)", isDirectory: true)
            .appendingPathComponent(name).path
    }
}
