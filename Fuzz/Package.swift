// swift-tools-version: 6.1
// Fuzz targets for every reader of outside bytes (libFuzzer, built by scripts/fuzz).
//
// A separate package so that the main `swift build` / `swift test` never build it. It is
// built with `-sanitize=fuzzer,address` and `-enable-testing` (for the
// `@testable` imports of two internal decoders); see Fuzz/README.md.
import PackageDescription

let package = Package(
    name: "LoomFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Loom", path: "..")],
    targets: [
        .executableTarget(
            name: "loom-fuzz",
            dependencies: [
                .product(name: "LoomFormats", package: "Loom"),
                .product(name: "LoomData", package: "Loom"),
                .product(name: "LoomTraining", package: "Loom"),
                .product(name: "LoomTools", package: "Loom"),
            ]
        ),
    ]
)
