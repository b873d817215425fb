extension Tensor {
    /// Whether this tensor takes part in differentiation (a leaf or a recorded result).
    public var requiresGradient: Bool { node != nil }

    /// Whether this tensor is a trainable leaf made by ``requiringGradient()``.
    public var isGradientLeaf: Bool { node?.isLeaf ?? false }

    /// A copy of this tensor that is a new trainable leaf (a parameter) with no gradient.
    public func requiringGradient() -> Tensor {
        Tensor(shape: shape, storage: storage, node: GraphNode())
    }

    /// A copy of this tensor that is cut from the graph (requires no gradient).
    public func detached() -> Tensor {
        Tensor(shape: shape, storage: storage)
    }

    /// The gradient accumulated into this leaf by ``backward()`` calls since the last
    /// ``zeroGradient()``; `nil` if none has arrived (or this is not a leaf).
    public var grad: Tensor? {
        guard let node, node.isLeaf else { return nil }
        return node.gradient.withLock { $0 }
    }

    /// Clears this leaf's accumulated gradient (shared by all copies of the leaf).
    public func zeroGradient() {
        node?.gradient.withLock { $0 = nil }
    }

    /// Back-propagates from this scalar: adds d(self)/d(leaf) into every leaf's ``grad``.
    ///
    /// Intermediate gradients are not kept. Pullbacks run with recording disabled.
    /// Calling it on a tensor that requires no gradient does nothing.
    /// - Parameters:
    ///   - seed: The gradient of the final objective with respect to this tensor;
    ///     defaults to ones (so a scalar loss gets d(loss)/d(loss) = 1). Must match `shape`.
    ///   - observer: Told the scope of each pullback before it runs, and the end of the pass
    ///     (a profiler); nil costs one branch per node.
    public func backward(seed: Tensor? = nil, observer: (any BackwardObserver)? = nil) {
        precondition(seed != nil || scalarCount == 1, "backward: called on shape \(shape); pass a seed or reduce to one element first")
        if let seed { precondition(seed.shape == shape, "backward: seed shape \(seed.shape) differs from \(shape)") }
        defer { observer?.backwardDidFinish() }
        guard let root = node else { return }
        let order = GraphNode.topologicalOrder(from: root)
        Tensor.withoutGradients {
            var gradients: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed?.detached() ?? Tensor(ones: shape)]
            for current in order.reversed() {
                guard let gradient = gradients.removeValue(forKey: ObjectIdentifier(current)) else { continue }
                guard let pullback = current.pullback else {
                    current.accumulate(gradient)
                    continue
                }
                observer?.pullbackWillRun(scope: current.scope)
                let parentGradients = pullback(gradient)
                for (parent, parentGradient) in zip(current.parents, parentGradients) {
                    guard let parent, let parentGradient else { continue }
                    let key = ObjectIdentifier(parent)
                    if var existing = gradients.removeValue(forKey: key) {
                        existing += parentGradient
                        gradients[key] = existing
                    } else {
                        gradients[key] = parentGradient
                    }
                }
            }
        }
    }
}

extension GraphNode {
    /// Nodes reachable from `root`, each after all of its parents (iterative DFS).
    static func topologicalOrder(from root: GraphNode) -> [GraphNode] {
        var order: [GraphNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(GraphNode, Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while let (node, next) = stack.popLast() {
            if next < node.parents.count {
                stack.append((node, next + 1))
                if let parent = node.parents[next], visited.insert(ObjectIdentifier(parent)).inserted {
                    stack.append((parent, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }
}
