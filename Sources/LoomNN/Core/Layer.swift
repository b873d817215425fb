import LoomTensor

/// A building block of a network: maps an input tensor to an output tensor and reports its
/// parameters and buffers under stable hierarchical names.
///
/// Names are found by protocol traversal, not reflection: a layer reports its own state with
/// short names (`W`, `b`, `gamma`, `mean/EMA`) appended to `prefix`, and a container calls its
/// children with `prefix + childName + "/"`. So a Dense layer named `fc` in a Sequential gives
/// `fc/W` and `fc/b`.
public protocol Layer: AnyObject {
    /// Computes the output.
    /// - Parameters:
    ///   - input: The input batch (batch dimension first).
    ///   - context: Train/eval mode, the dropout generator, and the pending update ops.
    /// - Returns: The output batch.
    func forward(_ input: Tensor, context: ForwardContext) -> Tensor

    /// Calls `visit` with the full name and entry of every parameter and buffer, in a fixed
    /// order (the order of ``Model/namedParameters()``).
    /// - Parameters:
    ///   - prefix: The path of this layer, ending in `/` (empty at the root).
    ///   - visit: Receives `prefix + localName` and the entry.
    func visitState(prefix: String, _ visit: (String, StateEntry) -> Void)
}

extension Layer {
    /// Layers without state report nothing.
    public func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {}
}
