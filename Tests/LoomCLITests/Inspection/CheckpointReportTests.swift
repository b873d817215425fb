import Foundation
import LoomTools
import LoomTraining
import Testing
import LoomTestSupport

@Suite struct CheckpointReportTests {
    private func checkpoint() -> Checkpoint {
        Checkpoint(
            arrays: [
                NamedArray(name: "dense/w", shape: [2, 3], values: [1, -2, 3, -4, 5, 6]),
                NamedArray(name: "dense/b", shape: [3], values: [0.5, 0.5, 0.5]),
                NamedArray(name: "step", shape: [], values: [7]),
            ],
            globalStep: 30, epoch: 3, createdAt: Date(timeIntervalSince1970: 1_700_000_000), loomVersion: "0.1.0",
            callbackStates: ["MinSaver(val-error)": #"{"best": 0.25}"#, "Long": "[" + String(repeating: "1,", count: 40) + "1]"],
            dataPosition: #"{"epoch": 3}"#, userMetadata: ["note": "hi"]
        )
    }

    @Test func loomCheckpointReportWithValues() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("model-30.safetensors")
        try checkpoint().write(to: url)
        let report = try CheckpointReport.make(url, values: true)
        #expect(report.parameterCount == 10)
        #expect(report.text == """
            file: \(url.path)
            Loom checkpoint, format 1, written by Loom 0.1.0
            global step: 30
            epoch: 3
            created at: 2023-11-14T22:13:20Z
            callback states (2):
              Long: [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,…
              MinSaver(val-error): {"best": 0.25}
            data position: stored
            RNG state: not stored
            user metadata (1):
              note: hi
            arrays (3):
              name     shape   dtype  elements  min  max  mean       l2
              dense/b  [3]     F32           3  0.5  0.5   0.5  0.86603
              dense/w  [2, 3]  F32           6   -4    6   1.5   9.5394
              step     []      F32           1    7    7     7        7
            total: 10 parameters in 3 arrays

            """)
    }

    @Test func logDirectoryMeansItsLatestCheckpoint() throws {
        let directory = try TemporaryDirectory()
        let store = CheckpointStore(directory: directory.url, warn: { _ in })
        var older = checkpoint()
        older.globalStep = 10
        _ = try store.save(older)
        _ = try store.save(checkpoint())
        let url = try CheckpointReport.resolve(directory.url.path, warn: { _ in })
        #expect(url.lastPathComponent == "model-30.safetensors")
        #expect(throws: CheckpointError.noCheckpoint(directory: directory.url.appendingPathComponent("empty").path)) {
            try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("empty"), withIntermediateDirectories: false)
            _ = try CheckpointReport.resolve(directory.url.appendingPathComponent("empty").path, warn: { _ in })
        }
    }

    @Test func foreignSafetensorsShowRawMetadata() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("w.safetensors")
        try SafeTensorsFile(tensors: [NamedArray(name: "x", shape: [1000, 2], values: .init(repeating: 1, count: 2000))], metadata: ["format": "pt"]).write(to: url)
        #expect(try CheckpointReport.make(url, values: false).text == """
            file: \(url.path)
            not a Loom checkpoint; metadata (1):
              format: pt
            arrays (1):
              name  shape      dtype  elements
              x     [1000, 2]  F32       2,000
            total: 2,000 parameters in 1 arrays

            """)
    }

    @Test func corruptAndMissingFilesUseTheCheckpointErrors() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.url.appendingPathComponent("none.safetensors")
        #expect(throws: CheckpointError.self) { try CheckpointReport.make(missing, values: false) }
        do {
            _ = try CheckpointReport.make(missing, values: false)
        } catch {
            #expect(error.description == "cannot read checkpoint 'none.safetensors' (\(missing.path)): the file does not exist")
        }
        let corrupt = try directory.write("garbage!", to: "bad.safetensors")
        do {
            _ = try CheckpointReport.make(corrupt, values: false)
            Issue.record("a corrupt file was accepted")
        } catch {
            guard case .unreadable = error else { Issue.record("unexpected error \(error)"); return }
        }
    }
}
