/// The resumable state of a flow and its upstream flows, as a plain `Codable` tree.
///
/// `kind` names the flow type ("shuffle", "map", …) so that restoring into a pipeline
/// of another shape fails loudly; `rng` holds the flow's generator state (empty when it
/// has none); `upstream` holds the states of its inputs, in order.
public struct FlowState: Codable, Equatable, Sendable {
    /// The flow type, e.g. "shuffle".
    public var kind: String
    /// The flow's generator state (four words of xoshiro256**), or empty.
    public var rng: [UInt64]
    /// The states of the upstream flows, in order.
    public var upstream: [FlowState]

    /// Creates a state value.
    /// - Parameters:
    ///   - kind: The flow type.
    ///   - rng: The generator state, or empty.
    ///   - upstream: The upstream states.
    public init(kind: String, rng: [UInt64] = [], upstream: [FlowState] = []) {
        self.kind = kind
        self.rng = rng
        self.upstream = upstream
    }

    /// Checks that this state belongs to a flow of type `kind` with `upstreamCount` inputs.
    /// - Parameters:
    ///   - kind: The expected flow type.
    ///   - upstreamCount: The expected number of upstream states.
    /// - Throws: `DataFlowError.stateMismatch` naming what was expected and found.
    public func check(kind expected: String, upstreamCount: Int) throws {
        guard kind == expected, upstream.count == upstreamCount else {
            throw DataFlowError.stateMismatch(
                expected: "\(expected) with \(upstreamCount) upstream flow(s)",
                found: "\(kind) with \(upstream.count) upstream flow(s)")
        }
    }
}
