/// Turns the outputs of every validation batch into named scalars (tensorpack
/// `Inferencer`). An ``InferenceRunner`` calls, on each pass:
/// ``beforeInference()`` once, ``onBatch(_:batchSize:)`` once per batch in order, then
/// ``afterInference()``, and puts its results into the monitors.
///
/// Inferencers are stateful (they accumulate over a pass) and are called from one thread.
public protocol Inferencer: AnyObject {
    /// A short display name for messages; the type name by default.
    var name: String { get }
    /// The output names it reads from every batch; validated against the source's
    /// ``InferenceSource/outputNames`` when training starts.
    var fetches: [String] { get }
    /// The stat names ``afterInference()`` returns, known at setup: the runner declares
    /// them as its ``Callback/producedStats`` (prefixed), so their consumers run after it.
    var statNames: [String] { get }

    /// Resets the accumulators at the start of a pass.
    func beforeInference() throws
    /// Accumulates one batch.
    /// - Parameters:
    ///   - outputs: the batch's outputs (at least every name in ``fetches``).
    ///   - batchSize: the batch's number of samples.
    /// - Throws: ``InferenceError`` when an output is missing or has the wrong size.
    func onBatch(_ outputs: StepOutputs, batchSize: Int) throws
    /// The pass's results, one value for each name in ``statNames``.
    func afterInference() throws -> [String: Double]
}

extension Inferencer {
    /// The type name.
    public var name: String { String(describing: type(of: self)) }
    /// Does nothing.
    public func beforeInference() throws {}
}
