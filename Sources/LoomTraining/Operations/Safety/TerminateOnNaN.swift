/// Stops training at the first step whose watched outputs hold a NaN or an infinity,
/// throwing a ``NumericsError`` that names the step and the output (Keras
/// `TerminateOnNaN`). It fetches the outputs every step.
public final class TerminateOnNaN: Callback {
    private let requested: [String]?
    private var outputs: [String] = []
    private var loop: LoopState?

    /// Creates the callback.
    /// - Parameter outputs: the step outputs to check (default: `loss`, else `cost`,
    ///   whichever the backend has). Unknown names are a setup error listing the outputs.
    public init(outputs: [String]? = nil) { requested = outputs }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [.beforeStep, .afterStep] }

    public func setUp(_ context: TrainerContext) throws {
        let known = context.backend.outputNames
        if let requested {
            for name in requested where !known.contains(name) {
                throw OperationsError.unknownOutput(callback: "TerminateOnNaN", name: name, known: known.sorted())
            }
            outputs = requested
        } else if let name = [Stat.loss.name, Stat.cost.name].first(where: known.contains) {
            outputs = [name]
        } else {
            throw OperationsError.unknownOutput(callback: "TerminateOnNaN", name: Stat.loss.name, known: known.sorted())
        }
        loop = context.loop
    }

    public func beforeStep(_ request: inout StepRequest) throws { request.fetch(outputs) }

    public func afterStep(_ outputs: StepOutputs) throws {
        for name in self.outputs {
            guard let value = outputs[name] else { continue }
            let step = loop?.globalStep ?? 0
            switch value {
            case let .scalar(number) where !number.isFinite:
                throw NumericsError(globalStep: step, source: .output(name), index: 0, value: number)
            case let .array(_, values):
                if let (index, number) = NumericsError.firstNonFinite(values) {
                    throw NumericsError(globalStep: step, source: .output(name), index: index, value: number)
                }
            default: break
            }
        }
    }
}
