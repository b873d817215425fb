// swift-tools-version: 6.0
// The Loom package: a neural-network training interface for Swift.
//
// Module graph (DESIGN.md section 1): the training core (`LoomTraining`) and the data
// pipeline (`LoomData`) know no tensor type; `LoomEngine` is the only bridge.
import PackageDescription

let package = Package(
    name: "Loom",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LoomTensor", targets: ["LoomTensor"]),
        .library(name: "LoomNN", targets: ["LoomNN"]),
        .library(name: "LoomData", targets: ["LoomData"]),
        .library(name: "LoomTraining", targets: ["LoomTraining"]),
        .library(name: "LoomEngine", targets: ["LoomEngine"]),
        .executable(name: "loom", targets: ["loom"]),
        .executable(name: "loom-bench", targets: ["loom-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "LoomTensor"),
        .target(name: "LoomNN", dependencies: ["LoomTensor"]),
        .target(name: "LoomData"),
        .target(name: "LoomTraining"),
        .target(name: "LoomEngine", dependencies: ["LoomTensor", "LoomNN", "LoomData", "LoomTraining"]),
        .target(name: "LoomTools", dependencies: ["LoomTraining"]),
        .executableTarget(
            name: "loom",
            dependencies: [
                "LoomTensor", "LoomNN", "LoomData", "LoomTraining", "LoomEngine",
                "LoomTools",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "loom-bench",
            dependencies: [
                "LoomTensor", "LoomNN", "LoomData", "LoomTraining", "LoomEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LoomTensorTests", dependencies: ["LoomTensor"]),
        .testTarget(name: "LoomNNTests", dependencies: ["LoomNN", "LoomTensor"]),
        .testTarget(name: "LoomDataTests", dependencies: ["LoomData"]),
        .testTarget(name: "LoomTrainingTests", dependencies: ["LoomTraining"]),
        .testTarget(name: "LoomEngineTests", dependencies: ["LoomEngine", "LoomNN", "LoomTensor", "LoomData", "LoomTraining"]),
        .testTarget(name: "LoomCLITests", dependencies: ["LoomTools", "LoomTraining"]),
    ]
)
