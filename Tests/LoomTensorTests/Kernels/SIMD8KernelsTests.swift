import Testing
import LoomTensor

@Suite struct SIMD8KernelsTests {
    private func sumOfSquares(_ values: [Float]) -> Double { values.withUnsafeBufferPointer { $0.sumOfSquares() } }

    private func exact(_ values: [Float]) -> Double { values.reduce(0.0) { $0 + Double($1) * Double($1) } }

    @Test(arguments: [0, 1, 7, 8, 9, 63, 64, 65, 255, 1000, 1_000_003])
    func sumOfSquaresMatchesDoubleAccumulation(count: Int) {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<count).map { _ in Float.random(in: -3...3, using: &generator) }
        let expected = exact(values)
        #expect(abs(sumOfSquares(values) - expected) <= 1e-6 * expected)
    }

    @Test func sumOfSquaresIsExactOnSmallIntegersAndKeepsNonFiniteValues() {
        #expect(sumOfSquares((1...300).map(Float.init)) == exact((1...300).map(Float.init)))
        #expect(sumOfSquares([1, .infinity, 2]) == .infinity)
        #expect(sumOfSquares([1, .nan, 2]).isNaN)
    }
}
