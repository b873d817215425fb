import LoomNN

/// An optimizer and the parameters it updates, named so that a custom training step can
/// update it (``ModelBackend/update(_:)``), hyperparameters can address it
/// (`<group>/learning_rate`) and checkpoints can hold its state (`optimizer/<group>/…`).
///
/// A GAN has two: `OptimizerGroup("generator", .adam(), prefixes: ["gen/"])` and
/// `OptimizerGroup("discriminator", .adam(), prefixes: ["disc/"])`.
public struct OptimizerGroup {
    /// The group's name.
    public let name: String
    /// The optimizer.
    public let optimizer: Optimizer
    /// Whether a parameter (by its full name) belongs to the group.
    public let contains: (String) -> Bool
    /// How the group selects parameters, for error messages.
    public let selection: String

    /// A group of the parameters whose names start with one of `prefixes`.
    /// - Parameters:
    ///   - name: The group's name.
    ///   - optimizer: Its optimizer.
    ///   - prefixes: Name prefixes such as `gen/`.
    public init(_ name: String, _ optimizer: Optimizer, prefixes: [String]) {
        self.name = name
        self.optimizer = optimizer
        contains = { parameter in prefixes.contains { parameter.hasPrefix($0) } }
        selection = "names starting with " + prefixes.map { "'\($0)'" }.joined(separator: " or ")
    }

    /// A group of the parameters `filter` accepts.
    /// - Parameters:
    ///   - name: The group's name.
    ///   - optimizer: Its optimizer.
    ///   - filter: Receives each parameter's full name.
    public init(_ name: String, _ optimizer: Optimizer, where filter: @escaping (String) -> Bool) {
        self.name = name
        self.optimizer = optimizer
        contains = filter
        selection = "a filter"
    }

    /// One group named `model` holding every parameter.
    /// - Parameter optimizer: The optimizer.
    /// - Returns: The group.
    public static func all(_ optimizer: Optimizer) -> OptimizerGroup {
        OptimizerGroup("model", optimizer) { _ in true }
    }
}
