// swift-tools-version: 6.1
import PackageDescription

/// ShopAssistant: a line-oriented conversational shopping assistant.
///
/// The targets follow the flow of one turn (see README "Architecture"):
/// CICUShim → NLU → Dialogue ← Commerce; Channels, Insights and the executable sit on top.
let package = Package(
    name: "ShopAssistant",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "shopassist", targets: ["shopassist"]),
        .library(name: "NLU", targets: ["NLU"]),
        .library(name: "Commerce", targets: ["Commerce"]),
        .library(name: "Dialogue", targets: ["Dialogue"]),
        .library(name: "Channels", targets: ["Channels"]),
        .library(name: "Insights", targets: ["Insights"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // ICU word breaking and Latin/ASCII folding behind a plain-C header:
        // Foundation and the ICU headers cannot share one Swift module.
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
        ),
        // The nearest-example scan's inner loop: 8-bit dot products with AVX2 or SSE2's
        // multiply-add, which Swift's SIMD types do not reach (the package builds for baseline x86-64).
        .target(name: "CVectorKernels"),
        .target(
            name: "NLU",
            dependencies: ["CICUShim", "CVectorKernels", .product(name: "Yams", package: "Yams")],
            // Word-piece vectors distilled from all-MiniLM-L6-v2 (docs/word-vectors.md).
            resources: [.copy("Resources/wordpiece-vectors.bin")],
            // Training is numeric code: optimized in debug builds too, so `swift test` trains
            // the shipped model in seconds, not minutes.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(
            name: "Commerce",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // KPIs, A/B statistics and retention insights over the store's events and orders.
        // The shopper simulator talks to the real engine, so Insights sits above Dialogue.
        .target(name: "Insights", dependencies: [
            "Commerce", "Dialogue", "NLU", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Yams", package: "Yams"),
        ]),
        // Session state, forms, references, replies: the `respond(to:session:)` facade.
        .target(
            name: "Dialogue",
            dependencies: [
                "NLU", "Commerce",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The ways in: terminal REPL, JSON-RPC over stdio, dialogue-test runner.
        .target(name: "Channels", dependencies: ["Dialogue", .product(name: "Yams", package: "Yams")]),
        // The measurement harness behind `shopassist bench NAME`.
        .target(name: "Bench", dependencies: ["NLU", "Commerce", "Dialogue", "Insights", .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(
            name: "shopassist",
            dependencies: [
                "NLU", "Commerce", "Dialogue", "Insights", "Bench", "Channels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "NLUTests", dependencies: ["NLU", "CVectorKernels"], exclude: ["Fixtures"]),
        .testTarget(name: "CommerceTests", dependencies: ["Commerce"]),
        .testTarget(name: "BenchTests", dependencies: ["Bench"]),
        .testTarget(name: "InsightsTests", dependencies: ["Insights", "Commerce", "Dialogue", "NLU"]),
        .testTarget(name: "DialogueTests", dependencies: ["Dialogue", "NLU", "Commerce"]),
        .testTarget(name: "ChannelsTests", dependencies: ["Channels", "Dialogue", "Commerce"]),
    ]
)
