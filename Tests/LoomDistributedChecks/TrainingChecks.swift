import LoomDistributed
import LoomNN
import LoomTensor
import LoomTraining

/// Data-parallel training: identical replicas, and the same losses as one process with
/// the whole global batch.
func trainingChecks(_ runner: CheckRunner) throws {
    let communicator = runner.communicator
    let problem = SyntheticProblem(count: 512)
    let shard = DataShard(communicator)
    let perRank = 8

    try runner.check("replicas start from rank 0's weights and stay identical (MLP, 30 steps)") {
        // Each rank builds different initial weights on purpose.
        let parallel = DataParallelClassifier(classifier: problem.mlp(seed: UInt64(7 + communicator.rank)),
                                              optimizer: Optimizer.sgd(learningRate: 0.1, momentum: 0.9), communicator: communicator,
                                              bucketMegabytes: 0.002)
        if communicator.size > 1, try runner.agreed(parallel.stateFingerprint()) {
            return "replicas were identical before synchronizing: the check could not fail"
        }
        try parallel.synchronizeInitialState()
        guard try runner.agreed(parallel.stateFingerprint()) else { return "replicas differ after synchronizing" }
        for step in 0..<30 {
            let batch = problem.batch(shard.positions(batch: step, perRank: perRank))
            _ = try parallel.trainStep(images: batch.images, labels: batch.labels)
        }
        return try runner.agreed(parallel.stateFingerprint()) ? nil : "replicas differ after 30 steps"
    }

    try runner.check("BatchNorm moving statistics stay identical across ranks") {
        let parallel = DataParallelClassifier(classifier: problem.batchNormNet(seed: 3),
                                              optimizer: Optimizer.adam(learningRate: 0.01), communicator: communicator)
        try parallel.synchronizeInitialState()
        let before = parallel.classifier.model.namedBuffers().map { $0.buffer.value.scalars }
        for step in 0..<10 {
            let batch = problem.batch(shard.positions(batch: step, perRank: perRank))
            _ = try parallel.trainStep(images: batch.images, labels: batch.labels, runUpdateOps: step % 2 == 0)
        }
        let after = parallel.classifier.model.namedBuffers().map { $0.buffer.value.scalars }
        guard before != after else { return "the moving statistics never changed" }
        return try runner.agreed(parallel.stateFingerprint()) ? nil : "replicas differ after 10 steps with update ops"
    }

    try runner.check("N ranks with batch B reach the losses of 1 process with batch N×B") {
        let parallel = DataParallelClassifier(classifier: problem.mlp(seed: 11),
                                              optimizer: Optimizer.sgd(learningRate: 0.1, momentum: 0.9), communicator: communicator)
        try parallel.synchronizeInitialState()
        let reference = problem.mlp(seed: 11)
        let referenceOptimizer = Optimizer.sgd(learningRate: 0.1, momentum: 0.9)
        let globalBatch = perRank * communicator.size
        var worst: Float = 0
        var detail = ""
        for step in 0..<40 {
            let batch = problem.batch(shard.positions(batch: step, perRank: perRank))
            let (_, averaged) = try parallel.trainStep(images: batch.images, labels: batch.labels)
            let whole = problem.batch((step * globalBatch)..<((step + 1) * globalBatch))
            let expected = reference.trainStep(images: whole.images, labels: whole.labels, optimizer: referenceOptimizer)
            let difference = abs(averaged.cost - expected.cost)
            if difference > worst { worst = difference; detail = "step \(step): \(averaged.cost) vs \(expected.cost)" }
        }
        let first = problem.batch(0..<globalBatch)
        let finalLoss = reference.step(images: first.images, labels: first.labels, training: false).cost
        guard finalLoss < 1.0 else { return "the reference did not learn (loss \(finalLoss))" }
        let weights = zip(parallel.classifier.model.stateArrays(), reference.model.stateArrays())
            .map { pair in zip(pair.0.values, pair.1.values).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
        guard worst <= 1e-4 else { return "losses differ by \(worst) (\(detail))" }
        return weights <= 1e-4 ? nil : "final weights differ by up to \(weights)"
    }

    try runner.check("the data-parallel classifier backend keeps BatchNorm replicas identical") {
        let parallel = DataParallelClassifier(classifier: problem.batchNormNet(seed: 4),
                                              optimizer: Optimizer.adam(learningRate: 0.01), communicator: communicator)
        try parallel.synchronizeInitialState()
        var step = 0
        let backend = DataParallelClassifierBackend(parallel: parallel) {
            defer { step += 1 }
            return problem.batch(shard.positions(batch: step, perRank: perRank))
        }
        let before = parallel.classifier.model.namedBuffers().map { $0.buffer.value.scalars }
        for index in 0..<10 {
            // The ranks disagree on the update ops at every step (with 2+ ranks): any rank's
            // request runs them everywhere, or the replicas drift apart.
            let request = StepRequest(fetches: ["cost", "wrong-top1"], runUpdateOps: (index + communicator.rank) % 2 == 0)
            let outputs = try backend.runStep(request)
            guard let cost = outputs.scalar("cost"), try runner.agreed(cost) else { return "step \(index): the averaged cost differs" }
            guard case let .array(shape, _)? = outputs["wrong-top1"], shape == [perRank] else { return "no per-rank wrong-top1" }
        }
        let after = parallel.classifier.model.namedBuffers().map { $0.buffer.value.scalars }
        guard before != after else { return "the moving statistics never changed" }
        return try runner.agreed(parallel.stateFingerprint()) ? nil : "replicas differ after 10 backend steps"
    }
}
