import Foundation
import LoomTensor

extension Optimizer {
    /// Applies one update to every parameter that has a gradient (others are skipped), after
    /// clipping the gradients by their global norm when `clip_norm` > 0. Gradients are read,
    /// not cleared. Parameters are written in place.
    /// - Parameter parameters: Named parameters (e.g. ``Model/namedParameters()``); the names
    ///   key the optimizer's state.
    public func update(_ parameters: [(name: String, parameter: Parameter)]) {
        stepCount += 1
        let clip = value("clip_norm")
        // The norm costs a pass over every gradient: computed only when clipping is on.
        lastGradientNorm = clip > 0 ? Optimizer.globalNorm(parameters) : 0
        let scale: Float = clip > 0 && lastGradientNorm > clip ? clip / lastGradientNorm : 1
        for (name, parameter) in parameters {
            guard let gradient = parameter.gradient else { continue }
            let storage = slotStorage(for: name, count: parameter.value.scalarCount)
            gradient.withUnsafeBufferPointer { g in
                parameter.value.withUnsafeMutableBufferPointer { p in
                    apply(p, g, scale: scale, storage: storage)
                }
            }
        }
    }

    /// The L2 norm of all gradients together.
    /// - Parameter parameters: Named parameters; those without a gradient count as zero.
    /// - Returns: `sqrt(Σ g²)`.
    public static func globalNorm(_ parameters: [(name: String, parameter: Parameter)]) -> Float {
        var total: Double = 0
        for (_, parameter) in parameters {
            parameter.gradient?.withUnsafeBufferPointer { g in
                var lanes = SIMD8<Float>()
                let whole = g.count / 8 * 8
                var index = 0
                while index < whole {
                    let chunk = SIMD8<Float>(g[index], g[index + 1], g[index + 2], g[index + 3],
                                             g[index + 4], g[index + 5], g[index + 6], g[index + 7])
                    lanes += chunk * chunk
                    index += 8
                }
                var sum = lanes.sum()
                while index < g.count {
                    sum += g[index] * g[index]
                    index += 1
                }
                total += Double(sum)
            }
        }
        return Float(total.squareRoot())
    }

    func slotStorage(for name: String, count: Int) -> SlotStorage {
        if let existing = slots[name], existing.slots.first?.values.count == count { return existing }
        let storage = SlotStorage(count: count, slots: algorithm.slotNames.count)
        slots[name] = storage
        return storage
    }

    private func apply(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, scale: Float, storage: SlotStorage) {
        let lr = value("learning_rate")
        switch algorithm {
        case let .sgd(nesterov):
            let momentum = value("momentum"), decay = value("weight_decay")
            storage.slots[0].values.withUnsafeMutableBufferPointer { v in
                if nesterov {
                    for i in 0..<p.count {
                        let gradient = g[i] * scale + decay * p[i]
                        v[i] = momentum * v[i] + gradient
                        p[i] -= lr * (gradient + momentum * v[i])
                    }
                } else {
                    for i in 0..<p.count {
                        v[i] = momentum * v[i] + g[i] * scale + decay * p[i]
                        p[i] -= lr * v[i]
                    }
                }
            }
        case .adam, .adamW:
            let beta1 = value("beta1"), beta2 = value("beta2"), epsilon = value("epsilon")
            let decay = algorithm == .adamW ? value("weight_decay") : 0
            let t = Double(stepCount)
            let correction1 = Float(1 - Foundation.pow(Double(beta1), t)), correction2 = Float(1 - Foundation.pow(Double(beta2), t))
            storage.slots[0].values.withUnsafeMutableBufferPointer { m in
                storage.slots[1].values.withUnsafeMutableBufferPointer { v in
                    let shrink = 1 - lr * decay
                    for i in 0..<p.count {
                        let gradient = g[i] * scale
                        p[i] *= shrink
                        m[i] = beta1 * m[i] + (1 - beta1) * gradient
                        v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient
                        p[i] -= lr * (m[i] / correction1) / ((v[i] / correction2).squareRoot() + epsilon)
                    }
                }
            }
        case .rmsProp:
            let rho = value("decay"), momentum = value("momentum"), epsilon = value("epsilon")
            storage.slots[0].values.withUnsafeMutableBufferPointer { s in
                storage.slots[1].values.withUnsafeMutableBufferPointer { b in
                    for i in 0..<p.count {
                        let gradient = g[i] * scale
                        s[i] = rho * s[i] + (1 - rho) * gradient * gradient
                        b[i] = momentum * b[i] + gradient / (s[i].squareRoot() + epsilon)
                        p[i] -= lr * b[i]
                    }
                }
            }
        }
    }
}
