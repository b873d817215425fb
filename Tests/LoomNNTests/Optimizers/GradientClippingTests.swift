import LoomNN
import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct GradientClippingTests {
    /// Two scalar parameters with gradients 3 and 4 (global norm 5).
    func parameters() -> [(name: String, parameter: Parameter)] {
        let a = Parameter(Tensor([0])), b = Parameter(Tensor([0]))
        (a.value * 3 + b.value * 4).sum().backward()
        return [(name: "a", parameter: a), (name: "b", parameter: b)]
    }

    func moments(_ optimizer: Optimizer, _ named: [(name: String, parameter: Parameter)]) -> [Float] {
        optimizer.stateArrays(for: named).filter { $0.name.hasSuffix("/m") }.flatMap(\.values)
    }

    @Test func adamSeesGradientsScaledToTheClipNorm() throws {
        let named = parameters()
        let optimizer = Optimizer.adam(learningRate: 0.1, clipNorm: 1)
        #expect(try optimizer.hyperparameter("clip_norm") == 1)
        optimizer.update(named)
        #expect(optimizer.lastGradientNorm == 5)
        // m = (1 − β1)·g with g clipped to (0.6, 0.8).
        #expect(close(moments(optimizer, named), [0.06, 0.08]))
    }

    @Test func clipNormIsASettableHyperparameterAndZeroDisablesIt() throws {
        let named = parameters()
        let optimizer = Optimizer.rmsProp(learningRate: 0.1)
        #expect(try optimizer.hyperparameter("clip_norm") == 0)
        optimizer.update(named)
        #expect(optimizer.lastGradientNorm == 0)
        try optimizer.setHyperparameter("clip_norm", 2.5)
        optimizer.update(named)
        #expect(optimizer.lastGradientNorm == 5)
        #expect(throws: OptimizerError.self) { try optimizer.setHyperparameter("clip_norm", -1) }
        let adam = Optimizer.adamW(learningRate: 0.1, weightDecay: 0)
        adam.update(named)
        #expect(close(moments(adam, named), [0.3, 0.4]))
    }
}
