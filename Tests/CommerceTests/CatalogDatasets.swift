import Foundation

/// Paths of the shared catalog datasets, found from this file (package root = three levels up).
enum CatalogDatasets {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/datasets/catalogs").standardizedFileURL

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func files(in folder: String) -> [String] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "xml" }.sorted().map { "\(folder)/\($0)" }
    }
}
