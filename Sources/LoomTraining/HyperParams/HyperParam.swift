/// A named hyperparameter a setter reads and writes between steps: either one the
/// backend exposes through ``TrainerContext/hyperparameters`` (``backend(_:)``, or a
/// string literal) or any property the user binds with closures (``bound(name:get:set:)``).
///
/// ```swift
/// ScheduledHyperParamSetter(.learningRate, schedule: [(30, 1e-2), (60, 1e-3)])
/// HyperParamSetterWithFunc(.bound(name: "dropout", get: { model.dropout }, set: { model.dropout = $0 })) { _, p in p * 0.9 }
/// ```
/// The name is also the stat a setter puts into the monitors on every change.
public struct HyperParam: ExpressibleByStringLiteral {
    /// The parameter's name (and the stat name of its changes).
    public let name: String
    private let getter: ((Hyperparameters) throws -> Double)?
    private let setter: ((Hyperparameters, Double) throws -> Void)?

    /// Whether the backend owns the parameter (as opposed to user closures).
    public var isBackend: Bool { getter == nil }

    private init(name: String, getter: ((Hyperparameters) throws -> Double)?,
                 setter: ((Hyperparameters, Double) throws -> Void)?) {
        self.name = name
        self.getter = getter
        self.setter = setter
    }

    /// The backend's hyperparameter `name` (validated at setup against the backend's names).
    public static func backend(_ name: String) -> HyperParam { HyperParam(name: name, getter: nil, setter: nil) }

    /// A parameter the user owns, read by `get` and written by `set` between steps.
    /// - Parameters:
    ///   - name: the display and stat name.
    ///   - get: returns the current value.
    ///   - set: stores a new value (the next step must use it).
    public static func bound(name: String, get: @escaping () throws -> Double,
                             set: @escaping (Double) throws -> Void) -> HyperParam {
        HyperParam(name: name, getter: { _ in try get() }, setter: { _, value in try set(value) })
    }

    /// The backend's hyperparameter named by the literal.
    public init(stringLiteral value: String) { self = .backend(value) }

    /// Throws unless the parameter exists.
    /// - Throws: ``TrainerError/unknownHyperparameter(name:known:suggestion:)`` for a backend name it lacks.
    public func validate(in hyperparameters: Hyperparameters) throws {
        if isBackend { try hyperparameters.check(name) }
    }

    /// The current value.
    public func value(in hyperparameters: Hyperparameters) throws -> Double {
        if let getter { return try getter(hyperparameters) }
        return try hyperparameters.value(name)
    }

    /// Sets a new value; the next step uses it.
    public func set(_ value: Double, in hyperparameters: Hyperparameters) throws {
        if let setter { return try setter(hyperparameters, value) }
        try hyperparameters.set(name, to: value)
    }
}
