// Trains an MLP on synthetic data, data-parallel over the ranks of an MPI job:
//
//   swift build --traits MPI --product distributed-mlp
//   mpirun -np 2 .build/debug/distributed-mlp [EPOCHS (default 3)]
//
// Built without the `MPI` trait it trains in one process. Rank 0 prints and writes
// train_log/distributed-mlp (stats.json, log.log); other ranks are silent. `--help` lists
// the arguments.
import ArgumentParser
import Foundation
import LoomDistributed
import LoomNN
import LoomTensor
import LoomTraining

@main struct DistributedMLP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distributed-mlp",
        abstract: "Trains an MLP on synthetic data, data-parallel over the ranks of an MPI job (mpirun -np N; a build with --traits MPI).")

    @Argument(help: "Train until this epoch.") var epochs = 3

    func validate() throws {
        guard epochs > 0 else { throw ValidationError("<epochs> needs a positive integer, got \(epochs)") }
    }

    func run() throws {
        #if MPI
        let communicator: any Communicator
        do { communicator = try MPICommunicator() } catch {
            FileHandle.standardError.write(Data("distributed-mlp: cannot start MPI: \(error)\n".utf8))
            throw ExitCode.failure
        }
        #else
        let communicator: any Communicator = SingleProcessCommunicator()
        #endif

        let epochs = epochs
        let run = DistributedRun(communicator: communicator)
        let result = run.run {
            // 2048 samples, 32 features, 4 classes: class k raises the features k, k+4, ...
            var generator = SeededGenerator(seed: 42)
            let sampleCount = 2048, features = 32, perRank = 32
            let labels = (0..<sampleCount).map { _ in Int32.random(in: 0..<4, using: &generator) }
            let pixels = labels.flatMap { label in
                (0..<features).map { feature in (feature % 4 == Int(label) ? 1 : 0) + Float.random(in: -1...1, using: &generator) }
            }
            let shard = DataShard(communicator)
            let stepsPerEpoch = shard.batchesPerEpoch(sampleCount: sampleCount, perRank: perRank)
            var step = 0
            let parallel = DataParallelClassifier(
                classifier: Zoo.mlp(inputShape: [features], classes: 4, hidden: [64, 64], seed: 1),
                optimizer: Optimizer.sgd(learningRate: 0.05, momentum: 0.9), communicator: communicator)
            try parallel.synchronizeInitialState()
            let backend = DataParallelClassifierBackend(parallel: parallel) {
                defer { step += 1 }
                let positions = shard.positions(batch: step % stepsPerEpoch, perRank: perRank)
                let images = positions.flatMap { pixels[($0 * features)..<(($0 + 1) * features)] }
                return (Tensor(shape: [perRank, features], scalars: Array(images)), Array(labels[positions]))
            }
            let config = run.configure(TrainConfig(backend: backend, stepsPerEpoch: stepsPerEpoch, maxEpoch: epochs,
                                                   name: "distributed-mlp", logDirectoryAction: .delete))
            return try Trainer(config).train()
        }
        if communicator.isChief { print("finished: \(result.globalStep) steps on \(communicator.size) rank(s)") }
        #if MPI
        if let mpi = communicator as? MPICommunicator { try? mpi.finalize() }
        #endif
    }
}
