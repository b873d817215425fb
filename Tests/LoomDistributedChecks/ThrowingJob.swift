import LoomDistributed
import LoomNN

/// A job where `failingRank` throws after 3 steps while the other ranks go on into the
/// next allreduce: without ``DistributedRun`` they would wait there forever.
func throwingJob(communicator: any Communicator, failingRank: Int) throws {
    let problem = SyntheticProblem(count: 256)
    let shard = DataShard(communicator)
    let parallel = DataParallelClassifier(classifier: problem.mlp(seed: 1), optimizer: Optimizer.sgd(learningRate: 0.1),
                                          communicator: communicator)
    try parallel.synchronizeInitialState()
    for step in 0..<1_000_000 {
        if step == 3, communicator.rank == failingRank {
            throw CheckFailure("the data file shard-\(failingRank).bin is corrupt (deliberate test failure)")
        }
        let batch = problem.batch(shard.positions(batch: step % 8, perRank: 8))
        _ = try parallel.trainStep(images: batch.images, labels: batch.labels)
    }
}
