import LoomNN
import LoomTensor
import Testing

@Suite struct DropoutTests {
    @Test func trainingMaskComesFromTheModelGeneratorAndEvaluationIsIdentity() throws {
        let model = Model(Dropout(rate: 0.5), seed: 42)
        let input = Tensor(ones: [1, 64])
        let saved = model.randomState
        let first = model(input).scalars
        #expect(Set(first) == [0, 2])
        #expect(first.filter { $0 == 2 }.count > 16 && first.filter { $0 == 2 }.count < 48)
        let second = model(input).scalars
        #expect(first != second)
        try model.restoreRandomState(saved)
        #expect(model(input).scalars == first)
        model.isTraining = false
        #expect(model(input).scalars == input.scalars)
    }

    @Test func badRandomStateIsRejected() {
        let model = Model(Dropout(rate: 0.1))
        #expect(throws: StateError.self) { try model.restoreRandomState([1, 2]) }
        #expect(throws: StateError.self) { try model.restoreRandomState([0, 0, 0, 0]) }
    }
}
