// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// Supported: Linux with glibc. CI runs it (Debian 12, x86-64) and the benchmarks measure it;
// arm64 should work too (Platform.swift knows its numbers) but is not tested. No Apple minimum
// is set in `platforms:` because none is supported: Sources/QuangBaCore/Platform.swift has
// fallbacks for its tuning, but other code uses Linux's names directly (struct stat's `st_ctim`,
// CLOCK_REALTIME_COARSE, SOCK_CLOEXEC, `Glibc.`) and the C targets link Debian's libraries.
let package = Package(
    name: "QuangBa",
    products: [
        .executable(name: "quangba", targets: ["quangba"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // SwiftNIO, under Hummingbird: the preview server's request deadlines are a channel handler.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        // Under Hummingbird too: the server's background sync is a service of its group, and logs.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // HTTP field names and statuses (the server's request deadlines speak them to NIO).
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // System ICU (72) behind a C wall: Foundation carries its own ICU headers, so no Swift
        // module may see <unicode/*.h> (DESIGN.md, build notes).
        .target(
            name: "CICUBridge",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // libxml2 behind a shim that keeps its ICU headers out (DESIGN.md, build notes).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // SHA-256 from libcrypto (OpenSSL): every file the index reads and every page it plans is hashed.
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // zlib: OAI-PMH answers gzip-encoded for harvesters that ask (Accept-Encoding).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        .target(name: "QuangBaCore", dependencies: ["CLibCrypto"], swiftSettings: swiftSettings),
        .target(name: "QuangBaText", dependencies: ["QuangBaCore", "CICUBridge"], swiftSettings: swiftSettings),
        .target(name: "QuangBaMarkup", dependencies: ["QuangBaCore", "CCmarkGFM"], swiftSettings: swiftSettings),
        .target(name: "QuangBaContent",
                dependencies: ["QuangBaCore", "QuangBaText", .product(name: "Yams", package: "Yams")],
                swiftSettings: swiftSettings),
        .target(name: "QuangBaStore",
                dependencies: ["QuangBaCore", "QuangBaText", "QuangBaMarkup", "QuangBaContent", .product(name: "GRDB", package: "GRDB.swift")],
                swiftSettings: swiftSettings),
        // The one XML writer (libxml2's xmlTextWriter with QuangBa's escaper), below Site and Export.
        .target(name: "QuangBaXML", dependencies: ["QuangBaCore", "QuangBaText", "CLibXML2"], swiftSettings: swiftSettings),
        .target(name: "QuangBaSite",
                dependencies: ["QuangBaCore", "QuangBaText", "QuangBaMarkup", "QuangBaContent", "QuangBaStore", "QuangBaXML"],
                swiftSettings: swiftSettings),
        .target(name: "QuangBaExport",
                dependencies: ["QuangBaCore", "QuangBaText", "QuangBaMarkup", "QuangBaContent", "QuangBaStore", "QuangBaXML", "CLibXML2"],
                resources: [.copy("Schema")],
                swiftSettings: swiftSettings),
        // HTTP only here (Hummingbird): the OAI-PMH endpoint and the site preview.
        .target(name: "QuangBaServer",
                dependencies: ["QuangBaCore", "QuangBaContent", "QuangBaStore", "QuangBaExport", "CZlib", .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                               .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                               .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
                               .product(name: "HTTPTypes", package: "swift-http-types")],
                swiftSettings: swiftSettings),
        .executableTarget(
            name: "quangba",
            dependencies: ["QuangBaCore", "QuangBaText", "QuangBaContent", "QuangBaStore", "QuangBaSite", "QuangBaExport", "QuangBaServer",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            resources: [.copy("Messages")],
            swiftSettings: swiftSettings
        ),

        // What several test targets share: a seeded generator for the randomized tests, running a tool.
        .target(name: "QuangBaTestSupport", path: "Tests/Support", swiftSettings: swiftSettings),
        .testTarget(name: "QuangBaTextTests", dependencies: ["QuangBaCore", "QuangBaText"], swiftSettings: swiftSettings),
        .testTarget(name: "QuangBaCoreTests", dependencies: ["QuangBaCore"], swiftSettings: swiftSettings),
        .testTarget(name: "QuangBaMarkupTests", dependencies: ["QuangBaMarkup"], swiftSettings: swiftSettings),
        .testTarget(name: "QuangBaContentTests", dependencies: ["QuangBaCore", "QuangBaText", "QuangBaContent", .product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),
        .testTarget(name: "QuangBaStoreTests", dependencies: ["QuangBaTestSupport", "QuangBaCore", "QuangBaStore", "QuangBaContent", "QuangBaText", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        // The leak test asks every output (site, export, OAI-PMH) in one go.
        .testTarget(name: "QuangBaSiteTests", dependencies: ["QuangBaTestSupport", "QuangBaCore", "QuangBaSite", "QuangBaExport", "QuangBaStore", "QuangBaContent"], swiftSettings: swiftSettings),
        .testTarget(name: "QuangBaExportTests", dependencies: ["QuangBaTestSupport", "QuangBaCore", "QuangBaExport", "QuangBaStore", "QuangBaContent", "QuangBaMarkup", "QuangBaXML", "CLibXML2"], swiftSettings: swiftSettings),
        // The server's routes in-process (HummingbirdTesting); over loopback in QuangBaCLITests.
        .testTarget(name: "QuangBaServerTests",
                    dependencies: ["QuangBaServer", "QuangBaExport", "QuangBaStore", "QuangBaContent",
                                   .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "QuangBaCLITests", dependencies: ["QuangBaTestSupport", "QuangBaCore", "QuangBaContent", .product(name: "Yams", package: "Yams")], swiftSettings: swiftSettings),
    ]
)
