import Foundation
import LoomTraining

/// ``LoomTraining/AutoResume`` for a data-parallel job whose log directory only rank 0 has
/// (no shared file system needed): rank 0 finds and loads the latest checkpoint in its log
/// directory, then broadcasts the checkpoint file's bytes; every other rank loads the same
/// bytes (through a private temporary file, removed at once), so all ranks restore the same
/// arrays, counters, callback states and backend resume state (data position, generator).
///
/// ```swift
/// let run = try DistributedResume(communicator: communicator).autoResume(config, policy: .required)
/// ```
/// With `.never` nothing is sent. When rank 0 cannot resume it throws (and
/// ``DistributedRun`` ends the job); the other ranks are waiting in the broadcast.
public struct DistributedResume {
    /// The job's group.
    public let communicator: any Communicator
    /// Where non-chief ranks put their temporary copy (the system temporary directory by default).
    public let temporaryDirectory: URL

    /// Creates the helper.
    /// - Parameters:
    ///   - communicator: The job's group.
    ///   - temporaryDirectory: Where non-chief ranks put their temporary copy.
    public init(communicator: any Communicator, temporaryDirectory: URL = FileManager.default.temporaryDirectory) {
        self.communicator = communicator
        self.temporaryDirectory = temporaryDirectory
    }

    /// Prepares this rank's run of `config` (already configured for the rank, see
    /// ``DistributedRun/configure(_:verboseRanks:)``); every rank must call it.
    /// - Parameters:
    ///   - config: This rank's configuration.
    ///   - policy: The resume policy (the same on every rank).
    /// - Returns: The run, resumed from rank 0's checkpoint when rank 0 found one.
    /// - Throws: On rank 0 what ``LoomTraining/AutoResume/init(_:policy:checkpointDirectory:)``
    ///   throws; a transport error; on other ranks a file error of the temporary copy or an
    ///   error decoding the checkpoint.
    public func autoResume(_ config: TrainConfig, policy: ResumePolicy) throws -> AutoResume {
        guard policy != .never else { return try AutoResume(config, policy: .never) }
        if communicator.isChief {
            let run = try AutoResume(config, policy: policy)
            var name = Array((run.checkpoint?.url.lastPathComponent ?? "").utf8)
            var bytes = try run.checkpoint.map { [UInt8](try Data(contentsOf: $0.url)) } ?? []
            try communicator.broadcast(&name, root: 0)
            try communicator.broadcast(&bytes, root: 0)
            return run
        }
        var name: [UInt8] = []
        var bytes: [UInt8] = []
        try communicator.broadcast(&name, root: 0)
        try communicator.broadcast(&bytes, root: 0)
        guard !name.isEmpty else { return try AutoResume(config, policy: .never) }
        let directory = temporaryDirectory.appendingPathComponent("loom-resume-rank\(communicator.rank)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try AtomicFile.write(Data(bytes), to: directory.appendingPathComponent(String(decoding: name, as: UTF8.self)))
        return try AutoResume(config, policy: .required, checkpointDirectory: directory)
    }
}
