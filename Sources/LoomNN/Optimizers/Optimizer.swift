import LoomTensor

/// Updates parameters from their gradients: SGD (momentum, Nesterov), Adam, AdamW or
/// RMSProp, with optional clipping by global gradient norm.
///
/// Every hyperparameter is a named `Double` that can be read and set between steps
/// (``hyperparameter(_:)-swift.method``, ``setHyperparameter(_:_:)-swift.method``), by its
/// typed key (``OptimizerHyperparameter``, e.g. `.learningRate`) or its name
/// (`learning_rate`, `momentum`, `beta1`, `beta2`, `epsilon`, `weight_decay`, `decay`,
/// `clip_norm`; 0 disables clipping), as ``OptimizerAlgorithm/hyperparameters`` lists.
/// A name the algorithm lacks is an ``OptimizerError/unknownHyperparameter(_:known:)``, never 0. All state (moments per parameter and
/// the step count) exports as named arrays (``stateArrays(for:)``) and imports back exactly.
public final class Optimizer {
    /// The update rule.
    public let algorithm: OptimizerAlgorithm
    /// Steps taken (Adam's bias correction uses it).
    public internal(set) var stepCount = 0
    /// The global gradient norm seen by the last ``update(_:)`` (before clipping) when
    /// clipping is on (`clip_norm` > 0); 0 otherwise (the norm is not computed then).
    public internal(set) var lastGradientNorm: Float = 0
    var values: [OptimizerHyperparameter: Double]
    /// Per-parameter slots by parameter name; each slot array matches the parameter's size.
    var slots: [String: SlotStorage] = [:]

    /// Creates an optimizer with explicit hyperparameters (see the static factories).
    /// - Parameters:
    ///   - algorithm: The update rule.
    ///   - hyperparameters: A value for every name in `algorithm.hyperparameterNames`.
    /// - Throws: ``OptimizerError`` for a missing, unknown or invalid value.
    public init(_ algorithm: OptimizerAlgorithm, hyperparameters: [String: Double]) throws(OptimizerError) {
        self.algorithm = algorithm
        values = [:]
        for name in hyperparameters.keys.sorted() where !algorithm.hyperparameterNames.contains(name) {
            throw .unknownHyperparameter(name, known: algorithm.hyperparameterNames)
        }
        for key in algorithm.hyperparameters {
            guard let value = hyperparameters[key.rawValue] else { throw .invalidValue(key.rawValue, .nan, reason: "no value was given") }
            try setHyperparameter(key, value)
        }
    }

    /// SGD with optional momentum (Nesterov when asked) and coupled weight decay.
    public static func sgd(learningRate: Double, momentum: Double = 0, nesterov: Bool = false,
                           weightDecay: Double = 0, clipNorm: Double = 0) -> Optimizer {
        make(.sgd(nesterov: nesterov), [.learningRate: learningRate, .momentum: momentum, .weightDecay: weightDecay, .clipNorm: clipNorm])
    }

    /// Adam.
    public static func adam(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                            epsilon: Double = 1e-8, clipNorm: Double = 0) -> Optimizer {
        make(.adam, [.learningRate: learningRate, .beta1: beta1, .beta2: beta2, .epsilon: epsilon, .clipNorm: clipNorm])
    }

    /// AdamW (decoupled weight decay).
    public static func adamW(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                             epsilon: Double = 1e-8, weightDecay: Double = 0.01, clipNorm: Double = 0) -> Optimizer {
        make(.adamW, [.learningRate: learningRate, .beta1: beta1, .beta2: beta2, .epsilon: epsilon,
                      .weightDecay: weightDecay, .clipNorm: clipNorm])
    }

    /// RMSProp (`decay` is the moving average factor ρ).
    public static func rmsProp(learningRate: Double = 1e-2, decay: Double = 0.99, momentum: Double = 0,
                               epsilon: Double = 1e-8, clipNorm: Double = 0) -> Optimizer {
        make(.rmsProp, [.learningRate: learningRate, .decay: decay, .momentum: momentum, .epsilon: epsilon, .clipNorm: clipNorm])
    }

