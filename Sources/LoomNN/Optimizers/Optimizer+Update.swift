import Foundation
import LoomTensor

extension Optimizer {
    /// Applies one update to every parameter that has a gradient (others are skipped), after
    /// clipping the gradients by their global norm when `clip_norm` > 0. Gradients are read,
    /// not cleared. Parameters are written in place.
    /// - Parameters:
    ///   - parameters: Named parameters (e.g. ``Model/namedParameters()``); the names key
    ///     the optimizer's state.
    ///   - recorder: Times the update per layer (`optimizer/conv1`) when given.
    public func update(_ parameters: [(name: String, parameter: Parameter)], recorder: TraceRecorder? = nil) {
        stepCount += 1
        let clip = value(.clipNorm)
        // The norm costs a pass over every gradient: computed only when clipping is on.
        lastGradientNorm = clip > 0 ? Optimizer.globalNorm(parameters) : 0
        let scale: Float = clip > 0 && lastGradientNorm > clip ? clip / lastGradientNorm : 1
        let rule = constants(scale: scale)
        for (name, parameter) in parameters {
            guard let gradient = parameter.gradient else { continue }
            recorder?.parameterWillUpdate(name)
            let storage = slotStorage(for: name, count: parameter.value.scalarCount)
            gradient.withUnsafeBufferPointer { g in
                parameter.value.withUnsafeMutableBufferPointer { p in
                    apply(p, g, rule, storage: storage)
                }
            }
        }
        recorder?.closeRuns()
    }

    /// The L2 norm of all gradients together.
    /// - Parameter parameters: Named parameters; those without a gradient count as zero.
    /// - Returns: `sqrt(Σ g²)`.
    public static func globalNorm(_ parameters: [(name: String, parameter: Parameter)]) -> Float {
        var total: Double = 0
        for (_, parameter) in parameters {
            total += parameter.gradient?.withUnsafeBufferPointer { $0.sumOfSquares() } ?? 0
        }
        return Float(total.squareRoot())
    }

    func slotStorage(for name: String, count: Int) -> SlotStorage {
        if let existing = slots[name], existing.slots.first?.values.count == count { return existing }
        let storage = SlotStorage(count: count, slots: algorithm.slotNames.count)
        slots[name] = storage
        return storage
    }

    /// The constants of this step's rule (hyperparameters read once, bias corrections).
    private func constants(scale: Float) -> OptimizerKernels.Constants {
        var constants = OptimizerKernels.Constants(learningRate: value(.learningRate), scale: scale)
        switch algorithm {
        case .sgd:
            constants.momentum = value(.momentum)
            constants.weightDecay = value(.weightDecay)
        case .adam, .adamW:
            constants.beta1 = value(.beta1)
            constants.beta2 = value(.beta2)
            constants.epsilon = value(.epsilon)
            constants.weightDecay = algorithm == .adamW ? value(.weightDecay) : 0
            let t = Double(stepCount)
            constants.correction1 = Float(1 - Foundation.pow(Double(constants.beta1), t))
            constants.correction2 = Float(1 - Foundation.pow(Double(constants.beta2), t))
        case .rmsProp:
            constants.decay = value(.decay)
            constants.momentum = value(.momentum)
            constants.epsilon = value(.epsilon)
        }
        return constants
    }

    /// One fused pass of the rule over a parameter (see ``OptimizerKernels``).
    private func apply(_ p: UnsafeMutableBufferPointer<Float>, _ g: UnsafeBufferPointer<Float>, _ constants: OptimizerKernels.Constants,
                       storage: SlotStorage) {
        guard let param = p.baseAddress, let gradient = g.baseAddress else { return }
        let count = p.count
        switch algorithm {
        case let .sgd(nesterov):
            storage.slots[0].values.withUnsafeMutableBufferPointer { v in
                guard let velocity = v.baseAddress else { return }
                if nesterov {
                    OptimizerKernels.nesterov(param, gradient, velocity, count: count, constants)
                } else {
                    OptimizerKernels.sgd(param, gradient, velocity, count: count, constants)
                }
            }
        case .adam, .adamW:
            storage.slots[0].values.withUnsafeMutableBufferPointer { m in
                storage.slots[1].values.withUnsafeMutableBufferPointer { v in
                    guard let first = m.baseAddress, let second = v.baseAddress else { return }
                    OptimizerKernels.adam(param, gradient, first, second, count: count, constants)
                }
            }
        case .rmsProp:
            storage.slots[0].values.withUnsafeMutableBufferPointer { s in
                storage.slots[1].values.withUnsafeMutableBufferPointer { b in
                    guard let square = s.baseAddress, let buffer = b.baseAddress else { return }
                    OptimizerKernels.rmsProp(param, gradient, square, buffer, count: count, constants)
                }
            }
        }
    }
}
