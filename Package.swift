// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "CrossTrace",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crosstrace", targets: ["crosstrace"]),
        .library(name: "TraceModel", targets: ["TraceModel"]),
        .library(name: "TraceCrypto", targets: ["TraceCrypto"]),
        .library(name: "TraceConsensus", targets: ["TraceConsensus"]),
        .library(name: "TraceLedger", targets: ["TraceLedger"]),
        .library(name: "TraceContracts", targets: ["TraceContracts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // System libraries (Debian: libzint-dev, libssl-dev). `make deps` installs them.
        .systemLibrary(name: "CZint", path: "Sources/CZint"),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto"),

        // Pure domain model: participants, roles, node kinds, records, trace codes (R-5.1, R-6.x).
        .target(name: "TraceModel"),
        // Labels (R-5.1-b): QR, GS1-128, GS1 DataMatrix rendered by libzint.
        .target(name: "TraceLabels", dependencies: ["TraceModel", "CZint"]),
        // Hashes, signatures, canonical encoding, Merkle trees, sealed fields, identities.
        .target(
            name: "TraceCrypto",
            dependencies: [
                "COpenSSL",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        // Tendermint BFT as a pure state machine.
        .target(name: "TraceConsensus", dependencies: ["TraceCrypto"]),
        // Transactions, blocks, state tree, executor, block store.
        .target(
            name: "TraceLedger",
            dependencies: [
                "TraceModel", "TraceCrypto", "TraceConsensus",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        // The running node: peer transport over SwiftNIO with mutual TLS 1.3 (issue 5, item 4).
        .target(
            name: "TraceNode",
            dependencies: [
                "TraceModel", "TraceCrypto", "TraceLedger", "TraceContracts",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // HTTP API of a running node: transactions, blocks, status, health, metrics (issue 5, items 6-7).
        .target(
            name: "TraceAPI",
            dependencies: [
                "TraceNode", "TraceLedger", "TraceCrypto", "TraceContracts", "TraceModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Contracts of the trade chain: membership (issue 6 item 1, R-6.3.1.2, R-7.2, R-7.5).
        .target(name: "TraceContracts", dependencies: ["TraceModel", "TraceLedger", "TraceCrypto", "TraceConsensus"]),
        // Deterministic cluster simulator with seeded faults.
        .target(name: "TraceSimulation", dependencies: ["TraceConsensus", "TraceCrypto", "TraceLedger"]),
        .executableTarget(
            name: "crosstrace",
            dependencies: [
                "TraceModel", "TraceLabels", "TraceCrypto", "TraceConsensus", "TraceSimulation", "TraceLedger", "TraceNode", "TraceAPI", "TraceContracts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Seeded generators and mutation helpers shared by the test targets.
        .target(name: "TraceTestSupport", dependencies: ["TraceSimulation"], path: "Tests/TraceTestSupport"),
        .testTarget(name: "TraceModelTests", dependencies: ["TraceTestSupport", "TraceModel"]),
        .testTarget(name: "TraceLabelsTests", dependencies: ["TraceTestSupport", "TraceLabels", "TraceModel"]),
        .testTarget(name: "TraceCryptoTests", dependencies: ["TraceTestSupport", "TraceCrypto"]),
        .testTarget(name: "TraceConsensusTests", dependencies: ["TraceTestSupport", "TraceConsensus", "TraceCrypto"]),
        .testTarget(name: "TraceSimulationTests", dependencies: ["TraceSimulation", "TraceConsensus", "TraceCrypto"]),
        .testTarget(name: "TraceLedgerTests", dependencies: ["TraceTestSupport", "TraceLedger", "TraceCrypto", "TraceConsensus"]),
        .testTarget(
            name: "TraceNodeTests",
            dependencies: [
                "TraceNode", "TraceCrypto", "TraceLedger", "TraceModel", "TraceTestSupport",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "TraceContractsTests", dependencies: ["TraceContracts", "TraceTestSupport", "TraceLedger", "TraceModel", "TraceCrypto"]),
        .testTarget(
            name: "TraceAPITests",
            dependencies: [
                "TraceAPI", "TraceNode", "TraceLedger", "TraceCrypto", "TraceConsensus", "TraceContracts", "TraceModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "CLITests", dependencies: ["crosstrace", "TraceLedger", "TraceCrypto", "TraceConsensus", "TraceContracts"]),
    ]
)
