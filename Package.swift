// swift-tools-version:6.0
import PackageDescription

// Layers (lower never imports higher): DocketCore → CGit2/DocketGit → DocketStore → docket.
// See docs/ARCHITECTURE.md.
/// Library targets build in the Swift 6 language mode (strict concurrency); tests and the executables may stay on 5.
let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "docket",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "docket", targets: ["docket"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The desk: bcrypt for operators' passwords, Mustache templates for its pages.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // Already in the graph through Hummingbird; named so the server can use their types directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // TLS: the node's own certificate (X509), HTTPS served (HummingbirdTLS) and spoken to peers (NIOSSL).
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // The HTTP parts a channel handler of Hummingbird's pipeline sees (the slow-client guard).
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // Pure domain: records, money, fees, case numbers, periods, identity, merge rules. No I/O.
        .target(name: "DocketCore", swiftSettings: swift6),
        // The one way to run a child process (git, sendmail, the tests' commands) without pipes that stall.
        .target(name: "DocketProcess", swiftSettings: swift6),
        // Data files every layer reads: SQLite migrations, record schemas, the holiday calendar.
        .target(
            name: "DocketSchemas",
            path: "Schemas",
            resources: [.copy("sqlite"), .copy("records"), .copy("calendar"), .copy("templates")]
        ),
        // libgit2 as a C module; DocketGit is the only Swift that imports it.
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .target(
            name: "DocketGit", dependencies: ["CGit2", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swift6),
        .target(
            name: "DocketStore",
            dependencies: [
                "DocketCore", "DocketGit", "DocketSchemas", "DocketProcess",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ], swiftSettings: swift6),
        // Replication: peers, who may see what, the changes feed, the pre-receive check, the fetch/push client.
        .target(
            name: "DocketSync",
            dependencies: [
                "DocketCore", "DocketGit", "DocketStore", "DocketProcess",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ], swiftSettings: swift6),
        // HTTP: the sync endpoints, `git http-backend` behind our own authentication, the JSON API.
        .target(
            name: "DocketServer",
            dependencies: [
                "DocketCore", "DocketStore", "DocketSync", "DocketProcess",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ], swiftSettings: swift6),
        // The desk: the browser workplace of clerks, judges, lawyers and administrators (sessions, pages, forms);
        // QR codes of fee payments come from DocketTerminal's libqrencode wrapper.
        .target(
            name: "DocketDesk",
            dependencies: [
                "DocketCore", "DocketStore", "DocketSync", "DocketTerminal",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: swift6),
        // The lobby terminal's pure core: screens as a state machine over frames of cells (no curses here).
        .target(name: "DocketKiosk", dependencies: ["DocketCore"], swiftSettings: swift6),
        // Screen definitions, locale strings and the sample kiosk config, shipped with the binary.
        .target(
            name: "DocketKioskData",
            path: "Kiosk",
            exclude: ["README.md"],
            resources: [.copy("screens.json"), .copy("locales"), .copy("kiosk.sample.json"), .copy("causes.json")]
        ),
        // ncursesw and libqrencode as C modules; DocketTerminal is the only Swift that imports them.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CQREncode", providers: [.apt(["libqrencode-dev"])]),
        .target(name: "DocketTerminal", dependencies: ["CNCurses", "CQREncode", "DocketKiosk"], swiftSettings: swift6),
        // librime as a C module; DocketInput (the kiosk's pinyin input method) is the only Swift that imports it. Apart
        // from the terminal: an input method is its own concern, and its data (schemas, a deploy folder) its own.
        .systemLibrary(name: "CRime", providers: [.apt(["librime-dev", "rime-data-pinyin-simp"])]),
        .target(name: "DocketInput", dependencies: ["CRime", "DocketKiosk"], swiftSettings: swift6),
        // The kiosk as a program: the event loop over the terminal, and its effects performed against a node.
        .target(
            name: "DocketKioskRuntime",
            dependencies: [
                "DocketKiosk", "DocketTerminal", "DocketCore", "DocketStore", "DocketSync", "DocketProcess",
            ], swiftSettings: swift6),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketCore", "DocketStore", "DocketGit", "DocketSchemas", "DocketSync", "DocketServer", "DocketDesk",
                "DocketKiosk", "DocketKioskData", "DocketKioskRuntime", "DocketTerminal", "DocketInput",
                "DocketProcess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // `docket bench court` measures queries beside the same SQL run through sqlite3 directly.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
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
        // What every test target shares: the process runner's use in tests, the binaries, failures of setup.
        .target(name: "DocketTestSupport", dependencies: ["DocketProcess"], path: "Tests/DocketTestSupport"),
        .testTarget(name: "DocketCoreTests", dependencies: ["DocketCore", "DocketSchemas"]),
        .testTarget(
            name: "DocketStoreTests",
            dependencies: ["DocketStore", "DocketCore", "DocketGit", "DocketTestSupport", "DocketProcess"]),
        .testTarget(
            name: "DocketKioskTests", dependencies: ["DocketKiosk", "DocketCore", "DocketKioskData"],
            exclude: ["Golden"]),
        .testTarget(
            name: "DocketKioskRuntimeTests",
            dependencies: [
                "DocketKioskRuntime", "DocketKiosk", "DocketTerminal", "DocketInput", "DocketStore", "DocketCore",
                "DocketTestSupport",
            ]
        ),
        .testTarget(
            name: "DocketServerTests",
            dependencies: [
                "DocketServer", "DocketDesk", "DocketSync", "DocketStore", "DocketCore", "DocketGit", "DocketTerminal",
                "DocketTestSupport", "DocketProcess",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v5]
)
