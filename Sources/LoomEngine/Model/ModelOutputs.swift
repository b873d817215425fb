import LoomTensor
import LoomTraining

/// What a cost function returns: the scalar cost to minimise (with its graph, for
/// `backward()`) and named outputs (accuracy, perplexity, per-sample vectors, …) that
/// callbacks, moving averages and inferencers ask for by name.
///
/// Named outputs are closures, read only when someone asks for them, so an output nobody
/// requests costs nothing but the closure. Capture the values of the forward pass (for
/// example the detached logits), not the model: in a training step they are read after
/// the optimizer update.
///
/// ```swift
/// var outputs = ModelOutputs(cost: loss)
/// outputs.scalar("accuracy") { Metrics.accuracy(logits: logits, labels: labels) }
/// outputs.tensor("predictions") { logits }
/// ```
public struct ModelOutputs {
    /// The scalar to minimise; reported as the output `cost`.
    public var cost: Tensor
    private var producers: [String: () -> StepValue] = [:]
    private var provider: (names: [String], value: (String) -> StepValue?)?

    /// Creates outputs holding only the cost.
    /// - Parameter cost: A scalar tensor (shape `[]` or one element).
    public init(cost: Tensor) { self.cost = cost }

    /// Creates outputs whose named values come from one lookup closure (cheaper than one
    /// closure per name when a model computes all its outputs together).
    /// - Parameters:
    ///   - cost: A scalar tensor.
    ///   - names: The names `value` answers.
    ///   - value: The value of a name in `names`.
    public init(cost: Tensor, names: [String], value: @escaping (String) -> StepValue?) {
        self.cost = cost
        provider = (names, value)
    }

    /// Sets the output `name` to a value computed when it is requested.
    /// - Parameters:
    ///   - name: The output's name (not `cost`, which is always the cost).
    ///   - value: Computes the value.
    public mutating func set(_ name: String, _ value: @escaping () -> StepValue) { producers[name] = value }

    /// Sets the scalar output `name`, computed when requested.
    /// - Parameters:
    ///   - name: The output's name.
    ///   - value: Computes the scalar.
    public mutating func scalar(_ name: String, _ value: @escaping () -> Float) {
        producers[name] = { .scalar(Double(value())) }
    }

    /// Sets the output `name` to a tensor's values (copied out when requested).
    /// - Parameters:
    ///   - name: The output's name.
    ///   - value: Computes the tensor (a one-element tensor also reads as a scalar).
    public mutating func tensor(_ name: String, _ value: @escaping () -> Tensor) {
        producers[name] = {
            let tensor = value()
            return .array(shape: tensor.shape, values: tensor.scalars)
        }
    }

    /// Every name these outputs answer: `cost`, then the named outputs (sorted).
    public var names: [String] {
        var result = ["cost"]
        if let provider { result += provider.names.filter { $0 != "cost" } }
        result += producers.keys.filter { $0 != "cost" && !result.contains($0) }.sorted()
        return result
    }

    /// The value of output `name`, computed now; `nil` when these outputs lack it.
    /// - Parameter name: The output's name.
    /// - Returns: The value (`cost` as a scalar).
    public func value(_ name: String) -> StepValue? {
        if name == "cost" { return .scalar(Double(cost.scalar)) }
        if let producer = producers[name] { return producer() }
        return provider?.value(name)
    }
}

extension ModelOutputs {
    /// Whether these outputs answer `name` (without computing it).
    /// - Parameter name: An output name.
    /// - Returns: `true` for `cost` and every set name.
    public func contains(_ name: String) -> Bool {
        name == "cost" || producers[name] != nil || provider?.names.contains(name) == true
    }
}
