import Foundation
import LoomDistributed
import LoomNN
import LoomTensor
import LoomTraining

/// The trainer on every rank: chief-only callbacks and monitors run once, on rank 0; only
/// rank 0 prints and writes files; the monitors see the losses averaged over the ranks.
func trainerChecks(_ runner: CheckRunner, directory: URL) throws {
    let communicator = runner.communicator
    let problem = SyntheticProblem(count: 512)
    let shard = DataShard(communicator)
    let perRank = 8
    try runner.check("chief-only files are written once, by rank 0") {
        let parallel = DataParallelClassifier(classifier: problem.mlp(seed: 5),
                                              optimizer: Optimizer.sgd(learningRate: 0.1), communicator: communicator)
        try parallel.synchronizeInitialState()
        var step = 0
        let backend = DataParallelClassifierBackend(parallel: parallel) {
            defer { step += 1 }
            return problem.batch(shard.positions(batch: step, perRank: perRank))
        }
        var saverRuns = 0.0
        let saver = LambdaCallback(name: "TestSaver", chiefOnly: true, trigger: { context in
            saverRuns += 1
            guard let logDirectory = context.logDirectory else { throw CheckFailure("the chief has no log directory") }
            let store = CheckpointStore(directory: logDirectory, warn: { _ in })
            _ = try store.save(Checkpoint(arrays: try context.backend.exportState(), globalStep: context.loop.globalStep,
                                          epoch: context.loop.epochNumber, createdAt: Date(timeIntervalSince1970: 0)))
        })
        let output = MemoryOutputSink()
        let environment = TrainingEnvironment(clock: SystemClock(), output: output, root: directory)
        let run = DistributedRun(communicator: communicator)
        let config = run.configure(TrainConfig(backend: backend, callbacks: [saver], stepsPerEpoch: 5, maxEpoch: 2,
                                               logLocation: .at("rank\(communicator.rank)"), logDirectoryAction: .delete,
                                               environment: environment))
        let result = try Trainer(config).train()
        guard result.globalStep == 10 else { return "ran \(result.globalStep) steps, expected 10" }
        var runs = [saverRuns]
        try communicator.allreduce(&runs, operation: .sum)
        guard runs[0] == 2 else { return "the chief-only saver ran \(runs[0]) times over all ranks, expected 2 (rank 0, each epoch)" }
        try communicator.barrier()
        let fileManager = FileManager.default
        if communicator.isChief {
            let chief = directory.appendingPathComponent("rank0")
            for name in ["stats.json", "checkpoint.json", "model-10.safetensors", "log.log"]
            where !fileManager.fileExists(atPath: chief.appendingPathComponent(name).path) {
                return "rank 0's log directory lacks \(name)"
            }
            for other in 1..<communicator.size where fileManager.fileExists(atPath: directory.appendingPathComponent("rank\(other)").path) {
                return "rank \(other) created a log directory"
            }
            guard output.text.contains("Log directory") else { return "rank 0 printed nothing" }
            let stats = try String(contentsOf: chief.appendingPathComponent("stats.json"), encoding: .utf8)
            guard stats.contains("\"cost\"") else { return "stats.json has no averaged cost: \(stats.prefix(200))" }
        } else {
            guard config.environment.output is NullOutputSink, !config.isChief else { return "rank \(communicator.rank) is not silenced" }
            guard output.text.isEmpty else { return "rank \(communicator.rank) printed \(output.text.prefix(120))" }
        }
        return nil
    }
}

/// A check's failure as an error.
struct CheckFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
