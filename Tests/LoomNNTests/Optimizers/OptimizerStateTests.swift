import LoomNN
import LoomTensor
import Testing

@Suite struct OptimizerStateTests {
    @Test func hyperparametersByName() throws {
        let optimizer = Optimizer.sgd(learningRate: 0.1, momentum: 0.9)
        #expect(optimizer.hyperparameterNames == ["learning_rate", "momentum", "weight_decay", "clip_norm"])
        #expect(try optimizer.hyperparameter("learning_rate") == 0.1)
        try optimizer.setHyperparameter("learning_rate", 0.01)
        #expect(try optimizer.hyperparameter("learning_rate") == 0.01)
        #expect(Optimizer.adam().hyperparameterNames == ["learning_rate", "beta1", "beta2", "epsilon", "clip_norm"])
        #expect(Optimizer.adamW().hyperparameterNames == ["learning_rate", "beta1", "beta2", "epsilon", "weight_decay", "clip_norm"])
        #expect(Optimizer.rmsProp().hyperparameterNames == ["learning_rate", "decay", "momentum", "epsilon", "clip_norm"])
    }

    @Test func unknownOrInvalidHyperparametersAreErrors() {
        let optimizer = Optimizer.sgd(learningRate: 0.1)
        #expect(throws: OptimizerError.unknownHyperparameter("beta1", known: ["learning_rate", "momentum", "weight_decay", "clip_norm"])) {
            try optimizer.setHyperparameter("beta1", 0.5)
        }
        #expect(OptimizerError.unknownHyperparameter("lr", known: ["learning_rate", "momentum"]).description
            == "optimizer has no hyperparameter 'lr'; known: learning_rate, momentum")
        #expect(throws: OptimizerError.self) { try optimizer.setHyperparameter("learning_rate", -1) }
        #expect(throws: OptimizerError.self) { try Optimizer.adam().setHyperparameter("beta1", 1) }
    }

    /// Trains a small model for three steps, saves model and optimizer state, restores both into
    /// fresh objects, and checks that the next step gives bit-identical parameters.
    @Test(arguments: [0, 1, 2, 3])
    func exportImportRoundTripGivesIdenticalNextStep(_ which: Int) throws {
        func makeOptimizer() -> Optimizer {
            switch which {
            case 0: return .sgd(learningRate: 0.05, momentum: 0.9, nesterov: true)
            case 1: return .adam(learningRate: 0.01)
            case 2: return .adamW(learningRate: 0.01)
            default: return .rmsProp(learningRate: 0.01, momentum: 0.5)
            }
        }
        let images = testValues([4, 6], seed: 3)
        let labels = IndexTensor([0, 1, 2, 1])
        let original = Zoo.mlp(inputShape: [6], classes: 3, hidden: [5], seed: 1)
        let optimizer = makeOptimizer()
        for _ in 0..<3 { _ = original.trainStep(images: images, labels: labels, optimizer: optimizer) }
        let modelState = original.model.stateArrays()
        let optimizerState = optimizer.stateArrays(for: original.model.namedParameters())
        #expect(optimizerState.first == StateArray(name: "optimizer/step", shape: [], values: [3]))
        let slots = optimizer.algorithm.slotNames
        #expect(optimizerState.map(\.name).dropFirst() == ArraySlice(original.model.namedParameters().flatMap { entry in
            slots.map { "optimizer/\(entry.name)/\($0)" }
        }))

        let restored = Zoo.mlp(inputShape: [6], classes: 3, hidden: [5], seed: 99)
        let restoredOptimizer = makeOptimizer()
        try restored.model.load(modelState)
        try restoredOptimizer.load(optimizerState, for: restored.model.namedParameters())
        _ = original.trainStep(images: images, labels: labels, optimizer: optimizer)
        _ = restored.trainStep(images: images, labels: labels, optimizer: restoredOptimizer)
        #expect(original.model.stateArrays() == restored.model.stateArrays())
        #expect(optimizer.stateArrays(for: original.model.namedParameters()) == restoredOptimizer.stateArrays(for: restored.model.namedParameters()))
    }

    @Test func importRejectsUnknownNamesAndWrongShapes() {
        let model = Zoo.logisticRegression(inputShape: [2], classes: 2)
        let optimizer = Optimizer.adam()
        let parameters = model.model.namedParameters()
        let step = StateArray(name: "optimizer/step", shape: [], values: [1])
        #expect(throws: StateError.missing(["optimizer/step"], available: [])) { try optimizer.load([], for: parameters) }
        #expect(throws: StateError.shapeMismatch(name: "optimizer/fc/b/m", expected: [2], found: [3])) {
            try optimizer.load([step, StateArray(name: "optimizer/fc/b/m", shape: [3], values: [0, 0, 0])], for: parameters)
        }
        #expect(throws: StateError.self) {
            try optimizer.load([step, StateArray(name: "optimizer/fc/b/velocity", shape: [2], values: [0, 0])], for: parameters)
        }
    }
}
