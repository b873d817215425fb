import LoomTensor

extension KernelsBenchmark {
    /// Every op on the CNN's critical path at one thread and at each larger count in
    /// `threadCounts`, the counts alternated sample by sample (so a load change hits all
    /// alike): milliseconds per call and the ratio to one thread (below 1 is faster).
    func addThreadScaling(to report: inout BenchReport, threadCounts: [Int]) {
        let counts = [1] + threadCounts.filter { $0 > 1 }
        guard counts.count > 1 else { return }
        var generator = SeededGenerator(seed: 3)
        let large = Tensor(randomNormal: [1 << 20], using: &generator), other = Tensor(randomNormal: [1 << 20], using: &generator)
        let huge = Tensor(randomNormal: [1 << 24], using: &generator), hugeOther = Tensor(randomNormal: [1 << 24], using: &generator)
        let logits = Tensor(randomNormal: [1024, 1000], using: &generator)
        let maps = Tensor(randomNormal: [64, 32, 24, 24], using: &generator)
        let validationMaps = Tensor(randomNormal: [250, 32, 24, 24], using: &generator)
        let batch = Tensor(randomNormal: [250, 32, 12, 12], using: &generator)
        let filters = Tensor(randomNormal: [64, 32, 5, 5], standardDeviation: 0.05, using: &generator)
        let hidden = Tensor(randomNormal: [64, 32, 12, 12], using: &generator).requiringGradient()
        let trained = filters.requiringGradient()
        let recordedMaps = maps.requiringGradient()
        let digits = Tensor(randomNormal: [64, 1, 28, 28], using: &generator)
        let firstFilters = Tensor(randomNormal: [32, 1, 5, 5], standardDeviation: 0.2, using: &generator).requiringGradient()
        let ops: [(String, () -> Void)] = [
            ("add 1M", { _ = large + other }),
            ("add 16M", { _ = huge + hugeOther }),
            ("relu 16M", { _ = huge.relu() }),
            ("relu 1M", { _ = large.relu() }),
            ("exp 1M", { _ = large.exp() }),
            ("sum 1M", { _ = large.sum() }),
            ("softmax 1024x1000", { _ = logits.softmax() }),
            ("maxpool 2x2 64x32x24x24", { _ = Tensor.maxPool2d(maps, kernel: (2, 2)) }),
            ("maxpool 2x2 250x32x24x24", { _ = Tensor.maxPool2d(validationMaps, kernel: (2, 2)) }),
            ("maxpool 2x2 64x32x24x24 recording winners", { _ = Tensor.maxPool2d(recordedMaps, kernel: (2, 2)) }),
            ("maxpool 2x2 64x32x24x24 fwd+bwd", {
                recordedMaps.zeroGradient()
                Tensor.maxPool2d(recordedMaps, kernel: (2, 2)).sum().backward()
            }),
            ("conv2d lenet1 fwd+bwd (weights only), 64 images", {
                firstFilters.zeroGradient()
                Tensor.conv2d(digits, firstFilters).sum().backward()
            }),
            ("conv2d cnn2 forward, 250 images", { _ = Tensor.conv2d(batch, filters) }),
            ("conv2d cnn2 fwd+bwd, 64 images", {
                hidden.zeroGradient()
                trained.zeroGradient()
                Tensor.conv2d(hidden, trained).sum().backward()
            }),
        ]
        for (name, op) in ops {
            let samples = interleaved(counts.map { count in { Kernels.threadCount = count; op() } })
            var fields: [(String, BenchValue)] = [("1t ms", .number(median(samples[0]) * 1e3, digits: 3))]
            for (index, count) in counts.enumerated().dropFirst() {
                fields.append(("\(count)t ms", .number(median(samples[index]) * 1e3, digits: 3)))
                fields.append(("\(count)t/1t", .number(median(samples[index]) / median(samples[0]), digits: 2)))
            }
            report.add("threads: \(name)", fields)
        }
        Kernels.threadCount = 1
    }
}
