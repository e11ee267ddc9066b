import Testing
@testable import Commerce

@Suite("Store location")
struct StoreLocationTests {
    @Test("an explicit path wins over the environment")
    func explicitWins() {
        #expect(StoreLocation.resolve(explicit: "/tmp/a.sqlite", environment: ["SHOPASSIST_STORE": "/tmp/b.sqlite"]) == "/tmp/a.sqlite")
    }

    @Test("the environment variable wins over the default")
    func environmentWins() {
        #expect(StoreLocation.resolve(explicit: nil, environment: ["SHOPASSIST_STORE": "/tmp/b.sqlite", "HOME": "/h"]) == "/tmp/b.sqlite")
    }

    @Test("the default follows XDG_DATA_HOME, then HOME")
    func defaults() {
        #expect(StoreLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/x"]) == "/x/shopassist/shop.sqlite")
        #expect(StoreLocation.resolve(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/shopassist/shop.sqlite")
    }
}
