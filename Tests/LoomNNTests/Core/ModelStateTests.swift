import LoomNN
import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct ModelStateTests {
    func makeModel(seed: UInt64) -> Model {
        var generator = SeededGenerator(seed: seed)
        return Model(Sequential([
            ("conv1", Conv2D(inputChannels: 1, outputChannels: 2, kernelSize: (3, 3), generator: &generator)),
            ("bn1", BatchNorm(features: 2)),
            ("flatten", Flatten()),
            ("fc", Dense(inputSize: 8, outputSize: 3, generator: &generator)),
        ]))
    }

    @Test func stateArraysAreNamedAndShaped() {
        let model = makeModel(seed: 1)
        let state = model.stateArrays()
        #expect(state.map(\.name) == ["conv1/W", "conv1/b", "bn1/gamma", "bn1/beta", "fc/W", "fc/b", "bn1/mean/EMA", "bn1/variance/EMA"])
        #expect(state.map(\.shape) == [[2, 1, 3, 3], [2], [2], [2], [8, 3], [3], [2], [2]])
        #expect(model.parameterCount == 18 + 2 + 2 + 2 + 24 + 3)
    }

    @Test func loadRoundTripsAndKeepsParametersTrainable() throws {
        let source = makeModel(seed: 1), target = makeModel(seed: 2)
        #expect(source.stateArrays() != target.stateArrays())
        try target.load(source.stateArrays())
        #expect(source.stateArrays() == target.stateArrays())
        #expect(target.namedParameters().allSatisfy { $0.parameter.value.isGradientLeaf })
    }

    @Test func copyStateCopiesEveryValueAndLeavesTheSourceAlone() throws {
        let source = makeModel(seed: 1), target = makeModel(seed: 2)
        let sourceState = source.stateArrays()
        try target.copyState(from: source)
        #expect(target.stateArrays() == sourceState)
        #expect(target.namedParameters().allSatisfy { $0.parameter.value.isGradientLeaf })
        // The copy owns its values: writing the target changes nothing in the source.
        target.namedParameters()[0].parameter.assign([Float](repeating: 9, count: 18))
        #expect(source.stateArrays() == sourceState)
    }

    @Test func copyStateFromAnotherArchitectureIsRefusedWithoutAChange() {
        let target = makeModel(seed: 2)
        let before = target.stateArrays()
        var generator = SeededGenerator(seed: 3)
        let wider = Model(Sequential([
            ("conv1", Conv2D(inputChannels: 1, outputChannels: 2, kernelSize: (2, 2), generator: &generator)),
            ("bn1", BatchNorm(features: 2)),
            ("flatten", Flatten()),
            ("fc", Dense(inputSize: 8, outputSize: 3, generator: &generator)),
        ]))
        #expect(throws: StateError.shapeMismatch(name: "conv1/W", expected: [2, 1, 3, 3], found: [2, 1, 2, 2])) {
            try target.copyState(from: wider)
        }
        let renamed = Model(Sequential([("fc", Dense(inputSize: 8, outputSize: 3, generator: &generator))]))
        #expect(throws: StateError.self) { try target.copyState(from: renamed) }
        #expect(target.stateArrays() == before)
    }

    @Test func loadErrorsNameTheProblem() {
        let model = makeModel(seed: 1)
        var state = model.stateArrays()
        let removed = state.removeLast()
        #expect(throws: StateError.missing(["bn1/variance/EMA"], available: state.map(\.name))) { try model.load(state) }
        state.append(removed)
        state.append(StateArray(name: "extra", shape: [1], values: [0]))
        #expect(throws: StateError.self) { try model.load(state) }
        try? model.load(state, strict: false)
        state.removeLast()
        state[0] = StateArray(name: "conv1/W", shape: [2, 1, 2, 2], values: [Float](repeating: 0, count: 8))
        #expect(throws: StateError.shapeMismatch(name: "conv1/W", expected: [2, 1, 3, 3], found: [2, 1, 2, 2])) { try model.load(state) }
        #expect(StateError.shapeMismatch(name: "conv1/W", expected: [2], found: [3]).description
            == "state array 'conv1/W' has shape [3] but the model expects [2]; was the model built with other sizes?")
    }

    @Test func activationsAreRecordedOnlyWhenAsked() {
        let model = makeModel(seed: 1)
        _ = model(testValues([1, 1, 2, 2]))
        #expect(model.context.activations.isEmpty)
        model.context.recordsActivations = true
        _ = model(testValues([1, 1, 2, 2]))
        #expect(model.context.activations.map(\.name) == ["conv1", "bn1", "flatten", "fc"])
        #expect(model.weightHistogramValues().map(\.name) == model.stateNames)
    }
}
