import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

@Suite struct CheckpointRestoreTests {
    let source = [
        NamedArray(name: "backbone/conv/W", shape: [2, 2], values: [1, 2, 3, 4]),
        NamedArray(name: "backbone/conv/b", shape: [2], values: [5, 6]),
        NamedArray(name: "head/W", shape: [2], values: [7, 8]),
    ]
    let path = "/run/model-300.safetensors"

    @Test func allVariablesInModelOrderFromAFile() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("model-300.safetensors")
        try SafeTensorsFile(tensors: source).write(to: url)
        let model = [CheckpointVariable(name: "head/W", shape: [2]), CheckpointVariable(name: "backbone/conv/W", shape: [2, 2]),
                     CheckpointVariable(name: "backbone/conv/b", shape: [2])]
        let arrays = try CheckpointRestore().arrays(fromFile: url, for: model)
        #expect(arrays == [source[2], source[0], source[1]])
    }

    @Test func prefixRegexAndNameFilters() throws {
        let model = [CheckpointVariable(name: "backbone/conv/W", shape: [2, 2]), CheckpointVariable(name: "backbone/conv/b", shape: [2]),
                     CheckpointVariable(name: "head/W", shape: [3])]
        let byPrefix = try CheckpointRestore(selection: .prefix("backbone/")).arrays(from: source, path: path, for: model)
        #expect(byPrefix == [source[0], source[1]])
        let byRegex = try CheckpointRestore(selection: .regex("/W$"), allowExtra: true)
            .arrays(from: source, path: path, for: [model[0]])
        #expect(byRegex == [source[0]])
        let byName = try CheckpointRestore(selection: .names(["backbone/conv/b"])).arrays(from: source, path: path, for: model)
        #expect(byName == [source[1]])
    }

    @Test func renameMapForFineTuning() throws {
        let model = [CheckpointVariable(name: "encoder/conv/W", shape: [2, 2]), CheckpointVariable(name: "classifier/W", shape: [2])]
        let restore = CheckpointRestore(renames: ["backbone/conv/W": "encoder/conv/W", "head/W": "classifier/W"], allowExtra: true)
        let arrays = try restore.arrays(from: source, path: path, for: model)
        #expect(arrays == [NamedArray(name: "encoder/conv/W", shape: [2, 2], values: [1, 2, 3, 4]),
                           NamedArray(name: "classifier/W", shape: [2], values: [7, 8])])
        let conflict = caught(CheckpointRestoreError.self) {
            _ = try CheckpointRestore(renames: ["head/W": "x", "backbone/conv/b": "x"]).arrays(from: source, path: path, for: model)
        }
        #expect(conflict == .renameConflict(target: "x", sources: ["backbone/conv/b", "head/W"]))
    }

    @Test func missingExtraAndShapeErrorsInOneMessage() throws {
        let model = [CheckpointVariable(name: "backbone/conv/W", shape: [2, 3]), CheckpointVariable(name: "backbone/conv/b", shape: [2]),
                     CheckpointVariable(name: "new/W", shape: [4])]
        let error = caught(CheckpointRestoreError.self) { _ = try CheckpointRestore().arrays(from: source, path: path, for: model) }
        #expect(error?.description == """
        checkpoint 'model-300.safetensors' does not match the model (3 problem(s)):
          missing from the checkpoint: 'new/W' (model shape [4])
          not in the model: 'head/W' (checkpoint shape [2])
          shape mismatch: 'backbone/conv/W' is [2, 2] in the checkpoint, [2, 3] in the model
        Set allowExtra to ignore arrays the model lacks, or narrow the selection.
        Narrow the selection (prefix or regex) to restore only what the checkpoint has, or add a rename.
        """)
        let onlyExtra = caught(CheckpointRestoreError.self) {
            _ = try CheckpointRestore().arrays(from: source, path: path, for: [model[1]])
        }
        #expect(onlyExtra == .incompatible(path: path, missing: [], extra: [CheckpointVariable(name: "backbone/conv/W", shape: [2, 2]),
                                                                           CheckpointVariable(name: "head/W", shape: [2])], shapes: []))
        #expect(try CheckpointRestore(allowExtra: true).arrays(from: source, path: path, for: [model[1]]) == [source[1]])
    }

    @Test func badRegexAndUnreadableFile() throws {
        let error = caught(CheckpointRestoreError.self) { _ = try CheckpointRestore(selection: .regex("(")).arrays(from: source, path: path, for: []) }
        guard case let .invalidPattern(pattern, _)? = error else { Issue.record("expected invalidPattern"); return }
        #expect(pattern == "(")
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("empty.safetensors")
        try Data().write(to: url)
        #expect(caught(CheckpointRestoreError.self) { _ = try CheckpointRestore().arrays(fromFile: url, for: []) }
            == .unreadable(SafeTensorsError(path: url.path, problem: .empty)))
    }
}
