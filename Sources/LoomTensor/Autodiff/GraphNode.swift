import Synchronization

/// A node of the reverse-mode graph: either a trainable leaf (holds the accumulated
/// gradient) or the result of an operation (holds its parents and one pullback).
final class GraphNode: Sendable {
    /// Maps the gradient of this node's value to one gradient per parent (nil where a
    /// parent needs none). Runs with recording disabled.
    typealias Pullback = @Sendable (Tensor) -> [Tensor?]

    /// The inputs' nodes, in the order the pullback returns their gradients; `nil` for
    /// inputs that do not require a gradient.
    let parents: [GraphNode?]
    /// The derivative rule; `nil` for a leaf.
    let pullback: Pullback?
    /// The operation name, for diagnostics.
    let op: String
    /// The scope the node was recorded in (``Tensor/withRecordingScope(_:_:)``), e.g. `conv1`.
    let scope: String?
    /// The accumulated gradient of a leaf.
    let gradient = Mutex<Tensor?>(nil)

    /// Creates a leaf node.
    init() {
        parents = []
        pullback = nil
        op = "leaf"
        scope = nil
    }

    /// Creates an operation node, labelled with the current recording scope unless given.
    init(op: String, parents: [GraphNode?], scope: String? = GradientRecording.scope, pullback: @escaping Pullback) {
        self.op = op
        self.scope = scope
        self.parents = parents
        self.pullback = pullback
    }

    /// Whether this is a trainable leaf.
    var isLeaf: Bool { pullback == nil }

    /// Adds `delta` into the leaf's gradient.
    func accumulate(_ delta: Tensor) {
        gradient.withLock { current in
            if var existing = current {
                current = nil  // drop the lock's reference so `existing` is uniquely owned
                existing += delta
                current = existing
            } else {
                current = delta.detached()
            }
        }
    }
}
