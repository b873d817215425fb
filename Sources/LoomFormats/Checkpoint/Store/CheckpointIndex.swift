import Foundation

/// The store's index, `checkpoint.json`: which checkpoint is the latest, which are kept,
/// and the bookkeeping of best copies and top-k lists (so it survives restarts).
///
/// Written atomically after every change; a human-readable JSON object with sorted keys.
/// Times are seconds since 1970.
public struct CheckpointIndex: Codable, Sendable, Equatable {
    /// One checkpoint file of the store.
    public struct Entry: Codable, Sendable, Equatable {
        /// File name inside the store's directory, e.g. `model-300.safetensors`.
        public var file: String
        /// The checkpoint's global step.
        public var step: Int
        /// The checkpoint's epoch counter.
        public var epoch: Int
        /// The checkpoint's creation time.
        public var time: Date

        /// Creates an entry.
        public init(file: String, step: Int, epoch: Int, time: Date) {
            self.file = file
            self.step = step
            self.epoch = epoch
            self.time = time
        }
    }

    /// A copy of a checkpoint under another name (a best copy or a top-k member).
    public struct Copy: Codable, Sendable, Equatable {
        /// File name inside the store's directory, e.g. `min-val-error.safetensors`.
        public var file: String
        /// The step of the checkpoint that was copied.
        public var step: Int
        /// The stat value that earned the copy, if given.
        public var value: Double?

        /// Creates a copy record.
        public init(file: String, step: Int, value: Double?) {
            self.file = file
            self.step = step
            self.value = value
        }
    }

    /// The k best checkpoints by one stat, best first.
    public struct TopK: Codable, Sendable, Equatable {
        /// The stat's name, e.g. `val-error`.
        public var stat: String
        /// Whether lower or higher values are better.
        public var direction: StatDirection
        /// How many copies to keep.
        public var k: Int
        /// The kept copies, best first (ties: the earlier step first).
        public var copies: [Copy]
    }

    /// Index format version.
    public var format = 1
    /// The file name of the latest checkpoint (the last of ``checkpoints``), if any.
    public var latest: String?
    /// The recent checkpoints, oldest first, at most `maxToKeep` of them.
    public var checkpoints: [Entry] = []
    /// Checkpoints kept forever by the `keepEveryNHours` rule, oldest first.
    public var preserved: [Entry] = []
    /// Time of the first checkpoint saved in this directory (the `keepEveryNHours` anchor).
    public var firstTime: Date?
    /// Time of the last checkpoint moved to ``preserved``.
    public var lastPreservedTime: Date?
    /// Named copies (e.g. `min-val-error`), by name.
    public var copies: [String: Copy] = [:]
    /// Top-k lists, by list name (e.g. `min-val-error`).
    public var topK: [String: TopK] = [:]

    /// Creates an empty index.
    public init() {}

    /// Every checkpoint entry (recent and preserved) with the given step, if any.
    public func entry(step: Int) -> Entry? {
        checkpoints.last { $0.step == step } ?? preserved.last { $0.step == step }
    }
}
