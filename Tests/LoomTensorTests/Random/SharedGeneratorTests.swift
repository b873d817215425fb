import LoomTensor
import Testing

/// LoomTensor's random tensors draw from LoomRandom's generator, re-exported by `import LoomTensor`.
@Suite struct SharedGeneratorTests {
    @Test func importingLoomTensorGivesThePinnedGenerator() {
        var generator = SeededGenerator(seed: 42)
        #expect([generator.next(), generator.next()] == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E])
    }

    @Test func uniformTensorUsesTheTop24BitsOfEachDraw() {
        var generator = SeededGenerator(seed: 42)
        let tensor = Tensor(randomUniform: [2], using: &generator)
        #expect(tensor.scalars == [Float(0x1578_0B2E_0C2E_C716 >> 40) * 0x1p-24, Float(0x6104_D986_6D11_3A7E >> 40) * 0x1p-24])
    }
}
