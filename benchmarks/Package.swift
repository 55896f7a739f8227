// swift-tools-version:6.1
// The benchmark driver (issue 7). A package of its own so that `make test`
// never builds PostgreSQL or HTTP-client code: `make bench` builds it in release.
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder: the clone's folder.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "CrossTraceBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .executableTarget(
            name: "ct-bench",
            dependencies: [
                .product(name: "TraceLedger", package: root),
                .product(name: "TraceCrypto", package: root),
                .product(name: "TraceContracts", package: root),
                .product(name: "TraceModel", package: root),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            // A measuring tool passing JSON dictionaries between tasks: Swift 5 mode.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
