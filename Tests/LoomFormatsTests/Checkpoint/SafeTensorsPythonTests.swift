import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

/// The real reader and writer: Python's `safetensors` package (via `LOOM_PYTHON`).
@Suite struct SafeTensorsPythonTests {
    @Test func pythonReadsALoomCheckpoint() throws {
        guard let python = referencePython() else { return }
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("model-7.safetensors")
        var checkpoint = sampleCheckpoint(step: 7, epoch: 2)
        checkpoint.arrays.append(NamedArray(name: "bn/scalar", shape: [], values: [.pi]))
        checkpoint.dataPosition = #"{"index":12}"#
        try checkpoint.write(to: url)
        let script = """
        import sys, json
        from safetensors.numpy import load_file
        from safetensors import safe_open
        tensors = load_file(sys.argv[1])
        with safe_open(sys.argv[1], framework="numpy") as f:
            meta = f.metadata()
        def crc32c(data):
            crc = 0xFFFFFFFF
            for byte in data:
                crc ^= byte
                for _ in range(8):
                    crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
            return "%08x" % (crc ^ 0xFFFFFFFF)
        checksums = {k: crc32c(v.astype("<f4").tobytes()) for k, v in tensors.items()}
        stored = json.loads(meta.pop("loom.crc32c"))
        out = {"tensors": {k: {"dtype": str(v.dtype), "shape": list(v.shape),
                               "bits": [int(b) for b in v.reshape(-1).view("<u4")]} for k, v in sorted(tensors.items())},
               "meta": meta, "checksumsMatch": stored == checksums}
        print(json.dumps(out, sort_keys=True))
        """
        let result = try runProcess(python, ["-c", script, url.path])
        try #require(result.status == 0, "python failed: \(result.output)")
        let decoded = try JSONDecoder().decode(PythonView.self, from: Data(result.output.utf8))
        #expect(decoded.tensors.keys.sorted() == ["bn/scalar", "dense/W", "dense/b", "optimizer/dense/W/momentum"])
        for array in checkpoint.arrays {
            let tensor = try #require(decoded.tensors[array.name])
            #expect(tensor.dtype == "float32")
            #expect(tensor.shape == array.shape)
            #expect(tensor.bits == array.values.map(\.bitPattern))
        }
        #expect(decoded.meta == [
            "loom.format": "1", "loom.version": LoomVersion.string, "loom.global_step": "7", "loom.epoch": "2",
            "loom.created_at": "1700000000.0", "loom.callbacks": #"{"MinSaver(val-error)":{"best":7}}"#,
            "loom.data_position": #"{"index":12}"#,
        ])
        #expect(decoded.checksumsMatch, "Python's CRC-32C of each tensor's bytes equals loom.crc32c")
    }

    @Test func loomReadsAFileWrittenByPython() throws {
        guard let python = referencePython() else { return }
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("exported.safetensors")
        let script = """
        import sys, numpy as np
        from safetensors.numpy import save_file
        save_file({"w/kernel": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
                   "b": np.array([1.5, -2.25], dtype=np.float64),
                   "h": np.array([0.5, 3], dtype=np.float16),
                   "count": np.array(9, dtype=np.int64)},
                  sys.argv[1], metadata={"origin": "python", "note": "é/\\"q\\""})
        """
        let result = try runProcess(python, ["-c", script, url.path])
        try #require(result.status == 0, "python failed: \(result.output)")
        let file = try SafeTensorsFile.read(contentsOf: url)
        #expect(file.metadata == ["origin": "python", "note": "é/\"q\""])
        #expect(file.tensors == [
            NamedArray(name: "b", shape: [2], values: [1.5, -2.25]),
            NamedArray(name: "count", shape: [], values: [9]),
            NamedArray(name: "h", shape: [2], values: [0.5, 3]),
            NamedArray(name: "w/kernel", shape: [2, 3], values: [0, 0.25, 0.5, 0.75, 1, 1.25]),
        ])
        let error = caught(CheckpointError.self) { _ = try Checkpoint.load(contentsOf: url) }
        #expect(error == .notALoomCheckpoint(path: url.path, missingKey: "loom.global_step"))
    }
}

private struct PythonView: Decodable {
    struct Tensor: Decodable {
        var dtype: String
        var shape: [Int]
        var bits: [UInt32]
    }
    var tensors: [String: Tensor]
    var checksumsMatch: Bool
    var meta: [String: String]
}
