import Foundation
import LoomNN
import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct RegressionAndSequenceLossTests {
    @Test func meanAbsoluteError() {
        #expect(Loss.meanAbsoluteError(Tensor([1, 2, 3]), Tensor([1, 0, 5])).scalar == Float(4) / 3)
        checkGradients([testValues([2, 3], avoiding: 0.05)]) { Loss.meanAbsoluteError($0[0], Tensor(zeros: [2, 3])) }
    }

    @Test func huberIsQuadraticInsideDeltaAndLinearOutside() {
        // d = 0, 0.5, 3, 2 with delta 1: 0, 0.125, 2.5, 1.5.
        #expect(Loss.huber(Tensor([0, 0.5, 3, -2]), Tensor(zeros: [4])).scalar == 1.03125)
        // delta 2: 0, 0.125, 2·(3 − 1) = 4, 0.5·2² = 2.
        #expect(Loss.huber(Tensor([1, 1.5, 4, -1]), Tensor(ones: [4]), delta: 2).scalar == 1.53125)
        let leaf = Tensor([0.5, 3, -2]).requiringGradient()
        Loss.huber(leaf, Tensor(zeros: [3])).backward()
        #expect(close(leaf.grad?.scalars ?? [], [0.5 / 3, 1.0 / 3, -1.0 / 3]))
        checkGradients([Tensor([0.3, -0.7, 1.6, -2.4, 0.05, 4]), Tensor([0, 0.2, 0, 0.1, 0, -1])]) {
            Loss.huber($0[0], $0[1], delta: 1.5)
        }
    }

    @Test func binaryCrossEntropyWithLogitsHandValues() {
        // log(1 + e²), log(1 + e³), softplus(0.5) − 0.125, and the extremes 0 and 1000.
        let loss = Loss.binaryCrossEntropy(logits: Tensor([2, -3, 0.5, -1000, 1000]), targets: Tensor([0, 1, 0.25, 0, 0]))
        let expected: Float = (2.1269280 + 3.0485873 + (0.9740770 - 0.125) + 0 + 1000) / 5
        #expect(close([loss.scalar], [expected]))
        checkGradients([Tensor([2, -3, 0.5, -0.1, 1.2])]) {
            Loss.binaryCrossEntropy(logits: $0[0], targets: Tensor([0, 1, 0.25, 1, 0]))
        }
    }

    @Test func sequenceCrossEntropyAveragesOverUnmaskedTokens() {
        let logits = Tensor(shape: [1, 3, 3], scalars: [0, 0, 0, 1000, 0, -1000, 5, 5, 5]).requiringGradient()
        // Token 0: log 3; token 1: 0; token 2 is padding (its target -1 is ignored).
        let loss = Loss.sequenceCrossEntropy(logits: logits, targets: IndexTensor(shape: [1, 3], indices: [1, 0, -1]),
                                             mask: Tensor(shape: [1, 3], scalars: [1, 1, 0]))
        #expect(close([loss.scalar], [Float(Foundation.log(3.0)) / 2]))
        loss.backward()
        #expect(close(logits.grad?.scalars ?? [], [1.0 / 6, -1.0 / 3, 1.0 / 6, 0, 0, 0, 0, 0, 0]))
        let none = Loss.sequenceCrossEntropy(logits: logits, targets: IndexTensor(shape: [1, 3], indices: [9, 9, 9]),
                                             mask: Tensor(zeros: [1, 3]))
        #expect(none.scalar == 0)
    }

    @Test func sequenceCrossEntropyGradients() {
        let targets = IndexTensor(shape: [2, 3], indices: [0, 3, 1, 2, 2, -1])
        let mask = Tensor(shape: [2, 3], scalars: [1, 1, 0, 1, 1, 0])
        checkGradients([testValues([2, 3, 4], seed: 47)]) { Loss.sequenceCrossEntropy(logits: $0[0], targets: targets, mask: mask) }
        let unmasked = IndexTensor(shape: [2, 2], indices: [0, 3, 1, 2])
        let all = Loss.sequenceCrossEntropy(logits: testValues([2, 2, 4], seed: 48), targets: unmasked)
        let flat = Loss.softmaxCrossEntropy(logits: testValues([2, 2, 4], seed: 48).reshaped(to: [4, 4]), labels: IndexTensor([0, 3, 1, 2]))
        #expect(close([all.scalar], [flat.scalar]))
    }
}
