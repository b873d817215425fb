import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

/// Checksummed, finite checkpoints: damage is detected and named, NaN models are never saved.
@Suite struct CheckpointIntegrityTests {
    /// Overwrites `count` bytes in the middle of the file's data section.
    private func damage(_ url: URL, count: Int = 1000) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let headerLength = Int(bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        let dataStart = 8 + headerLength
        let middle = dataStart + (bytes.count - dataStart) / 2 - count / 2
        for offset in middle..<(middle + count) { bytes[offset] = 0x7F }
        try Data(bytes).write(to: url)
    }

    /// A checkpoint whose arrays are large enough to damage 1,000 bytes of one of them.
    private func bigCheckpoint(step: Int) -> Checkpoint {
        Checkpoint(arrays: [
            NamedArray(name: "a/W", shape: [600], values: (0..<600).map { Float($0) / 7 }),
            NamedArray(name: "b/W", shape: [600], values: (0..<600).map { Float(step) - Float($0) }),
        ], globalStep: step, epoch: 1, createdAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func damagedDataIsDetectedAndNamed() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("model-1.safetensors")
        try bigCheckpoint(step: 1).write(to: url)
        try damage(url)
        let error = caught(CheckpointError.self) { _ = try Checkpoint.load(contentsOf: url) }
        guard case let .checksumMismatch(path, array, _, _)? = error else {
            Issue.record("expected a checksum mismatch, got \(String(describing: error))")
            return
        }
        #expect(path == url.path)
        #expect(array == "a/W" || array == "b/W")
        #expect(error?.description.hasPrefix("checkpoint '\(url.path)' is damaged: the data of array '\(array)' has CRC-32C ") == true)
    }

    @Test func resumeFallsBackPastADamagedLatestCheckpoint() throws {
        let dir = try TemporaryDirectory()
        let log = WarningLog()
        let store = CheckpointStore(directory: dir.url, warn: log.handler)
        try store.save(bigCheckpoint(step: 1))
        try store.save(bigCheckpoint(step: 2))
        try damage(store.url(step: 2))
        let loaded = try store.loadLatest()
        #expect(loaded.checkpoint.globalStep == 1)
        #expect(log.files == ["model-2.safetensors"])
        #expect(log.all.first?.message.contains("is damaged: the data of array") == true)
    }

    @Test func aNonFiniteModelIsNeverSavedAndTheLatestStaysGood() throws {
        let dir = try TemporaryDirectory()
        let store = CheckpointStore(directory: dir.url, warn: { _ in })
        try store.save(bigCheckpoint(step: 1))
        var bad = bigCheckpoint(step: 2)
        bad.arrays[1].values[17] = .nan
        guard case let .nonFinite(array, index, value, nil)? = caught(CheckpointError.self, { try store.save(bad) }) else {
            Issue.record("saving a NaN model must be refused")
            return
        }
        #expect(array == "b/W" && index == 17 && value.isNaN)
        bad.arrays[1].values[17] = 0
        bad.arrays[0].values[599] = -.infinity
        let error = caught(CheckpointError.self) { try store.save(bad) }
        #expect(error?.description == "refused to save a checkpoint of a model that is not finite: array 'a/W' holds -inf at element 599; the newest good checkpoint is kept as the latest")
        #expect(store.latest()?.step == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted() == ["checkpoint.json", "model-1.safetensors"])
    }

    @Test func aNonFiniteFileIsSkippedOnResume() throws {
        let dir = try TemporaryDirectory()
        let log = WarningLog()
        let store = CheckpointStore(directory: dir.url, warn: log.handler)
        try store.save(bigCheckpoint(step: 1))
        // An older Loom could write NaN weights without checksums: write such a file by hand.
        var arrays = bigCheckpoint(step: 2).arrays
        arrays[0].values[3] = .nan
        var metadata = try bigCheckpoint(step: 2).safeTensorsFile().metadata
        metadata.removeValue(forKey: Checkpoint.checksumsKey)
        try SafeTensorsFile(tensors: arrays, metadata: metadata).encoded(path: "x").write(to: store.url(step: 2))
        #expect(try store.loadLatest().checkpoint.globalStep == 1)
        #expect(log.all.first?.message.contains("is not a good model: array 'a/W' holds nan at element 3") == true)
    }

    @Test func hardwareAndPortableCRC32CAgree() {
        var state: UInt64 = 7
        let bytes: [UInt8] = (0..<100_003).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        bytes.withUnsafeBytes { raw in
            // Short buffers take one stream; from 12,288 bytes on, three interleaved ones.
            for (start, end) in [(0, 0), (0, 1), (1, 9), (3, 4099), (0, 4096), (5, 77), (0, 12_288), (1, 12_312),
                                 (7, 100_003), (0, 99_999), (0, 24_576)] {
                let slice = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                #expect(CRC32C.checksum(slice) == CRC32C.portableChecksum(slice), "bytes \(start)..<\(end)")
            }
        }
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }
}
