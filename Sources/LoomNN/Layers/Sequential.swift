import LoomTensor

/// Named layers applied in order. A child named `conv1` reports its state as `conv1/…`.
public final class Sequential: Layer {
    /// The children with their names, in order.
    public private(set) var children: [(name: String, layer: any Layer)]

    /// Creates a sequence.
    /// - Parameter children: Names (unique, no `/`) and layers, in order.
    public init(_ children: [(String, any Layer)] = []) {
        self.children = []
        for (name, layer) in children { append(name, layer) }
    }

    /// Appends a named child.
    /// - Parameters:
    ///   - name: A unique name without `/`.
    ///   - layer: The layer.
    public func append(_ name: String, _ layer: any Layer) {
        precondition(!name.isEmpty && !name.contains("/"), "Sequential: child name '\(name)' must be non-empty and contain no '/'")
        precondition(!children.contains { $0.name == name }, "Sequential: two children are named '\(name)'")
        children.append((name, layer))
    }

    /// Applies the children in order.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        var output = input
        for (name, layer) in children {
            output = context.scoped(name) { layer.forward(output, context: context) }
        }
        return output
    }

    /// Reports each child's state under `prefix + name + "/"`.
    public func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {
        for (name, layer) in children { layer.visitState(prefix: prefix + name + "/", visit) }
    }
}
