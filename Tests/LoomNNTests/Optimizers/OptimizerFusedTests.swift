import Foundation
import LoomNN
import LoomTensor
import Testing

/// The fused eight-lane update loops against the scalar rules written out element by element
/// (the documented formulas, in the kernels' operation order): results must be bit-identical,
/// including the partial last chunk (37 = 4·8 + 5 elements) and with clipping on. Adam's step
/// is also checked against the textbook order `lr·(m/c1) / (√(v/c2) + ε)` within rounding.
@Suite struct OptimizerFusedTests {
    /// Hyperparameters and state of the scalar reference.
    struct Reference {
        let algorithm: OptimizerAlgorithm
        let lr: Float, momentum: Float, decay: Float, beta1: Float, beta2: Float, epsilon: Float, rho: Float
        var slot0: [Float], slot1: [Float]
        var step = 0
        /// Adam's step in the textbook order, `lr·(m/c1) / (√(v/c2) + ε)`, instead of the kernels'.
        var textbookAdam = false

        mutating func update(_ p: inout [Float], _ g: [Float], scale: Float) {
            step += 1
            switch algorithm {
            case let .sgd(nesterov):
                for i in 0..<p.count {
                    if nesterov {
                        let gradient = g[i] * scale + decay * p[i]
                        slot0[i] = momentum * slot0[i] + gradient
                        p[i] -= lr * (gradient + momentum * slot0[i])
                    } else {
                        slot0[i] = momentum * slot0[i] + g[i] * scale + decay * p[i]
                        p[i] -= lr * slot0[i]
                    }
                }
            case .adam, .adamW:
                let c1 = Float(1 - pow(Double(beta1), Double(step))), c2 = Float(1 - pow(Double(beta2), Double(step)))
                let shrink = 1 - lr * (algorithm == .adamW ? decay : 0)
                for i in 0..<p.count {
                    let gradient = g[i] * scale
                    p[i] *= shrink
                    slot0[i] = beta1 * slot0[i] + (1 - beta1) * gradient
                    slot1[i] = beta2 * slot1[i] + (1 - beta2) * gradient * gradient
                    if textbookAdam {
                        p[i] -= lr * (slot0[i] / c1) / ((slot1[i] / c2).squareRoot() + epsilon)
                    } else {
                        p[i] -= (lr / c1) * slot0[i] / (slot1[i].squareRoot() * (1 / c2.squareRoot()) + epsilon)
                    }
                }
            case .rmsProp:
                for i in 0..<p.count {
                    let gradient = g[i] * scale
                    slot0[i] = rho * slot0[i] + (1 - rho) * gradient * gradient
                    slot1[i] = momentum * slot1[i] + gradient / (slot0[i].squareRoot() + epsilon)
                    p[i] -= lr * slot1[i]
                }
            }
        }
    }

    /// Fresh optimizers with their references (optimizers hold state: one set per test).
    static func cases() -> [(String, Optimizer, Reference)] {
        let n = 37
        func reference(_ algorithm: OptimizerAlgorithm, lr: Float, momentum: Float = 0, decay: Float = 0, rho: Float = 0) -> Reference {
            Reference(algorithm: algorithm, lr: lr, momentum: momentum, decay: decay, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, rho: rho,
                      slot0: [Float](repeating: 0, count: n), slot1: [Float](repeating: 0, count: n))
        }
        return [
            ("sgd", .sgd(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01, clipNorm: 2), reference(.sgd(nesterov: false), lr: 0.1, momentum: 0.9, decay: 0.01)),
            ("nesterov", .sgd(learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.01),
             reference(.sgd(nesterov: true), lr: 0.1, momentum: 0.9, decay: 0.01)),
            ("adam", .adam(learningRate: 0.01, clipNorm: 2), reference(.adam, lr: 0.01)),
            ("adamW", .adamW(learningRate: 0.01, weightDecay: 0.1), reference(.adamW, lr: 0.01, decay: 0.1)),
            ("rmsProp", .rmsProp(learningRate: 0.01, decay: 0.9, momentum: 0.5), reference(.rmsProp, lr: 0.01, momentum: 0.5, rho: 0.9)),
        ]
    }

    @Test(arguments: 0..<5)
    func fusedLoopsEqualTheScalarRules(index: Int) {
        var (_, optimizer, reference) = Self.cases()[index]
        var textbook = reference
        textbook.textbookAdam = true
        let n = 37
        var expected = (0..<n).map { Float(sin(Double($0) * 0.7)) }
        var textbookValues = expected
        let parameter = Parameter(Tensor(shape: [n], scalars: expected))
        let named = [(name: "p", parameter: parameter)]
        for step in 0..<4 {
            let g = (0..<n).map { Float(cos(Double($0 * (step + 2)) * 0.3)) * 0.8 }
            parameter.zeroGradient()
            (parameter.value * Tensor(shape: [n], scalars: g)).sum().backward()
            optimizer.update(named)
            let clip = (try? optimizer.hyperparameter("clip_norm")) ?? 0
            // The scale comes from the optimizer's own norm (checked to be the norm, and to clip).
            let norm = optimizer.lastGradientNorm
            if clip > 0 {
                #expect(abs(Double(norm) - g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()) < 1e-5)
                #expect(norm > Float(clip))
            }
            let scale = clip > 0 && norm > Float(clip) ? Float(clip) / norm : 1
            reference.update(&expected, g, scale: scale)
            textbook.update(&textbookValues, g, scale: scale)
            #expect(parameter.value.scalars == expected, "step \(step)")
            // Within one ulp of the parameter plus 1e-6 of the step (lr bounds Adam's step).
            for (fused, other) in zip(parameter.value.scalars, textbookValues) {
                #expect(abs(fused - other) <= fused.ulp + 1e-6 * reference.lr, "step \(step): \(fused) vs \(other)")
            }
        }
        let state = optimizer.stateArrays(for: named)
        #expect(state[1].values == reference.slot0)
        if state.count > 2 { #expect(state[2].values == reference.slot1) }
    }
}
