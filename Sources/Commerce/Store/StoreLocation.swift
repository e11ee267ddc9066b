import Foundation

/// Where the shop's SQLite store lives when nobody says otherwise.
///
/// Order of precedence: an explicit `--store PATH`, then the `SHOPASSIST_STORE`
/// environment variable, then `$XDG_DATA_HOME/shopassist/shop.sqlite`
/// (`~/.local/share/shopassist/shop.sqlite` when `XDG_DATA_HOME` is unset).
public enum StoreLocation {
    /// The environment variable that overrides the default store path.
    public static let environmentVariable = "SHOPASSIST_STORE"

    /// Resolves the store path from an explicit option and the environment.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnv = environment[environmentVariable], !fromEnv.isEmpty { return fromEnv }
        let base: String
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            base = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = (home as NSString).appendingPathComponent(".local/share")
        }
        return ((base as NSString).appendingPathComponent("shopassist") as NSString).appendingPathComponent("shop.sqlite")
    }
}
