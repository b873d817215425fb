import Foundation

/// The readers of outside bytes that `loom-fuzz` can exercise.
enum FuzzTarget: String, CaseIterable, Sendable {
    case idx, cifar, csv, npy, safetensors, checkpoint
    case checkpointIndex = "checkpoint-index"
    case stats, hyper, tfevents, json

    /// Feeds one input to the reader and checks its contract.
    func run(_ bytes: [UInt8]) {
        switch self {
        case .idx: DataTargets.idx(bytes)
        case .cifar: DataTargets.cifar(bytes)
        case .csv: DataTargets.csv(bytes)
        case .npy: DataTargets.npy(bytes)
        case .safetensors: CheckpointTargets.safeTensors(bytes)
        case .checkpoint: CheckpointTargets.checkpoint(bytes)
        case .checkpointIndex: CheckpointTargets.checkpointIndex(bytes)
        case .stats: TextTargets.stats(bytes)
        case .hyper: TextTargets.hyper(bytes)
        case .json: TextTargets.json(bytes)
        case .tfevents: EventTargets.events(bytes)
        }
    }
}

/// Stops the process (a finding for libFuzzer) when a reader breaks its contract.
/// - Parameters:
///   - condition: what the reader promises.
///   - message: what went wrong, printed before aborting.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    guard !condition else { return }
    FileHandle.standardError.write(Data("loom-fuzz: contract broken: \(message())\n".utf8))
    abort()
}
