import Foundation

/// The checkpoints of one run in one directory (by default the run's log directory).
///
/// Files: `model-<globalStep>.safetensors` per checkpoint (a complete ``Checkpoint``),
/// `checkpoint.json` (the ``CheckpointIndex``), named copies such as
/// `min-val-error.safetensors` (``copy(step:toName:value:)``) and top-k copies
/// `<direction>-<stat>-step<step>.safetensors` (``updateTopK(stat:direction:k:value:step:)``).
/// Every file is written with ``AtomicFile``, the checkpoint before the index, and old
/// files are deleted only after the index no longer names them: a crash at any instant
/// leaves a readable latest checkpoint. A checkpoint's (or copy's) bytes are synced before
/// the index is written; its new name is made durable by the index's own directory sync,
/// one sync for both renames. Journaling file systems keep the two renames in order; where
/// one did not, a power loss could leave an index naming a checkpoint that is not there,
/// and ``loadLatest()`` skips it (with a warning) for the newest one that is.
///
/// The store keeps no state in memory; every call reads the index, so two store values
/// on one directory (e.g. before and after a restart) agree. A missing or corrupt index
/// is rebuilt from the files on disk, with a warning.
public struct CheckpointStore: Sendable {
    /// The directory holding the checkpoints; it must exist.
    public var directory: URL
    /// Recent checkpoints to keep (at least 1); older ones are deleted unless preserved.
    public var maxToKeep: Int
    /// When set, a checkpoint that falls out of the recent list is kept forever if it is
    /// at least this many hours newer than the last one kept so (or than the first
    /// checkpoint of the directory): TensorFlow's `keep_checkpoint_every_n_hours`.
    /// Times are the checkpoints' ``Checkpoint/createdAt`` (from the run's injected clock).
    public var keepEveryNHours: Double?
    /// Receives every problem the store worked around (a skipped corrupt checkpoint, a
    /// rebuilt index, a file it could not delete).
    public var warn: @Sendable (CheckpointWarning) -> Void

    /// The index file's name.
    public static let indexFileName = "checkpoint.json"

    /// Creates a store on `directory`.
    ///
    /// - Parameters:
    ///   - directory: where the checkpoints live (usually the log directory).
    ///   - maxToKeep: recent checkpoints to keep; values below 1 are treated as 1.
    ///   - keepEveryNHours: see ``keepEveryNHours``.
    ///   - warn: the warning handler (the trainer's logger).
    public init(
        directory: URL, maxToKeep: Int = 10, keepEveryNHours: Double? = nil,
        warn: @escaping @Sendable (CheckpointWarning) -> Void
    ) {
        self.directory = directory
        self.maxToKeep = max(1, maxToKeep)
        self.keepEveryNHours = keepEveryNHours
        self.warn = warn
    }

    /// `model-<step>.safetensors`.
    public static func fileName(step: Int) -> String { "model-\(step).safetensors" }

    /// The URL of the checkpoint of `step` in this store.
    public func url(step: Int) -> URL { directory.appendingPathComponent(Self.fileName(step: step)) }

    /// Writes `checkpoint` as `model-<globalStep>.safetensors`, then records it in the index
    /// as the latest, prunes beyond ``maxToKeep`` (sparing ``keepEveryNHours`` ones), and
    /// deletes pruned files. Saving a step again replaces that checkpoint.
    ///
    /// - Returns: the new index entry.
    /// - Throws: ``CheckpointError/writeFailed(_:)`` when the disk refuses (if the checkpoint
    ///   itself failed, the previous latest and the index are unchanged); the encoding
    ///   errors of ``Checkpoint/encoded(path:)``. Training can go on after either.
    @discardableResult
    public func save(_ checkpoint: Checkpoint) throws(CheckpointError) -> CheckpointIndex.Entry {
        let file = Self.fileName(step: checkpoint.globalStep)
        var index = currentIndex()
        try checkpoint.write(to: directory.appendingPathComponent(file), durability: .contents)
        let entry = CheckpointIndex.Entry(file: file, step: checkpoint.globalStep, epoch: checkpoint.epoch, time: checkpoint.createdAt)
        index.checkpoints.removeAll { $0.step == entry.step }
        index.preserved.removeAll { $0.step == entry.step }
        index.checkpoints.append(entry)
        index.latest = file
        if index.firstTime == nil { index.firstTime = entry.time }
        var doomed: [String] = []
        while index.checkpoints.count > maxToKeep {
            let evicted = index.checkpoints.removeFirst()
            if let hours = keepEveryNHours, let anchor = index.lastPreservedTime ?? index.firstTime,
               evicted.time.timeIntervalSince(anchor) >= hours * 3600 {
                index.preserved.append(evicted)
                index.lastPreservedTime = evicted.time
            } else {
                doomed.append(evicted.file)
            }
        }
        try writeIndex(index)
        for name in doomed { remove(name) }
        return entry
    }

    /// Deletes a file of the store, warning (not failing) when that is impossible.
    func remove(_ name: String) {
        guard let url = ownedFile(name) else {
            warn(CheckpointWarning(file: name, message: "did not delete '\(name)': it is not a regular file of '\(directory.path)' (Loom deletes only the checkpoints it wrote)"))
            return
        }
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            warn(CheckpointWarning(file: name, message: "could not delete old checkpoint '\(name)': \(error.localizedDescription); delete it by hand to free the space"))
        }
    }
}
