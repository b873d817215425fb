import Foundation
import LoomData
import Testing

/// LoomData's random choices come from LoomRandom's generator, re-exported by `import LoomData`.
@Suite struct SharedGeneratorTests {
    @Test func importingLoomDataGivesThePinnedGenerator() {
        var generator = SeededGenerator(seed: 42)
        #expect([generator.next(), generator.next()] == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E])
    }

    @Test func shuffleOrderIsThePinnedPermutation() throws {
        // The first pass's order is seed 42's first permutation, as before the generator moved to LoomRandom.
        let shuffled = ShuffleData(try numbers(10), seed: 42)
        #expect(values(try shuffled.collect()) == [9, 1, 4, 2, 8, 7, 6, 5, 3, 0])
    }

    @Test func restoringDamagedGeneratorWordsIsAStateMismatch() throws {
        let shuffled = ShuffleData(try numbers(4), seed: 1)
        var state = shuffled.state
        state.rng = [0, 0, 0, 0]
        #expect(throws: DataFlowError.stateMismatch(
            expected: "4 nonzero generator words",
            found: "[0, 0, 0, 0] (random generator state: all four words are zero, which xoshiro256** cannot use; the checkpoint is damaged)")) {
            try shuffled.restore(state)
        }
        state.rng = [1, 2]
        #expect(throws: DataFlowError.self) { try shuffled.restore(state) }
    }
}
