import Foundation
import Synchronization
import Testing
@testable import LoomFormats
import LoomTestSupport

/// Collects the warnings a store reports.
final class WarningLog: Sendable {
    private let items = Mutex<[CheckpointWarning]>([])

    var handler: @Sendable (CheckpointWarning) -> Void { { warning in self.items.withLock { $0.append(warning) } } }
    var all: [CheckpointWarning] { items.withLock { $0 } }
    var files: [String] { all.map(\.file) }
}

/// A small checkpoint whose values depend on `step`.
func sampleCheckpoint(step: Int, epoch: Int = 1, hours: Double = 0) -> Checkpoint {
    let base = Float(step)
    return Checkpoint(
        arrays: [
            NamedArray(name: "dense/W", shape: [2, 3], values: (0..<6).map { base + Float($0) / 8 }),
            NamedArray(name: "dense/b", shape: [3], values: [base, -base, 0.5]),
            NamedArray(name: "optimizer/dense/W/momentum", shape: [2, 3], values: [Float](repeating: base / 3, count: 6)),
        ],
        globalStep: step, epoch: epoch, createdAt: Date(timeIntervalSince1970: 1_700_000_000 + hours * 3600),
        callbackStates: ["MinSaver(val-error)": "{\"best\":\(step)}"]
    )
}

/// The Python interpreter with safetensors and numpy (`LOOM_PYTHON`), or nil after
/// recording an issue when `CI` is set (there the test must fail, not skip).
func referencePython() -> String? {
    ReferencePython.interpreter(needing: ["safetensors.numpy", "numpy"])
}

/// The error thrown by `body`, if it throws one of type `E`.
func caught<E: Error>(_ type: E.Type, _ body: () throws -> Void) -> E? {
    do {
        try body()
        return nil
    } catch {
        return error as? E
    }
}