    private static func make(_ algorithm: OptimizerAlgorithm, _ values: [OptimizerHyperparameter: Double]) -> Optimizer {
        do {
            return try Optimizer(algorithm, hyperparameters: Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
        } catch {
            preconditionFailure("Optimizer: \(error.description)")
        }
    }

    /// The names of the hyperparameters, in display order.
    public var hyperparameterNames: [String] { algorithm.hyperparameterNames }

    /// The current value of a hyperparameter.
    /// - Parameter name: E.g. `learning_rate`.
    /// - Throws: ``OptimizerError/unknownHyperparameter(_:known:)`` listing the known names.
    public func hyperparameter(_ name: String) throws(OptimizerError) -> Double {
        try hyperparameter(try key(name))
    }

    /// The current value of a hyperparameter.
    /// - Parameter key: E.g. `.learningRate`.
    /// - Throws: ``OptimizerError/unknownHyperparameter(_:known:)`` when the algorithm lacks it.
    public func hyperparameter(_ key: OptimizerHyperparameter) throws(OptimizerError) -> Double {
        guard let value = values[key] else { throw .unknownHyperparameter(key.rawValue, known: hyperparameterNames) }
        return value
    }

    /// Sets a hyperparameter; takes effect at the next ``update(_:)``.
    /// - Parameters:
    ///   - name: E.g. `learning_rate`.
    ///   - value: The new value (finite; non-negative; betas, decay and momentum below 1).
    /// - Throws: ``OptimizerError`` for an unknown name or a value outside its range.
    public func setHyperparameter(_ name: String, _ value: Double) throws(OptimizerError) {
        try setHyperparameter(try key(name), value)
    }

    /// Sets a hyperparameter; takes effect at the next ``update(_:)``.
    /// - Parameters:
    ///   - key: E.g. `.learningRate`.
    ///   - value: The new value (finite; non-negative; betas, decay and momentum below 1).
    /// - Throws: ``OptimizerError`` when the algorithm lacks the key or the value is outside its range.
    public func setHyperparameter(_ key: OptimizerHyperparameter, _ value: Double) throws(OptimizerError) {
        let name = key.rawValue
        guard algorithm.hyperparameters.contains(key) else { throw .unknownHyperparameter(name, known: hyperparameterNames) }
        guard value.isFinite, value >= 0 else { throw .invalidValue(name, value, reason: "it must be finite and non-negative") }
        if [.beta1, .beta2, .decay].contains(key) || (key == .momentum && algorithm == .rmsProp), value >= 1 {
            throw .invalidValue(name, value, reason: "it must be below 1")
        }
        values[key] = value
    }

    /// The key named `name`, if this optimizer has it.
    private func key(_ name: String) throws(OptimizerError) -> OptimizerHyperparameter {
        guard let key = OptimizerHyperparameter(rawValue: name), algorithm.hyperparameters.contains(key) else {
            throw .unknownHyperparameter(name, known: hyperparameterNames)
        }
        return key
    }

    /// The value of a hyperparameter of this algorithm, for the update rule. Every key of
    /// ``OptimizerAlgorithm/hyperparameters`` has a value from `init` on; reading another
    /// one is a bug in the rule, which stops here instead of reading 0.
    func value(_ key: OptimizerHyperparameter) -> Float {
        guard let value = values[key] else {
            preconditionFailure("Optimizer: \(algorithm) has no hyperparameter '\(key.rawValue)'; known: \(hyperparameterNames.joined(separator: ", "))")
        }
        return Float(value)
    }
}

/// The slot arrays of one parameter. Each slot is its own object so an update can write two
/// slots at once without overlapping accesses, and writes in place.
final class SlotStorage {
    /// One slot's values.
    final class Slot {
        var values: [Float]
        init(_ values: [Float]) { self.values = values }
    }

    let slots: [Slot]

    init(count: Int, slots: Int) {
        self.slots = (0..<slots).map { _ in Slot([Float](repeating: 0, count: count)) }
    }

    /// The values of every slot.
    var arrays: [[Float]] { slots.map(\.values) }
}
