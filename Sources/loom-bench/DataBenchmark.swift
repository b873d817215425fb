import ArgumentParser
import Foundation
import LoomData

/// `loom-bench data`: samples/s of the data pipeline (readers, generator, parallel map).
struct DataBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "Benchmarks of the data pipeline: IDX reading, synthetic digits, parallel map.")
    @OptionGroup var options: BenchOptions

    @Option(help: "Images in the MNIST-format file that is read back.")
    var images = 60_000

    @Option(help: "Images per synthetic-generator and parallel-map run.")
    var samples = 10_000

    func run() throws {
        var report = BenchReport(area: "data")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-bench-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try writeMNIST(in: directory)

        for suffix in ["", ".gz"] {
            let imageFile = directory.appendingPathComponent("train-images-idx3-ubyte" + suffix)
            guard FileManager.default.fileExists(atPath: imageFile.path) else { continue }
            let labelFile = directory.appendingPathComponent("train-labels-idx1-ubyte" + suffix)
            let times = try (0..<options.repeats).map { _ in
                try measureSeconds {
                    let batches = try MNIST(images: imageFile, labels: labelFile).batched(64)
                    var iterator = batches.makeIterator()
                    while try iterator.next() != nil {}
                }
            }
            report.add("read IDX\(suffix) + batch 64", rate(images, times))
        }

        let digits = SyntheticDigits(count: samples, seed: 1)
        let generate = (0..<options.repeats).map { _ in
            measureSeconds { for index in 0..<samples { _ = digits.image(at: index) } }
        }
        report.add("synthetic digits 28x28", rate(samples, generate))

        let source = try ArrayDataFlow(columns: [.floats(shape: [samples, 28, 28], values: (0..<(samples * 784)).map { Float($0 % 255) / 255 })])
        for threads in [1, 2] {
            let flow = try MultiThreadMapData(source, threads: threads, bufferSize: 64) { datapoint in
                guard case let .floats(shape, values) = datapoint[0] else { return datapoint }
                return [.floats(shape: shape, values: blur(values, repeats: 8))]
            }
            let times = try (0..<options.repeats).map { _ in
                try measureSeconds {
                    let iterator = flow.makeIterator()
                    while try iterator.next() != nil {}
                }
            }
            report.add("MultiThreadMapData blur3x3x8, \(threads) thread(s)", rate(samples, times))
        }
        report.emit(json: options.json)
    }

    private func rate(_ count: Int, _ times: [Double]) -> [(String, BenchValue)] {
        let seconds = median(times)
        return [("samples/s", .number(Double(count) / seconds, digits: 0)), ("median s", .number(seconds, digits: 4)), ("runs", .integer(times.count))]
    }

    /// Writes a 28×28 MNIST-format image file and a label file, raw and (if `/bin/gzip`
    /// exists) gzip-compressed.
    private func writeMNIST(in directory: URL) throws {
        var imageBytes: [UInt8] = [0, 0, 8, 3] + [images, 28, 28].flatMap(bigEndian)
        let digits = SyntheticDigits(count: 100, seed: 2)
        let templates = (0..<100).map { digits.image(at: $0).map { UInt8($0 * 255) } }
        imageBytes.reserveCapacity(imageBytes.count + images * 784)
        for index in 0..<images { imageBytes += templates[index % 100] }
        let labelBytes: [UInt8] = [0, 0, 8, 1] + bigEndian(images) + (0..<images).map { UInt8($0 % 10) }
        for (name, bytes) in [("train-images-idx3-ubyte", imageBytes), ("train-labels-idx1-ubyte", labelBytes)] {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            guard FileManager.default.isExecutableFile(atPath: "/bin/gzip") else { continue }
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
            gzip.arguments = ["-k", "-f", url.path]
            try gzip.run()
            gzip.waitUntilExit()
        }
    }

    private func bigEndian(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
}

/// `repeats` passes of a 3×3 box blur over a 28×28 image (a CPU-heavy map).
private func blur(_ image: [Float], repeats: Int) -> [Float] {
    var current = image
    var next = [Float](repeating: 0, count: 784)
    for _ in 0..<repeats {
        for y in 0..<28 {
            for x in 0..<28 {
                var sum: Float = 0
                for dy in -1...1 {
                    for dx in -1...1 {
                        let (yy, xx) = (min(max(y + dy, 0), 27), min(max(x + dx, 0), 27))
                        sum += current[yy * 28 + xx]
                    }
                }
                next[y * 28 + x] = sum / 9
            }
        }
        swap(&current, &next)
    }
    return current
}
