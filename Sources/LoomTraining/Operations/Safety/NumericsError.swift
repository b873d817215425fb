/// A non-finite value (NaN or ±infinity) in a step output or a model variable, thrown by
/// ``TerminateOnNaN`` and ``CheckNumerics``.
///
/// It is deliberately not ``StopTraining``: the loop ends at once (no further step, no
/// `triggerEpoch`, so no periodic checkpoint of the corrupt state), every `afterTrain`
/// runs, and ``Trainer/train()`` rethrows it. A saver that also saves in `afterTrain`
/// must skip when training failed with a `NumericsError`.
public struct NumericsError: Error, Equatable, CustomStringConvertible {
    /// Where the value was found.
    public enum Source: Equatable, Sendable {
        /// A step output (e.g. `loss`).
        case output(String)
        /// A model or optimizer variable from the backend's exported state.
        case variable(String)
    }

    /// The global step after which it was found.
    public var globalStep: Int
    /// The output or variable.
    public var source: Source
    /// The flat index of the first non-finite element (0 for a scalar).
    public var index: Int
    /// The value found (NaN or ±infinity).
    public var value: Double

    /// Creates the error.
    public init(globalStep: Int, source: Source, index: Int, value: Double) {
        self.globalStep = globalStep
        self.source = source
        self.index = index
        self.value = value
    }

    public var description: String {
        let what: String
        switch source {
        case let .output(name): what = "the step output '\(name)'"
        case let .variable(name): what = "the variable '\(name)'"
        }
        let spelled = value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf")
        let position = index == 0 ? "" : " at element \(index)"
        return "\(what) is \(spelled)\(position) after global_step \(globalStep); training stopped and nothing was saved after it. "
            + "Lower the learning rate, check the data, or resume from the last good checkpoint."
    }

    /// The first non-finite element of `values`, as (index, value), or `nil`.
    static func firstNonFinite(_ values: [Float]) -> (Int, Double)? {
        for (index, value) in values.enumerated() where !value.isFinite { return (index, Double(value)) }
        return nil
    }
}
