import LoomNN
import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct LossTests {
    @Test func softmaxCrossEntropyValueAndGradient() {
        let logits = Tensor(shape: [2, 3], scalars: [0, 0, 0, 1000, 0, -1000])
        let loss = Loss.softmaxCrossEntropy(logits: logits, labels: IndexTensor([1, 0]))
        #expect(close([loss.scalar], [0.5493061]))  // (log 3 + 0) / 2
        checkGradients([testValues([3, 4])]) { Loss.softmaxCrossEntropy(logits: $0[0], labels: IndexTensor([3, 0, 1])) }
    }

    @Test func binaryCrossEntropyWithLogits() {
        let loss = Loss.binaryCrossEntropy(logits: Tensor([0, 100, -100]), targets: Tensor([1, 1, 1]))
        // (log 2 + 0 + 100) / 3
        #expect(close([loss.scalar], [(0.6931472 + 100) / 3]))
        checkGradients([testValues([5]), Tensor([0, 1, 0.5, 1, 0])]) { Loss.binaryCrossEntropy(logits: $0[0], targets: $0[1]) }
    }

    @Test func meanSquaredError() {
        #expect(Loss.meanSquaredError(Tensor([1, 2, 3]), Tensor([1, 0, 0])).scalar == Float(13) / 3)
        checkGradients([testValues([2, 3]), testValues([2, 3], seed: 2)]) { Loss.meanSquaredError($0[0], $0[1]) }
    }

    @Test func l2RegularizationFiltersNames() {
        let weight = Parameter(Tensor([1, 2])), bias = Parameter(Tensor([10]))
        let named = [(name: "fc/W", parameter: weight), (name: "fc/b", parameter: bias)]
        let penalty = Loss.l2Regularization(named, weightDecay: 0.1)
        #expect(close([penalty.scalar], [0.25]))
        penalty.backward()
        #expect(close(weight.gradient?.scalars ?? [], [0.1, 0.2]))
        #expect(bias.gradient == nil)
        #expect(Loss.l2Regularization(named, weightDecay: 0.1) { $0.hasSuffix("/b") }.scalar == 5)
        #expect(Loss.isWeight("W") && Loss.isWeight("conv1/W") && !Loss.isWeight("bn/Wx"))
    }
}

@Suite struct MetricsTests {
    let logits = Tensor(shape: [3, 4], scalars: [
        0.1, 0.9, 0.5, 0.2,
        0.8, 0.1, 0.0, 0.3,
        0.2, 0.2, 0.2, 0.9,
    ])

    @Test func wrongTopOneAndTopK() {
        let labels = IndexTensor([1, 3, 0])
        #expect(Metrics.wrongTopK(logits: logits, labels: labels, k: 1).scalars == [0, 1, 1])
        #expect(Metrics.wrongTopK(logits: logits, labels: labels, k: 2).scalars == [0, 0, 0])
        // A tie at 0.2 for classes 0, 1, 2: top-2 is [3, 0] (lower index first), so 2 is wrong.
        #expect(Metrics.wrongTopK(logits: logits, labels: IndexTensor([1, 1, 2]), k: 2).scalars == [0, 1, 1])
        #expect(Metrics.wrongTopK(logits: logits, labels: labels, k: 10).scalars == [0, 0, 0])
        #expect(Metrics.wrongVectors(logits: logits, labels: labels, ks: [1, 2]) == [[0, 1, 1], [0, 0, 0]])
        #expect(close([Metrics.accuracy(logits: logits, labels: labels)], [1.0 / 3]))
    }

    /// The rank count agrees with membership in `topK`'s indices, ties, NaN and labels
    /// outside the classes included, for every k.
    @Test func wrongVectorsAgreeWithTopKIndices() {
        var generator = SeededGenerator(seed: 7)
        let rows = 300, classes = 7
        // Few distinct values, so that ties are common; some NaN and infinities.
        let palette: [Float] = [-.infinity, -1, 0, 0.5, 1, .infinity, .nan]
        let logits = Tensor(shape: [rows, classes], scalars: (0..<(rows * classes)).map { _ in
            palette[Int(generator.next() % UInt64(palette.count))]
        })
        let labels = IndexTensor((0..<rows).map { row in row % 50 == 0 ? classes + row % 3 - 1 : Int(generator.next() % UInt64(classes)) })
        let ks = Array(0...(classes + 1))
        let vectors = Metrics.wrongVectors(logits: logits, labels: labels, ks: ks)
        for (position, k) in ks.enumerated() {
            let depth = min(max(k, 1), classes)
            let top = logits.topK(depth, alongAxis: 1).indices
            let expected: [Float] = labels.indices.enumerated().map { row, label in
                top[(row * depth)..<((row + 1) * depth)].contains(label) ? 0 : 1
            }
            #expect(vectors[position] == expected, "k = \(k)")
        }
    }
}
