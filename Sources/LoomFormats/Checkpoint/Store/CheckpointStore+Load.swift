import Foundation

extension CheckpointStore {
    /// Whether `directory` holds a run that can be resumed: an index or at least one
    /// `model-<step>.safetensors` file. Cheap (lists the directory); ``loadLatest()`` validates.
    public static func hasCheckpoints(in directory: URL) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.contains { $0 == indexFileName || step(fromFileName: $0) != nil }
    }

    /// Reads the newest readable checkpoint.
    ///
    /// Candidates, in order: checkpoint files newer than the index's latest (a crash
    /// between writing a checkpoint and updating the index), the index's checkpoints
    /// newest first, the preserved ones, then any other `model-<step>` file by step.
    /// Each candidate that is missing, truncated, torn or otherwise unreadable is reported
    /// through ``warn`` (naming the file and the problem) and the next one is tried.
    ///
    /// - Returns: the checkpoint and its file.
    /// - Throws: ``CheckpointError/noCheckpoint(directory:)`` when there is none;
    ///   ``CheckpointError/noReadableCheckpoint(directory:failures:)`` listing each file's
    ///   problem when none can be read.
    public func loadLatest() throws(CheckpointError) -> LoadedCheckpoint {
        let candidates = candidateFiles()
        guard !candidates.isEmpty else { throw .noCheckpoint(directory: directory.path) }
        var failures: [String] = []
        for name in candidates {
            guard let url = ownedFile(name) else {
                failures.append("'\(name)' is a symbolic link")
                warn(CheckpointWarning(file: name, message: "skipping '\(name)': it is a symbolic link, not a checkpoint Loom wrote in '\(directory.path)'"))
                continue
            }
            do {
                let checkpoint = try Checkpoint.load(contentsOf: url)
                return LoadedCheckpoint(url: url, checkpoint: checkpoint)
            } catch {
                failures.append(error.description)
                let fallback = name == candidates.last ? "no older checkpoint is left" : "trying the previous checkpoint"
                warn(CheckpointWarning(file: name, message: "skipping unreadable checkpoint: \(error.description); \(fallback)"))
            }
        }
        throw .noReadableCheckpoint(directory: directory.path, failures: failures)
    }

    /// Reads the checkpoint of `step` (no fallback).
    ///
    /// - Throws: ``CheckpointError/unknownStep(_:directory:kept:)`` when the store has no
    ///   such checkpoint, or the errors of ``Checkpoint/load(contentsOf:)``.
    public func load(step: Int) throws(CheckpointError) -> Checkpoint {
        let url = url(step: step)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .unknownStep(step, directory: directory.path, kept: checkpointSteps())
        }
        return try Checkpoint.load(contentsOf: url)
    }

    /// File names to try, most preferred first, without repeats.
    func candidateFiles() -> [String] {
        let index = currentIndex()
        let onDisk = checkpointSteps()
        let latestStep = index.checkpoints.last?.step ?? -1
        var ordered: [String] = []
        var seen = Set<String>()
        func add(_ name: String) { if seen.insert(name).inserted { ordered.append(name) } }
        for step in onDisk.reversed() where step > latestStep { add(Self.fileName(step: step)) }
        for entry in index.checkpoints.reversed() { add(entry.file) }
        for entry in index.preserved.reversed() { add(entry.file) }
        for step in onDisk.reversed() { add(Self.fileName(step: step)) }
        return ordered
    }
}
