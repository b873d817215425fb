import Foundation

/// Writes named step outputs to `.npy` files at each trigger (tensorpack `DumpTensors`):
/// `<logdir>/DumpTensors/<name>-<globalStep>.npy`, with `/` in the name replaced by `-`,
/// NumPy format 1.0, `<f4`, C order (``NPYFile``), each written atomically. A scalar is
/// written as a 0-d array. The outputs are fetched every step and the latest kept, so
/// the trigger writes the values of the step just finished (wrap it in
/// ``PeriodicCallback`` to fetch less often).
public final class DumpTensors: Callback {
    /// The outputs written.
    public let names: [String]
    private var latest: [String: StepValue] = [:]
    private var directory: URL?
    private var context: TrainerContext?

    /// Creates the callback.
    /// - Parameter names: step outputs of the backend (validated at setup).
    public init(names: [String]) { self.names = names }

    public var stepEvents: StepEvents { [.beforeStep, .afterStep] }

    /// The file written for output `name` at `globalStep`, under `logDirectory`.
    public static func fileURL(name: String, globalStep: Int, logDirectory: URL) -> URL {
        logDirectory.appendingPathComponent("DumpTensors")
            .appendingPathComponent(name.replacingOccurrences(of: "/", with: "-") + "-\(globalStep).npy")
    }

    public func setUp(_ context: TrainerContext) throws {
        let known = context.backend.outputNames
        for name in names where !known.contains(name) {
            throw OperationsError.unknownOutput(callback: "DumpTensors", name: name, known: known.sorted())
        }
        guard let logDirectory = context.logDirectory else { throw OperationsError.needsLogDirectory(callback: "DumpTensors") }
        directory = logDirectory
        self.context = context
    }

    public func beforeStep(_ request: inout StepRequest) throws { request.fetch(names) }

    public func afterStep(_ outputs: StepOutputs) throws {
        for name in names { if let value = outputs[name] { latest[name] = value } }
    }

    public func trigger() throws {
        guard let context, let directory else { return }
        let step = context.loop.globalStep
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("DumpTensors"), withIntermediateDirectories: true)
        for name in names {
            guard let value = latest[name] else {
                context.logger.warning("DumpTensors: no value of '\(name)' yet at global_step \(step); nothing written")
                continue
            }
            let data: Data
            switch value {
            case let .scalar(number): data = NPYFile.encode(shape: [], values: [Float(number)])
            case let .array(shape, values): data = NPYFile.encode(shape: shape, values: values)
            }
            try AtomicFile.write(data, to: Self.fileURL(name: name, globalStep: step, logDirectory: directory))
        }
    }
}
