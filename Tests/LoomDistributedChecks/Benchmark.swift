import Foundation
import LoomDistributed
import LoomNN
import LoomTensor

/// Allreduce bandwidth of 1 Mi floats, and data-parallel steps/s of the MLP and LeNet
/// (batch 64 per rank, 1 kernel thread per rank). Rank 0 prints one line per figure.
func benchmark(communicator: any Communicator) throws {
    Kernels.threadCount = 1
    var buffer = [Float](repeating: 1, count: 1 << 20)
    var times: [Double] = []
    for _ in 0..<25 {
        try communicator.barrier()
        let start = DispatchTime.now().uptimeNanoseconds
        try communicator.allreduceSum(&buffer)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    let allreduce = median(Array(times.dropFirst(5)))
    if communicator.isChief, communicator.size > 1 {
        print(String(format: "allreduce 1Mi floats, %d ranks: %.3f ms median, %.2f GB/s", communicator.size, allreduce * 1e3,
                     4.0 * Double(1 << 20) / allreduce / 1e9))
    }
    let models: [(String, () throws -> ClassifierModel)] = [
        ("mlp", { Zoo.mlp(inputShape: [1, 28, 28], classes: 10, seed: 1) }),
        ("lenet", { try Zoo.lenet(inputShape: [1, 28, 28], classes: 10, seed: 1) }),
    ]
    let perRank = 64
    let images = Tensor(repeating: 0.5, shape: [perRank, 1, 28, 28])
    let labels = (0..<perRank).map { Int32($0 % 10) }
    for (name, build) in models {
        let parallel = DataParallelClassifier(classifier: try build(), optimizer: Optimizer.sgd(learningRate: 0.01, momentum: 0.9),
                                              communicator: communicator)
        try parallel.synchronizeInitialState()
        let steps = name == "mlp" ? 30 : 8
        for _ in 0..<3 { _ = try parallel.trainStep(images: images, labels: labels) }
        var rates: [Double] = []
        for _ in 0..<3 {
            try communicator.barrier()
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<steps { _ = try parallel.trainStep(images: images, labels: labels) }
            rates.append(Double(steps) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        let rate = median(rates)
        if communicator.isChief {
            print(String(format: "%@ batch %d/rank, %d ranks, 1 thread each: %.1f steps/s, %.0f samples/s", name, perRank,
                         communicator.size, rate, rate * Double(perRank * communicator.size)))
        }
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}
