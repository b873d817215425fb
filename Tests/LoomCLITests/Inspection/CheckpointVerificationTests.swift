import Foundation
import LoomTools
import LoomTraining
import Testing
import LoomTestSupport

@Suite struct CheckpointVerificationTests {
    /// A log directory with model-10, model-20 and min-val-error copies, written by the store.
    private func logDirectory(_ directory: TemporaryDirectory, values: [Float]? = nil) throws -> URL {
        let store = CheckpointStore(directory: directory.url) { _ in }
        for step in [10, 20] {
            let weights = values ?? (0..<4_096).map { Float($0 % 97) * 0.01 + Float(step) }
            let checkpoint = Checkpoint(arrays: [NamedArray(name: "fc/W", shape: [weights.count], values: weights),
                                                 NamedArray(name: "fc/b", shape: [2], values: [1, 2])],
                                        globalStep: step, epoch: step / 10, createdAt: Date(timeIntervalSince1970: 1_700_000_000))
            try store.save(checkpoint)
        }
        try FileManager.default.copyItem(at: directory.url.appendingPathComponent("model-20.safetensors"),
                                         to: directory.url.appendingPathComponent("min-val-error.safetensors"))
        return directory.url
    }

    @Test func goodDirectoryIsAllOK() throws {
        let directory = try TemporaryDirectory()
        let verification = CheckpointVerification.verify(try logDirectory(directory))
        #expect(verification.text == """
            min-val-error.safetensors: OK
            model-10.safetensors: OK
            model-20.safetensors: OK
            checkpoint.json: OK

            """)
        #expect(!verification.hasBadFiles)
    }

    @Test func thousandOverwrittenBytesAreDamaged() throws {
        let directory = try TemporaryDirectory()
        let url = try logDirectory(directory).appendingPathComponent("model-10.safetensors")
        var bytes = try Data(contentsOf: url)
        let middle = bytes.count / 2
        bytes.replaceSubrange(middle..<middle + 1_000, with: Data(repeating: 0x41, count: 1_000))
        try bytes.write(to: url)
        let verification = CheckpointVerification.verify(directory.url)
        #expect(verification.hasBadFiles)
        let line = verification.text.split(separator: "\n").first { $0.hasPrefix("model-10.safetensors: ") }
        #expect(line?.hasPrefix("model-10.safetensors: DAMAGED: array 'fc/W' (CRC-32C ") == true, "\(verification.text)")
        #expect(verification.text.contains("model-20.safetensors: OK\n"))
    }

    @Test func nanFileIsNotFinite() throws {
        let directory = try TemporaryDirectory()
        // Loom's metadata without checksums (as an older Loom wrote it) around a diverged array.
        let url = directory.url.appendingPathComponent("model-5.safetensors")
        var metadata = try Checkpoint(arrays: [NamedArray(name: "fc/W", shape: [3], values: [1, 0, 2])], globalStep: 5, epoch: 1,
                                  createdAt: Date(timeIntervalSince1970: 1_700_000_000))
            .safeTensorsFile().metadata
        metadata[Checkpoint.checksumsKey] = nil
        try SafeTensorsFile(tensors: [NamedArray(name: "fc/W", shape: [3], values: [1, .nan, 2])], metadata: metadata).write(to: url)
        let status = CheckpointVerification.verify(url).results.first?.status
        #expect(status?.isBad == true)
        if case let .notFinite(detail)? = status { #expect(detail == "array 'fc/W' holds nan at index 1") } else {
            Issue.record("expected NOT FINITE, got \(String(describing: status))")
        }
    }

    @Test func missingIndexAndForeignFileAreReported() throws {
        let directory = try TemporaryDirectory()
        _ = try logDirectory(directory)
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("checkpoint.json"))
        try Data("not a checkpoint".utf8).write(to: directory.url.appendingPathComponent("max-accuracy.safetensors"))
        let verification = CheckpointVerification.verify(directory.url)
        let lines = verification.text.split(separator: "\n")
        #expect(lines.first?.hasPrefix("max-accuracy.safetensors: unreadable: ") == true, "\(verification.text)")
        #expect(lines.last?.hasPrefix("checkpoint.json: DAMAGED: checkpoint index 'checkpoint.json' in ") == true, "\(verification.text)")
        #expect(verification.hasBadFiles)
    }
}
