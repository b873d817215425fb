import Foundation
import Testing
@testable import LoomData
import LoomTestSupport

@Suite struct CIFARReaderTests {
    func record(labels: [UInt8], fill: UInt8) -> [UInt8] { labels + [UInt8](repeating: fill, count: 3072) }

    @Test func cifar10TrainAndTest() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("cifar-10-batches-bin"), withIntermediateDirectories: true)
        for k in 1...5 { _ = try directory.file("cifar-10-batches-bin/data_batch_\(k).bin", record(labels: [UInt8(k)], fill: UInt8(k * 10)) + record(labels: [9], fill: 255)) }
        _ = try directory.file("cifar-10-batches-bin/test_batch.bin", record(labels: [3], fill: 51))
        let train = try CIFAR10(directory: directory.url, split: .train)
        #expect(train.size == 10)
        let sample = try train.datapoint(at: 2)
        #expect(sample[0] == .floats(shape: [3, 32, 32], values: [Float](repeating: 20 / 255, count: 3072)))
        #expect(sample[1] == .label(2))
        #expect(try train.datapoint(at: 3)[1] == .label(9))
        #expect(try CIFAR10(directory: directory.url, split: .test).collect().map { $0[1] } == [.label(3)])
    }

    @Test func cifar100HasFineAndCoarseLabels() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.file("train.bin", record(labels: [19, 99], fill: 1) + record(labels: [0, 5], fill: 2))
        let flow = try CIFAR100(directory: directory.url, split: .train)
        #expect(try flow.collect().map { Array($0[1...]) } == [[.label(99), .label(19)], [.label(5), .label(0)]])
    }

    @Test func corruptAndMissingFiles() throws {
        let directory = try TemporaryDirectory()
        let truncated = try directory.file("test_batch.bin", record(labels: [1], fill: 0) + [1, 2, 3])
        #expect(throws: DatasetReadError.wrongSize(file: truncated.path, expectedBytes: 6146, foundBytes: 3076)) {
            _ = try CIFAR10(directory: directory.url, split: .test)
        }
        let badLabel = try directory.file("test.bin", record(labels: [20, 3], fill: 0))
        #expect(throws: DatasetReadError.shapeMismatch(file: badLabel.path, what: "label 0 of record 0", expected: "below 20", found: "20")) {
            _ = try CIFAR100(directory: directory.url, split: .test)
        }
        #expect(throws: DatasetReadError.missingFiles(directory: directory.url.path, expected: (1...5).map { "data_batch_\($0).bin" })) {
            _ = try CIFAR10(directory: directory.url, split: .train)
        }
    }
}
