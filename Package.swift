// swift-tools-version: 6.1
// The Loom package: a neural-network training interface for Swift.
//
// Module graph (docs/Architecture.md section 1): the training core (`LoomTraining`) and the data
// pipeline (`LoomData`) know no tensor type; `LoomEngine` is the only bridge.
//
// Distributed training (MPI) is opt-in through the package trait `MPI`:
//     swift build --traits MPI            (scripts/test-distributed does this)
// Without it (the default) nothing needs Open MPI: `CLoomMPI` is not linked, and
// `LoomDistributed` builds only its MPI-free parts (bucketing, sharding, the single-process
// communicator). With it, `CLoomMPI` wraps the system Open MPI (pkg-config `ompi-c`;
// Debian: `apt-get install -y libopenmpi-dev openmpi-bin`) and Swift code sees `#if MPI`.
import PackageDescription

let package = Package(
    name: "Loom",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "LoomRandom", targets: ["LoomRandom"]),
        .library(name: "LoomTensor", targets: ["LoomTensor"]),
        .library(name: "LoomNN", targets: ["LoomNN"]),
        .library(name: "LoomFormats", targets: ["LoomFormats"]),
        .library(name: "LoomData", targets: ["LoomData"]),
        .library(name: "LoomTraining", targets: ["LoomTraining"]),
        .library(name: "LoomEngine", targets: ["LoomEngine"]),
        .library(name: "LoomDistributed", targets: ["LoomDistributed"]),
        // For the fuzz targets (Fuzz/Package.swift), which depend on this package by path.
        .library(name: "LoomTools", targets: ["LoomTools"]),
        .executable(name: "loom", targets: ["loom"]),
        .executable(name: "loom-bench", targets: ["loom-bench"]),
    ],
    traits: [
        .trait(name: "MPI", description: "Distributed data-parallel training over the system Open MPI (LoomDistributed)."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        // `swift package generate-documentation` (DocC catalogs in Sources/<Module>/<Module>.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Bytes on disk (safetensors, checkpoints, TensorBoard events, PNG, NPY, JSON, CRCs,
        // gzip, atomic files): the leaf every other module may import; it imports no Loom module.
        .target(name: "LoomFormats", dependencies: ["CLoomZlib", "CLoomChecksums"]),
        // CRC-32C with the processor's CRC instructions (SSE 4.2, arm64 CRC).
        .target(name: "CLoomChecksums"),
        // The system zlib (Debian: zlib1g-dev, which Swift itself needs; in the macOS SDK).
        .systemLibrary(name: "CLoomZlib", providers: [.apt(["zlib1g-dev"])]),
        // C helpers of the kernels: CPUID for choosing BLAS kernels (x86-64; stubs elsewhere), vector sqrt.
        .target(name: "CLoomKernels"),
        // The one seeded generator (xoshiro256**), shared by the tensor and data halves, which
        // both re-export it; a leaf like LoomFormats, it imports no Loom module.
        .target(name: "LoomRandom"),
        .target(name: "LoomTensor", dependencies: ["CLoomKernels", "LoomRandom"]),
        .target(name: "LoomNN", dependencies: ["LoomTensor"]),
        .target(name: "LoomData", dependencies: ["LoomFormats", "LoomRandom"]),
        .target(name: "LoomTraining", dependencies: ["LoomFormats", .product(name: "Logging", package: "swift-log")]),
        .target(name: "LoomEngine", dependencies: ["LoomTensor", "LoomNN", "LoomData", "LoomTraining"]),
        .target(name: "LoomTools", dependencies: ["LoomFormats", "LoomTraining"]),
        .systemLibrary(name: "CLoomMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]),
        .target(
            name: "LoomDistributed",
            dependencies: [
                "LoomTensor", "LoomNN", "LoomData", "LoomTraining", "LoomEngine",
                .target(name: "CLoomMPI", condition: .when(traits: ["MPI"])),
            ]
        ),
        .executableTarget(
            name: "distributed-mlp", dependencies: ["LoomDistributed", "LoomNN", "LoomTensor", "LoomTraining", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/distributed-mlp"
        ),
        // Examples (Examples/<name>/, each a ParsableCommand); Tests/LoomExamplesTests runs each for a few steps.
        .executableTarget(
            name: "seed-resnet20-cifar10", dependencies: ["ExampleSupport", "LoomData", "LoomEngine", "LoomTraining", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/seed-resnet20-cifar10"
        ),
        .executableTarget(
            name: "mnist-mlp", dependencies: ["ExampleSupport", "LoomData", "LoomEngine", "LoomTraining", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/mnist-mlp"
        ),
        .executableTarget(
            name: "custom-callback", dependencies: ["ExampleSupport", "LoomData", "LoomEngine", "LoomTraining", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/custom-callback"
        ),
        .executableTarget(
            name: "regression-csv", dependencies: ["ExampleSupport", "LoomData", "LoomEngine", "LoomNN", "LoomTensor", "LoomTraining",
                                                   .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/regression-csv"
        ),
        // Shared by the examples below: common options, the run summary, image grids, digit images.
        .target(
            name: "ExampleSupport",
            dependencies: ["LoomData", "LoomTraining", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/ExampleSupport"
        ),
        .executableTarget(
            name: "conv-autoencoder", dependencies: ["ExampleSupport", "LoomData", "LoomDistributed", "LoomEngine", "LoomNN", "LoomTensor", "LoomTraining",
                                                     .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/conv-autoencoder"
        ),
        .executableTarget(
            name: "char-lm", dependencies: ["ExampleSupport", "LoomData", "LoomEngine", "LoomNN", "LoomTensor", "LoomTraining",
                                            .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/char-lm"
        ),
        .executableTarget(
            name: "digit-gan", dependencies: ["ExampleSupport", "LoomData", "LoomEngine", "LoomNN", "LoomTensor", "LoomTraining",
                                              .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/digit-gan"
        ),
        .executableTarget(
            name: "LoomDistributedChecks", dependencies: ["LoomDistributed", "LoomNN", "LoomTensor", "LoomTraining"],
            path: "Tests/LoomDistributedChecks"
        ),
        .executableTarget(
            name: "loom",
            dependencies: [
                "LoomTensor", "LoomNN", "LoomData", "LoomTraining", "LoomEngine",
                "LoomTools", "LoomDistributed",
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
        // Temporary directories, the reference Python readers, a small disk: shared by the test targets.
        .target(name: "LoomTestSupport", path: "Tests/LoomTestSupport"),
        // Assertions shared by the tensor and layer tests (finite-difference gradient checks).
        .target(name: "LoomTensorTestSupport", dependencies: ["LoomTensor"], path: "Tests/LoomTensorTestSupport"),
        .testTarget(name: "LoomRandomTests", dependencies: ["LoomRandom"]),
        .testTarget(name: "LoomTensorTests", dependencies: ["LoomTensor", "LoomTensorTestSupport"]),
        .testTarget(name: "LoomNNTests", dependencies: ["LoomNN", "LoomTensor", "LoomTensorTestSupport"]),
        .testTarget(name: "LoomFormatsTests", dependencies: ["LoomFormats", "LoomTestSupport"]),
        .testTarget(name: "LoomDataTests", dependencies: ["LoomData", "LoomTestSupport"]),
        .testTarget(name: "LoomTrainingTests", dependencies: ["LoomTraining", "LoomTestSupport"]),
        .testTarget(
            name: "LoomEngineTests",
            dependencies: ["LoomEngine", "LoomNN", "LoomTensor", "LoomData", "LoomTraining", "LoomTestSupport"]
        ),
        .testTarget(name: "LoomCLITests", dependencies: ["LoomTools", "LoomTraining", "LoomTestSupport"]),
        // Runs the example executables (built by `swift build --build-tests`, found next to the test bundle).
        .testTarget(name: "LoomExamplesTests", dependencies: ["LoomTraining", "LoomTestSupport"]),
        .testTarget(name: "LoomDistributedTests", dependencies: ["LoomDistributed", "LoomNN", "LoomTensor", "LoomData", "LoomTraining", "LoomEngine"]),
    ]
)
