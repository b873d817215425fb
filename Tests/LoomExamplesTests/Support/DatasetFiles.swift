import Foundation

/// Writes tiny data sets in the distributed file formats.
enum DatasetFiles {
    /// Deterministic pixel bytes.
    static func pixels(_ count: Int, seed: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: ($0 * 37 + seed * 101 + 11) % 251) } }

    /// CIFAR-10 binary batches: `data_batch_1.bin` … `data_batch_5.bin` with `perBatch`
    /// records each and `test_batch.bin` with `test` records (1 label byte, 3072 pixels).
    static func writeCIFAR10(to directory: URL, perBatch: Int, test: Int) throws {
        func batch(_ records: Int, seed: Int) -> Data {
            var bytes: [UInt8] = []
            for record in 0..<records { bytes += [UInt8(record % 10)] + pixels(3072, seed: seed * 1000 + record) }
            return Data(bytes)
        }
        for index in 1...5 { try batch(perBatch, seed: index).write(to: directory.appendingPathComponent("data_batch_\(index).bin")) }
        try batch(test, seed: 9).write(to: directory.appendingPathComponent("test_batch.bin"))
    }

    /// MNIST IDX files (raw): `train-…` with `train` images, `t10k-…` with `test` images.
    static func writeMNIST(to directory: URL, train: Int, test: Int) throws {
        func bigEndian(_ values: [Int]) -> [UInt8] { values.flatMap { value in (0..<4).reversed().map { UInt8((value >> ($0 * 8)) & 0xFF) } } }
        for (prefix, count) in [("train", train), ("t10k", test)] {
            let images = bigEndian([0x0803, count, 28, 28]) + pixels(count * 784, seed: count)
            let labels = bigEndian([0x0801, count]) + (0..<count).map { UInt8($0 % 10) }
            try Data(images).write(to: directory.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
            try Data(labels).write(to: directory.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
        }
    }
}
