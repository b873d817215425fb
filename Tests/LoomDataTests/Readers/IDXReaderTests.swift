import Foundation
import Testing
@testable import LoomData
import LoomTestSupport

@Suite struct IDXReaderTests {
    func writeMNIST(_ directory: TemporaryDirectory, prefix: String, count: Int, gzip: Bool) throws {
        let images = idx(shape: [count, 2, 3], values: (0..<(count * 6)).map { UInt8($0 * 5 % 256) })
        let labels = idx(shape: [count], values: (0..<count).map { UInt8($0 % 10) })
        let suffix = gzip ? ".gz" : ""
        _ = try directory.file("\(prefix)-images-idx3-ubyte\(suffix)", gzip ? try systemGzip(images, in: directory) : images)
        _ = try directory.file("\(prefix)-labels-idx1-ubyte\(suffix)", gzip ? try systemGzip(labels, in: directory) : labels)
    }

    @Test(arguments: [false, true])
    func readsBothSplitsRawOrGzip(gzip: Bool) throws {
        let directory = try TemporaryDirectory()
        try writeMNIST(directory, prefix: "train", count: 12, gzip: gzip)
        try writeMNIST(directory, prefix: "t10k", count: 3, gzip: gzip)
        let train = try MNIST(directory: directory.url, split: .train)
        #expect(train.size == 12)
        #expect(try train.datapoint(at: 11) == [.floats(shape: [2, 3], values: (66..<72).map { Float($0 * 5 % 256) * (1 / 255) }), .label(1)])
        #expect(try MNIST(directory: directory.url, split: .test).size == 3)
    }

    @Test func missingFilesAreListed() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: DatasetReadError.missingFiles(directory: directory.url.path, expected: ["t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"])) {
            _ = try MNIST(directory: directory.url, split: .test)
        }
    }

    @Test func corruptFilesGiveTypedErrors() throws {
        let good = idx(shape: [2, 2, 2], values: [UInt8](repeating: 1, count: 8))
        #expect(throws: DatasetReadError.badMagic(file: "f", expected: "00000803", found: "00000801")) {
            _ = try IDXFile.parse(idx(shape: [8], values: [UInt8](repeating: 1, count: 8)), file: "f", rank: 3)
        }
        #expect(throws: DatasetReadError.wrongSize(file: "f", expectedBytes: 24, foundBytes: 21)) {
            _ = try IDXFile.parse(Array(good[..<21]), file: "f", rank: 3)
        }
        #expect(throws: DatasetReadError.wrongSize(file: "f", expectedBytes: 24, foundBytes: 25)) {
            _ = try IDXFile.parse(good + [0], file: "f", rank: 3)
        }
        #expect(throws: DatasetReadError.unsupportedType(file: "f", found: "IDX type 0x0d", supported: ["IDX type 0x08 (unsigned byte)"])) {
            _ = try IDXFile.parse([0, 0, 0x0D, 3] + Array(good[4...]), file: "f", rank: 3)
        }
        let directory = try TemporaryDirectory()
        let images = try directory.file("i", good)
        let labels = try directory.file("l", idx(shape: [3], values: [1, 2, 3]))
        #expect(throws: DatasetReadError.shapeMismatch(file: labels.path, what: "label count", expected: "2 (the image count of i)", found: "3")) {
            _ = try MNIST(images: images, labels: labels)
        }
        let message = "\(DatasetReadError.wrongSize(file: "train-images-idx3-ubyte", expectedBytes: 47_040_016, foundBytes: 100))"
        #expect(message == "train-images-idx3-ubyte is truncated: expected 47040016 bytes, found 100; download it again")
    }
}
