import Foundation

/// Writes every scalar to `<logdir>/stats.json` exactly as tensorpack does: a JSON array
/// of objects, each holding the scalars put since the previous flush (in first-put
/// order) plus `epoch_num` and `global_step`, e.g.
/// `[{"loss": 0.5, "epoch_num": 1, "global_step": 3}]`.
///
/// It flushes after each epoch and after each step except an epoch's last, only when
/// there is new data; each flush rewrites the whole file atomically (``AtomicFile``) on
/// the run's ``FileWriter``, so the training thread does not wait for the disk. A flush
/// syncs the file's bytes; its new name is made durable by the next directory sync in the
/// log directory (the checkpoint index's, which follows an epoch's flush: a flush before a
/// checkpoint is on disk before that checkpoint) or at the end of training. A failed write
/// ends training with its error at the next flush or at the end, as a write on the
/// training thread did.
/// On start, an existing `stats.json` whose last `epoch_num` + 1 equals the start epoch
/// (a resume) is appended to; any other existing file is renamed to
/// `stats.json.<MMdd-HHmmss>` and the backup is logged.
public final class JSONWriter: Monitor, StatefulCallback {
    /// The file name inside the log directory.
    public static let fileName = "stats.json"
    private var context: TrainerContext?
    private var url: URL?
    /// The objects written so far, joined: the file is `[` + body + `]`.
    private var body = ""
    private var writeError: (any Error)?
    private var pendingNames: [String] = []
    private var pendingValues: [String: Double] = [:]
    private var restoredPending: [(String, Double)] = []

    /// Creates the writer.
    public init() {}

    public var chiefOnly: Bool { true }
    public var stepEvents: StepEvents { .triggerStep }

    public func setUp(_ context: TrainerContext) throws {
        self.context = context
        url = context.logDirectory?.appendingPathComponent(Self.fileName)
        if url == nil { context.logger.warning("JSONWriter: the run has no log directory; stats.json is not written") }
    }

    public func beforeTrain() throws {
        guard let url, let context else { return }
        if FileManager.default.fileExists(atPath: url.path) { try adoptOrBackUp(url, context: context) }
        try flush()
        // Scalars put before a mid-epoch checkpoint but not yet written join the next entry,
        // as they would have in an uninterrupted run.
        for (name, value) in restoredPending { try process(scalar: value, name: name, globalStep: context.loop.globalStep) }
        restoredPending = []
    }

    public var stateKey: String { "JSONWriter" }

    /// The scalars put since the last flush (a checkpoint taken at an epoch's last step
    /// holds that step's values, which the epoch's entry has not written yet).
    public func exportState() throws -> StateValue {
        .object(["pending": .array(pendingNames.compactMap { name in
            pendingValues[name].map { StateValue.array([.string(name), .double($0)]) }
        })])
    }

    public func importState(_ state: StateValue) throws {
        restoredPending = try (state["pending"]?.arrayValue ?? []).map { item in
            guard let pair = item.arrayValue, pair.count == 2, let name = pair[0].stringValue, let value = pair[1].doubleValue else {
                throw StateDecodingError(owner: stateKey, message: "each pending entry must be [name, number], found \(item)")
            }
            return (name, value)
        }
    }

    private func adoptOrBackUp(_ url: URL, context: TrainerContext) throws {
        let bytes = (try? Data(contentsOf: url)).map { [UInt8]($0) } ?? []
        let startEpoch = context.loop.startEpoch
        if let entries = StatsFileEntries(bytes: bytes) {
            let lastEpoch = entries.objects.last?.value.member("epoch_num")?.intValue
            // It continues the file when its last entry is of the epoch before the start, or
            // (a run resumed in the middle of an epoch) of the start epoch itself.
            let continues = lastEpoch == startEpoch - 1 || (context.loop.startStepsIntoEpoch > 0 && lastEpoch == startEpoch)
            if entries.objects.isEmpty || continues {
                body = entries.objects.map { String(decoding: bytes[$0.range], as: UTF8.self) }.joined(separator: ", ")
                context.logger.info("Found existing \(Self.fileName) in \(url.deletingLastPathComponent().path); appending to it.")
                return
            }
            context.logger.warning("History epoch=\(lastEpoch.map(String.init) ?? "unknown") in \(Self.fileName) is not the predecessor of the current startEpoch=\(startEpoch).")
        } else {
            context.logger.warning("\(url.path) is not a JSON array of stats.")
        }
        let stamp = Formatting.timestamp(context.environment.clock.wallTime(), timeZone: context.environment.timeZone)
        var backup = url.path + "." + stamp
        var index = 1
        while FileManager.default.fileExists(atPath: backup) { backup = url.path + "." + stamp + "-\(index)"; index += 1 }
        do { try FileManager.default.moveItem(atPath: url.path, toPath: backup) } catch {
            throw TrainerError.logDirectory(path: url.path, operation: "back up \(Self.fileName) in", reason: "\(error)")
        }
        context.logger.warning("Training starts at epoch \(startEpoch); the old \(Self.fileName) was moved to \(backup).")
    }

    public func process(scalar value: Double, name: String, globalStep: Int) throws {
        if pendingValues.updateValue(value, forKey: name) == nil { pendingNames.append(name) }
    }

    public func triggerStep() throws {
        guard let loop = context?.loop, !loop.isLastStepOfEpoch else { return }
        try flush()
    }

    public func triggerEpoch() throws { try flush() }

    /// Waits for the last rewrite and makes its name durable; throws its error if it failed.
    public func afterTrain() throws {
        context?.fileWriter.waitUntilIdle()
        if let url { AtomicFile.syncDirectory(url.deletingLastPathComponent().path) }
        try throwWriteError()
    }

    private func throwWriteError() throws {
        guard let error = writeError else { return }
        writeError = nil
        throw error
    }

    /// Adds the pending scalars as one object and rewrites the file (only with new data).
    private func flush() throws {
        try throwWriteError()
        guard !pendingNames.isEmpty, let context else { return }
        let loop = context.loop
        var fields = pendingNames.compactMap { name in
            pendingValues[name].map { JSONText.string(name) + ": " + JSONText.number($0) }
        }
        fields.append("\"epoch_num\": \(loop.epochNumber)")
        fields.append("\"global_step\": \(loop.globalStep)")
        if !body.isEmpty { body += ", " }
        body += "{" + fields.joined(separator: ", ") + "}"
        pendingNames.removeAll(keepingCapacity: true)
        pendingValues.removeAll(keepingCapacity: true)
        guard let url else { return }
        let text = "[" + body + "]"
        context.fileWriter.submit({ () -> FileWriteError? in
            do throws(FileWriteError) { try AtomicFile.write(text, to: url, durability: .contents) } catch { return error }
            return nil
        }, completion: { [weak self] error in
            if let error, let self, self.writeError == nil { self.writeError = error }
        })
    }
}
