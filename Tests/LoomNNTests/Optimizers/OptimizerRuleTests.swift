import LoomNN
import LoomTensor
import Testing

/// Each rule runs three steps on one parameter p = 1 with loss p²/2 (so the gradient is p);
/// the expected values were computed by hand from the documented formulas (in Double).
@Suite struct OptimizerRuleTests {
    func run(_ optimizer: Optimizer, steps: Int = 3) -> [Float] {
        let parameter = Parameter(Tensor([1]))
        let named = [(name: "p", parameter: parameter)]
        var trajectory: [Float] = []
        for _ in 0..<steps {
            parameter.zeroGradient()
            (parameter.value * parameter.value * 0.5).sum().backward()
            optimizer.update(named)
            trajectory.append(parameter.value.scalars[0])
        }
        return trajectory
    }

    @Test func sgdWithMomentum() {
        #expect(close(run(.sgd(learningRate: 0.1, momentum: 0.9)), [0.9, 0.72, 0.486]))
    }

    @Test func sgdWithNesterovMomentum() {
        #expect(close(run(.sgd(learningRate: 0.1, momentum: 0.9, nesterov: true)), [0.81, 0.5751, 0.327321]))
    }

    @Test func plainSGDWithWeightDecay() {
        // g = p + 0.5 p = 1.5 p, so p ← p (1 − 0.15).
        #expect(close(run(.sgd(learningRate: 0.1, weightDecay: 0.5)), [0.85, 0.7225, 0.614125]))
    }

    @Test func adam() {
        #expect(close(run(.adam(learningRate: 0.1)), [0.9, 0.80041223, 0.70158627]))
    }

    @Test func adamW() {
        #expect(close(run(.adamW(learningRate: 0.1, weightDecay: 0.1)), [0.89, 0.78157186, 0.67510122]))
    }

    @Test func rmsPropWithMomentum() {
        #expect(close(run(.rmsProp(learningRate: 0.01, decay: 0.9, momentum: 0.5)), [0.96837722, 0.92997664, 0.89224649]))
    }

    @Test func clippingByGlobalNorm() {
        let a = Parameter(Tensor([0])), b = Parameter(Tensor([0]))
        let named = [(name: "a", parameter: a), (name: "b", parameter: b)]
        (a.value * 3 + b.value * 4).sum().backward()
        let optimizer = Optimizer.sgd(learningRate: 1, clipNorm: 1)
        optimizer.update(named)
        #expect(optimizer.lastGradientNorm == 5)
        #expect(close(a.value.scalars, [-0.6]))
        #expect(close(b.value.scalars, [-0.8]))
        let unclipped = Optimizer.sgd(learningRate: 1, clipNorm: 10)
        unclipped.update(named)
        #expect(close(a.value.scalars, [-3.6]))
        #expect(close(b.value.scalars, [-4.8]))
    }

    @Test func parametersWithoutGradientAreSkipped() {
        let parameter = Parameter(Tensor([2]))
        let optimizer = Optimizer.adam()
        optimizer.update([(name: "p", parameter: parameter)])
        #expect(parameter.value.scalars == [2])
        #expect(optimizer.stateArrays(for: [(name: "p", parameter: parameter)]).map(\.name) == ["optimizer/step"])
    }
}
