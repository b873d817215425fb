import LoomTensor
import Testing

@Suite struct RandomTests {
    @Test func sameSeedSameValues() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = Tensor(randomNormal: [5], using: &a), second = Tensor(randomNormal: [5], using: &b)
        #expect(first.scalars == second.scalars)
        #expect(first.scalars != Tensor(randomNormal: [5], using: &c).scalars)
    }

    @Test func stateRestoreContinuesIdentically() throws {
        var generator = SeededGenerator(seed: 7)
        _ = Tensor(randomUniform: [3], using: &generator)
        let saved = generator.state
        let expected = Tensor(truncatedNormal: [10], using: &generator).scalars + [Float(generator.next() % 1000)]
        var restored = try SeededGenerator(state: saved)
        let actual = Tensor(truncatedNormal: [10], using: &restored).scalars + [Float(restored.next() % 1000)]
        #expect(actual == expected)
        #expect(throws: RandomStateError.wrongWordCount(3)) { try SeededGenerator(state: [1, 2, 3]) }
        #expect(throws: RandomStateError.allZero) { try SeededGenerator(state: [0, 0, 0, 0]) }
    }

    @Test func distributions() {
        var generator = SeededGenerator(seed: 1)
        let normal = Tensor(randomNormal: [20000], mean: 1, standardDeviation: 2, using: &generator)
        #expect(abs(normal.mean().scalar - 1) < 0.05)
        #expect(abs(normal.variance(alongAxes: [0]).scalar.squareRoot() - 2) < 0.05)
        let truncated = Tensor(truncatedNormal: [5000], standardDeviation: 0.5, using: &generator)
        #expect(truncated.abs().max().scalar <= 1)
        let uniform = Tensor(randomUniform: [5000], in: -1...3, using: &generator)
        #expect(uniform.min().scalar >= -1 && uniform.max().scalar < 3)
        let mask = Tensor(dropoutMask: [10000], keepProbability: 0.8, using: &generator)
        #expect(Set(mask.scalars) == [0, 1.25])
        #expect(abs(mask.mean().scalar - 1) < 0.03)
    }
}
