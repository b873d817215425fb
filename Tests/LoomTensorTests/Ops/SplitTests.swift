import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct SplitTests {
    @Test func splitsIntoConsecutivePieces() {
        let input = Tensor(shape: [2, 5], scalars: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        let pieces = input.split(sizes: [2, 0, 3], alongAxis: 1)
        #expect(pieces.map(\.shape) == [[2, 2], [2, 0], [2, 3]])
        #expect(pieces.map(\.scalars) == [[0, 1, 5, 6], [], [2, 3, 4, 7, 8, 9]])
        #expect(Tensor.concatenate(input.split(sizes: [1, 1], alongAxis: 0), alongAxis: 0).scalars == input.scalars)
        #expect(throws: ShapeError(op: "split", "sizes [2, 2] do not add up to 5, axis 1 of [2, 5]")) {
            try Tensor.validateSplit(shape: [2, 5], sizes: [2, 2], axis: -1)
        }
    }

    @Test func gradientsAssembleEveryPieceAndZerosForUnusedOnes() {
        let leaf = Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6]).requiringGradient()
        let pieces = leaf.split(sizes: [1, 1, 1], alongAxis: 0)
        (pieces[0] * 10 + pieces[2] * Tensor(shape: [1, 2], scalars: [7, 8])).sum().backward()
        #expect(leaf.grad?.scalars == [10, 10, 0, 0, 7, 8])
        // A second backward pass over the same pieces starts from a clean gradient.
        leaf.zeroGradient()
        (pieces[1] * 3).sum().backward()
        #expect(leaf.grad?.scalars == [0, 0, 3, 3, 0, 0])
        checkGradients([testValues([2, 3, 4], seed: 51)]) { values in
            let parts = values[0].split(sizes: [1, 2], alongAxis: 1)
            return Tensor.concatenate([parts[1].tanh(), parts[0] * parts[0]], alongAxis: 1)
        }
    }
}
