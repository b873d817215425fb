#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LoomTraining

/// Runs one rank of a distributed job so that it either finishes on every rank or ends the
/// whole job: an error on any rank is written (with the rank) to the error output, then the
/// job is aborted with exit status 1, so the other ranks never wait forever in a collective.
public struct DistributedRun {
    /// The job's group.
    public let communicator: any Communicator
    /// Where a failing rank writes its message (standard error by default).
    public let errorOutput: any OutputSink

    /// Creates a run.
    /// - Parameters:
    ///   - communicator: The job's group.
    ///   - errorOutput: Where error messages go.
    public init(communicator: any Communicator, errorOutput: any OutputSink = StandardOutputSink(descriptor: STDERR_FILENO)) {
        self.communicator = communicator
        self.errorOutput = errorOutput
    }

    /// Runs `body`; on an error, logs `rank R of N failed: <message>` and aborts the job.
    /// - Parameter body: This rank's work.
    /// - Returns: `body`'s result.
    public func run<Result>(_ body: () throws -> Result) -> Result {
        do {
            return try body()
        } catch {
            errorOutput.write("loom: rank \(communicator.rank) of \(communicator.size) failed: \(error)\n")
            communicator.abort(code: 1)
        }
    }

    /// Prepares `config` for this rank: `isChief` from the rank (chief-only callbacks and
    /// monitors, such as savers and the stats.json writer, run on rank 0 only). Other ranks
    /// print nothing (their output goes to a null sink) unless `verboseRanks` is set, and
    /// keep no log directory, so every shared file is written once, by rank 0.
    /// - Parameters:
    ///   - config: The configuration every rank built the same way.
    ///   - verboseRanks: Whether non-chief ranks keep their printed output.
    /// - Returns: The configuration for this rank.
    public func configure(_ config: TrainConfig, verboseRanks: Bool = false) -> TrainConfig {
        var config = config
        config.isChief = communicator.isChief
        if !communicator.isChief {
            config.logLocation = .none
            if !verboseRanks { config.environment.output = NullOutputSink() }
            config.environment.handlesInterrupts = false
        }
        return config
    }
}
