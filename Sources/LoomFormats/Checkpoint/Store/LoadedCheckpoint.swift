import Foundation

/// A checkpoint read by ``CheckpointStore/loadLatest()``, with the file it came from.
public struct LoadedCheckpoint: Sendable, Equatable {
    /// The file that was read.
    public var url: URL
    /// Its contents.
    public var checkpoint: Checkpoint
}
