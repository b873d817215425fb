/// Runs validation over a whole ``InferenceSource`` and puts the inferencers' results
/// into the monitors (tensorpack `InferenceRunner`): every epoch by default, at any
/// period through the wrappers (`PeriodicTrigger(runner, everySteps: 500)`).
///
/// ```swift
/// let validation = InferenceRunner(source, [
///     ClassificationError(wrongName: "wrong-top1", summaryName: .valErrorTop1),
///     ClassificationError(wrongName: "wrong-top5", summaryName: .valErrorTop5),
///     ScalarStats("cost"),
/// ])
/// ```
/// - Each pass leaves `globalStep` unchanged and fires no training callback event; the
///   source runs the model in evaluation mode (see ``InferenceSource``). The stats are
///   put at the current `globalStep`.
/// - Its stats are declared as ``producedStats`` (known at construction), so a consumer
///   such as a min-saver registered before it is run after it by the trainer and sees
///   the value of this epoch.
/// - Several runners on different data coexist: give each a `prefix` (stats become
///   `<prefix>/<stat>`). A stat produced twice (within a runner or by two runners) is a
///   setup error; so is a fetch the source does not produce (the message lists the
///   outputs it does produce).
/// - A pass that yields another number of samples than ``InferenceSource/sampleCount``
///   declared uses the samples it saw and logs a warning.
/// - Output: on a terminal an in-place progress line (at most every 0.5 s), cleared at
///   the end; otherwise nothing per batch. Then one log line with the results, the
///   sample and batch counts and the time taken.
/// - Not chief-only: like tensorpack's, validation runs on every process of a
///   multi-process run (each process's monitors receive its results; the chief-only
///   writers decide what is written).
public final class InferenceRunner: Callback, InferenceStatProducer {
    /// The validation source.
    public let source: any InferenceSource
    private let pass: InferencePass

    /// Creates a runner.
    /// - Parameters:
    ///   - source: the evaluation model and validation data.
    ///   - inferencers: turn the batches' outputs into stats.
    ///   - prefix: when given, every stat is put as `<prefix>/<stat>`, and the runner is
    ///     named `InferenceRunner(<prefix>)`.
    public init(_ source: any InferenceSource, _ inferencers: [any Inferencer], prefix: String? = nil) {
        self.source = source
        pass = InferencePass(runnerName: prefix.map { "InferenceRunner(\($0))" } ?? "InferenceRunner",
                             inferencers: inferencers, prefix: prefix)
    }

    public var name: String { pass.runnerName }
    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }
    public var producedStats: [String] { pass.statNames }
    /// The inferencers, in order.
    public var inferencers: [any Inferencer] { pass.inferencers }

    /// Validates the fetches against the source's outputs and the stat names.
    /// - Throws: ``InferenceError/unknownOutput(inferencer:output:available:suggestion:)``
    ///   or ``InferenceError/duplicateStat(stat:producers:)``.
    public func setUp(_ context: TrainerContext) throws {
        try pass.setUp(context, outputNames: source.outputNames)
    }

    /// Runs one validation pass and puts the results.
    /// - Throws: the source's or an inferencer's error, or a monitor's.
    public func trigger() throws {
        let source = self.source
        let fetches = pass.fetches
        try pass.run(declaredSamples: source.sampleCount) { body in
            try source.forEachBatch(fetches: fetches, body)
        }
    }
}
