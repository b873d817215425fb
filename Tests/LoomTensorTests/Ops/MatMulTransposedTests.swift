import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct MatMulTransposedTests {
    @Test func matchesExplicitTransposes() {
        let a = testValues([2, 3, 4], seed: 61), b = testValues([2, 4, 5], seed: 62)
        let reference = Tensor.matmul(a, b).scalars
        let at = a.transposed(), bt = b.transposed()
        #expect(close(Tensor.matmul(a, b, transposeA: false, transposeB: false).scalars, reference))
        #expect(close(Tensor.matmul(at, b, transposeA: true, transposeB: false).scalars, reference))
        #expect(close(Tensor.matmul(a, bt, transposeA: false, transposeB: true).scalars, reference))
        #expect(close(Tensor.matmul(at, bt, transposeA: true, transposeB: true).scalars, reference))
        let plain = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        #expect(Tensor.matmul(plain, plain, transposeA: false, transposeB: true).scalars == [5, 11, 11, 25])
        #expect(Tensor.matmul(plain, plain, transposeA: true, transposeB: false).scalars == [10, 14, 14, 20])
    }

    @Test func shapeErrors() throws {
        #expect(throws: ShapeError(op: "matmul", "[2, 3]ᵀ and [2, 3]ᵀ: inner dimensions 2 and 3 differ")) {
            try Tensor.matmulShape([2, 3], [2, 3], transposeA: true, transposeB: true)
        }
        #expect(throws: ShapeError(op: "matmul", "[2, 3] and [3, 2]ᵀ: inner dimensions 3 and 2 differ")) {
            try Tensor.matmulShape([2, 3], [3, 2], transposeA: false, transposeB: true)
        }
        #expect(throws: ShapeError(op: "matmul", "[2, 3] and [2, 3]: inner dimensions 3 and 2 differ")) {
            try Tensor.matmulShape([2, 3], [2, 3], transposeA: false, transposeB: false)
        }
        #expect(throws: ShapeError(op: "matmul", "[2, 2, 3] and [3, 4]: transposed operands need the same rank ≥ 2 and batch dimensions")) {
            try Tensor.matmulShape([2, 2, 3], [3, 4], transposeA: false, transposeB: false)
        }
        #expect(try Tensor.matmulShape([5, 3, 2], [5, 4, 3], transposeA: true, transposeB: true) == [5, 2, 4])
    }

    @Test func gradientsForEveryTransposeCombination() {
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = testValues(transposeA ? [2, 4, 3] : [2, 3, 4], seed: 63)
            let b = testValues(transposeB ? [2, 5, 4] : [2, 4, 5], seed: 64)
            checkGradients([a, b]) { Tensor.matmul($0[0], $0[1], transposeA: transposeA, transposeB: transposeB) }
            checkGradients([a.slice(alongAxis: 0, 0..<1).squeezed(axes: [0]), b.slice(alongAxis: 0, 0..<1).squeezed(axes: [0])]) {
                Tensor.matmul($0[0], $0[1], transposeA: transposeA, transposeB: transposeB)
            }
        }
    }
}
