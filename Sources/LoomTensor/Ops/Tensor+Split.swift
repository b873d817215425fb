import Synchronization

extension Tensor {
    /// Checks that `sizes` split `axis` of `shape` exactly and returns the resolved axis.
    /// - Throws: `ShapeError` naming the sizes and the shape.
    public static func validateSplit(shape: [Int], sizes: [Int], axis: Int) throws(ShapeError) -> Int {
        let resolved = try Shape.axis(axis, rank: shape.count, op: "split")
        guard sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == shape[resolved] else {
            throw ShapeError(op: "split", "sizes \(sizes) do not add up to \(shape[resolved]), axis \(resolved) of \(shape)")
        }
        return resolved
    }

    /// Splits along `axis` into consecutive pieces of the given sizes (the inverse of
    /// ``concatenate(_:alongAxis:)``), e.g. an LSTM's `[N, 4H]` gate block into four `[N, H]`
    /// gates, or `[N, T, F]` into `T` steps of `[N, 1, F]`.
    ///
    /// Differentiation: the pieces share one node, so back-propagation assembles the input's
    /// gradient once, writing each piece's gradient into its region (zeros for pieces that
    /// get none). Taking `T` slices one by one would instead build `T` full-size gradients.
    /// - Parameters:
    ///   - sizes: Non-negative piece sizes that add up to the size of `axis`.
    ///   - axis: The axis to split (negative counts from the end).
    /// - Returns: One tensor per size, each with this tensor's rank.
    public func split(sizes: [Int], alongAxis axis: Int = 0) -> [Tensor] {
        let resolved = check { () throws(ShapeError) in try Tensor.validateSplit(shape: shape, sizes: sizes, axis: axis) }
        let source = detached()
        var starts: [Int] = []
        var pieces: [Tensor] = []
        var start = 0
        for size in sizes {
            starts.append(start)
            pieces.append(source.slice(alongAxis: resolved, start..<(start + size)))
            start += size
        }
        guard Tensor.recordingParents(self) != nil else { return pieces }
        let collector = SplitGradient(shape: shape, axis: resolved)
        let join = GraphNode(op: "split", parents: [node]) { _ in [collector.take()] }
        return pieces.enumerated().map { index, piece in
            let offset = starts[index]
            let pieceNode = GraphNode(op: "split piece", parents: [join]) { g in
                collector.write(g, at: offset)
                return [Tensor(0)]
            }
            return Tensor(shape: piece.shape, storage: piece.storage, node: pieceNode)
        }
    }
}

/// The input gradient of one ``Tensor/split(sizes:alongAxis:)``, filled region by region by
/// the pieces' pullbacks and handed to the input by the shared node, which back-propagation
/// runs after every piece (it is their only parent).
final class SplitGradient: Sendable {
    private let shape: [Int]
    private let axis: Int
    private let gradient = Mutex<Tensor?>(nil)

    init(shape: [Int], axis: Int) {
        self.shape = shape
        self.axis = axis
    }

    /// Copies a piece's gradient into its region, starting at `offset` along the axis.
    func write(_ piece: Tensor, at offset: Int) {
        gradient.withLock { current in
            let target = current ?? Tensor(zeros: shape)
            let strides = Shape.strides(shape)
            Tensor.stridedScatter(from: piece.data, shape: piece.shape, to: target.data + offset * strides[axis], strides: strides)
            current = target
        }
    }

    /// The assembled gradient; clears it for the next backward pass.
    func take() -> Tensor {
        gradient.withLock { current in
            defer { current = nil }
            return current ?? Tensor(zeros: shape)
        }
    }
}
