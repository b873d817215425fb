import LoomNN
import LoomTensor
import Testing

/// Typed optimizer hyperparameters: a name the algorithm lacks is an error listing the known
/// names, never a silent 0.
@Suite struct OptimizerHyperparameterTests {
    private let sgdNames = ["learning_rate", "momentum", "weight_decay", "clip_norm"]

    @Test func typedKeysReadAndWriteTheNamedValues() throws {
        let optimizer = Optimizer.adamW(learningRate: 0.01, weightDecay: 0.1)
        #expect(try optimizer.hyperparameter(.learningRate) == 0.01)
        #expect(try optimizer.hyperparameter(.weightDecay) == 0.1)
        try optimizer.setHyperparameter(.learningRate, 0.005)
        #expect(try optimizer.hyperparameter("learning_rate") == 0.005)
        #expect(optimizer.algorithm.hyperparameters == [.learningRate, .beta1, .beta2, .epsilon, .weightDecay, .clipNorm])
        #expect(optimizer.hyperparameterNames == optimizer.algorithm.hyperparameters.map(\.rawValue))
    }

    @Test func rawValuesAreTheNames() {
        #expect(OptimizerHyperparameter.allCases.map(\.rawValue)
            == ["learning_rate", "momentum", "beta1", "beta2", "epsilon", "weight_decay", "decay", "clip_norm"])
    }

    @Test func aKeyTheAlgorithmLacksIsAnErrorWhenGetOrSet() {
        let optimizer = Optimizer.sgd(learningRate: 0.1)
        #expect(throws: OptimizerError.unknownHyperparameter("beta1", known: sgdNames)) { try optimizer.hyperparameter(.beta1) }
        #expect(throws: OptimizerError.unknownHyperparameter("decay", known: sgdNames)) { try optimizer.setHyperparameter(.decay, 0.5) }
        #expect(throws: OptimizerError.unknownHyperparameter("beta1", known: sgdNames)) { try optimizer.hyperparameter("beta1") }
    }

    @Test func aMisspelledNameIsAnErrorListingTheKnownNames() throws {
        let optimizer = Optimizer.sgd(learningRate: 0.1)
        #expect(throws: OptimizerError.unknownHyperparameter("learning_rat", known: sgdNames)) {
            try optimizer.hyperparameter("learning_rat")
        }
        #expect(throws: OptimizerError.unknownHyperparameter("learningRate", known: sgdNames)) {
            try optimizer.setHyperparameter("learningRate", 0.2)
        }
        #expect(try optimizer.hyperparameter(.learningRate) == 0.1)
        #expect(throws: OptimizerError.unknownHyperparameter("lr", known: ["learning_rate", "beta1", "beta2", "epsilon", "clip_norm"])) {
            try Optimizer(.adam, hyperparameters: ["lr": 0.1])
        }
    }
}
