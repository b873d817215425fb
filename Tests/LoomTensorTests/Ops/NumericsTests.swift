import LoomTensor
import Testing

@Suite struct NumericsTests {
    @Test func softmaxWithLargeLogits() {
        let logits = Tensor(shape: [2, 3], scalars: [1000, 0, -1000, -1000, -1000, -999])
        let probabilities = logits.softmax(alongAxis: 1).scalars
        #expect(probabilities.allSatisfy { $0.isFinite })
        #expect(close(probabilities, [1, 0, 0, 0.21194156, 0.21194156, 0.57611688], tolerance: 1e-6))
        let logProbabilities = logits.logSoftmax(alongAxis: 1).scalars
        #expect(close(logProbabilities, [0, -1000, -2000, -1.5514447, -1.5514447, -0.5514447], tolerance: 1e-6))
        let loss = Tensor.softmaxCrossEntropy(logits: logits.requiringGradient(), labels: IndexTensor([2, 2]))
        #expect(close([loss.scalar], [(2000 + 0.5514447) / 2], tolerance: 1e-6))
    }

    @Test func softmaxRowsSumToOne() {
        let logits = testValues([4, 7], seed: 3, in: -5...5)
        let sums = logits.softmax(alongAxis: 1).sum(alongAxes: [1]).scalars
        #expect(close(sums, [1, 1, 1, 1], tolerance: 1e-6))
    }

    @Test func expAndLogEdges() {
        #expect(Tensor([-1000, 1000, 0]).exp().scalars == [0, .infinity, 1])
        #expect(Tensor([Float.nan]).exp().scalars[0].isNaN)
        #expect(Tensor([0]).log().scalars == [-.infinity])
        #expect(Tensor([-1000, 1000]).sigmoid().scalars == [0, 1])
        #expect(Tensor([-1000, 1000]).tanh().scalars == [-1, 1])
        #expect(Tensor([1000]).softplus().scalars == [1000])
    }
}
