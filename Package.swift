// swift-tools-version:6.0
import PackageDescription

// Layers (lower never imports higher): DocketCore → CGit2/DocketGit → DocketStore → docket.
// See docs/ARCHITECTURE.md.
let package = Package(
    name: "docket",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "docket", targets: ["docket"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Pure domain: records, money, fees, case numbers, periods, identity, merge rules. No I/O.
        .target(name: "DocketCore"),
        // Data files every layer reads: SQLite migrations, record schemas, the holiday calendar.
        .target(
            name: "DocketSchemas",
            path: "Schemas",
            resources: [.copy("sqlite"), .copy("records"), .copy("calendar"), .copy("templates")]
        ),
        // libgit2 as a C module; DocketGit is the only Swift that imports it.
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .target(name: "DocketGit", dependencies: ["CGit2"]),
        .target(
            name: "DocketStore",
            dependencies: [
                "DocketCore", "DocketGit", "DocketSchemas",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketCore", "DocketStore", "DocketGit", "DocketSchemas",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // A stand-in for a QR payment service (orders, payment pages, signed callbacks), for the demo and tests.
        .executableTarget(
            name: "docket-paysim",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "DocketCoreTests", dependencies: ["DocketCore", "DocketSchemas"]),
        .testTarget(name: "DocketStoreTests", dependencies: ["DocketStore", "DocketCore", "DocketGit"]),
    ],
    swiftLanguageModes: [.v5]
)
