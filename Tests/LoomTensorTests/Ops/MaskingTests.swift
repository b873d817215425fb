import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct MaskingTests {
    @Test func fillingReplacesMaskedElementsWithBroadcasting() {
        let input = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let mask = Tensor(shape: [1, 3], scalars: [0, 1, 0])
        #expect(input.filling(where: mask, with: -7).scalars == [1, -7, 3, 4, -7, 6])
        #expect(input.filling(where: Tensor(shape: [2, 3], scalars: [1, 0, 0, 0, 0, 1]), with: 0).scalars == [0, 2, 3, 4, 5, 0])
    }

    @Test func fillingGradientIsZeroWhereMasked() {
        let mask = Tensor(shape: [3, 1], scalars: [1, 0, 1])
        checkGradients([testValues([3, 4])]) { $0[0].filling(where: mask, with: 2.5) * $0[0] }
        let leaf = Tensor(shape: [3], scalars: [1, 2, 3]).requiringGradient()
        (leaf.filling(where: Tensor([0, 1, 0]), with: 9) * Tensor([10, 20, 30])).sum().backward()
        #expect(leaf.grad?.scalars == [10, 0, 30])
    }

    @Test func minusInfinityBeforeSoftmaxGivesExactZeros() {
        let scores = Tensor(shape: [2, 3], scalars: [1, 2, 3, 1000, -1000, 5]).requiringGradient()
        let mask = Tensor(shape: [2, 3], scalars: [0, 1, 1, 0, 0, 1])
        let weights = scores.filling(where: mask, with: -.infinity).softmax(alongAxis: 1)
        #expect(weights.scalars == [1, 0, 0, 1, 0, 0])
        (weights * Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])).sum().backward()
        #expect(scores.grad?.scalars.allSatisfy { $0.isFinite } == true)
        #expect(scores.grad?.scalars[1] == 0 && scores.grad?.scalars[5] == 0)
    }
}
