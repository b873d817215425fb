import Foundation

/// Keeps copies of the best checkpoints by one stat (tensorpack `MinSaver`/`MaxSaver`,
/// made safe): after each trigger, when the stat's value **at the current global step**
/// is strictly better than the best so far (with `topK` > 1: enters the k best), it keeps
/// a copy of the checkpoint of **that step**.
///
/// - topK 1: the copy is `min-<stat>.safetensors` / `max-<stat>.safetensors`
///   (``CheckpointStore/copy(step:toName:value:)``). topK k > 1: exactly the k best are
///   kept as `<min|max>-<stat>-step<step>.safetensors`, ranked in the store's index
///   (``CheckpointStore/updateTopK(stat:direction:k:value:step:)``).
/// - Ordering: it declares the stat in ``consumedStats``, so the trainer runs it after the
///   producer (e.g. an InferenceRunner). It copies the checkpoints of the run's
///   ``ModelSaver`` (a setup error when there is none), in the same directory. The copy
///   is made once every callback finished the round (``TrainerContext/afterEpochLevelRound(_:)``);
///   when no checkpoint of the step exists then (the ModelSaver is registered later, or
///   saves less often), it asks the ModelSaver to save one first. The copy itself runs on
///   the run's ``FileWriter`` after that checkpoint's write. Either registration order
///   gives the same files.
/// - State: the kept (step, value) list is ``StatefulCallback`` state, so it survives a
///   resume; a resumed run whose checkpoint lacks it recovers it from the store's index.
/// - A stat missing at the current step (not evaluated this time) changes nothing; a
///   non-finite value is never kept. Copy failures are logged; training goes on.
public class BestSaver: StatefulCallback {
    /// The stat compared, e.g. `val-error`.
    public let stat: String
    /// Whether lower or higher values are better.
    public let direction: StatDirection
    /// How many best checkpoints to keep.
    public let topK: Int
    private var context: TrainerContext?
    private var saver: ModelSaver?
    private var kept: [(step: Int, value: Double)] = []
    private var lastEvaluatedStep: Int?
    private var restoredState = false

    /// Creates the saver.
    /// - Parameters:
    ///   - stat: the stat to watch (`.valErrorTop1`, or a string literal).
    ///   - direction: `.min` (errors, losses) or `.max` (accuracies).
    ///   - topK: how many best checkpoints to keep (at least 1).
    /// - Precondition: `topK >= 1`.
    public init(_ stat: Stat, direction: StatDirection, topK: Int = 1) {
        precondition(topK >= 1, "BestSaver: topK must be at least 1")
        self.stat = stat.name
        self.direction = direction
        self.topK = topK
    }

    /// The best value so far, if any.
    public var best: Double? { kept.first?.value }
    /// The kept (global step, value) pairs, best first.
    public var keptCheckpoints: [(step: Int, value: Double)] { kept }
    /// The copy's name without extension, e.g. `min-val-error`.
    public var copyName: String { CheckpointStore.copyName(stat: stat, direction: direction) }

    public var name: String { "\(direction == .min ? "MinSaver" : "MaxSaver")(\(stat))" }
    public var stateKey: String { "\(direction == .min ? "MinSaver" : "MaxSaver")[\(stat)]" }
    public var stepEvents: StepEvents { [] }
    public var consumedStats: [String] { [stat] }

    public func setUp(_ context: TrainerContext) throws {
        self.context = context
        let registered = (context.trainer?.config.callbacks ?? []) + (context.trainer?.config.extraCallbacks ?? [])
        guard let saver = registered.lazy.compactMap(Self.modelSaver(in:)).first else {
            throw SavingError.needsModelSaver(saver: name)
        }
        if saver.requestedDirectory == nil && context.logDirectory == nil {
            throw SavingError.noCheckpointDirectory(saver: name)
        }
        self.saver = saver
    }

    public func beforeTrain() throws {
        guard !restoredState, context?.trainer?.isResuming == true, let store = saver?.store else { return }
        let index = store.currentIndex()
        saver?.logWarnings()
        if topK == 1, let copy = index.copies[copyName], let value = copy.value {
            kept = [(copy.step, value)]
        } else if topK > 1, let list = index.topK[copyName] {
            kept = list.copies.compactMap { copy in copy.value.map { (copy.step, $0) } }
        } else {
            return
        }
        context?.logger.info("\(name): no saved state; recovered the kept checkpoints from \(CheckpointStore.indexFileName): \(describeKept())")
    }

    public func trigger() throws {
        guard let context else { return }
        let step = context.loop.globalStep
        guard let point = context.monitors.latestPoint(stat), point.globalStep == step, lastEvaluatedStep != step else { return }
        lastEvaluatedStep = step
        let value = point.value
        guard value.isFinite else {
            context.logger.warning("\(name): \(stat) is \(value) at global_step \(step); not kept")
            return
        }
        let enters = kept.count < topK || direction.isBetter(value, than: kept[kept.count - 1].value)
        guard enters else { return }
        kept.append((step, value))
        kept.sort { a, b in
            if direction.isBetter(a.value, than: b.value) { return true }
            if direction.isBetter(b.value, than: a.value) { return false }
            return a.step < b.step
        }
        if kept.count > topK { kept.removeLast(kept.count - topK) }
        try context.afterEpochLevelRound { [weak self] in self?.keepCopy(step: step, value: value) }
    }

    /// Submits the copy to the run's ``FileWriter`` after the checkpoint of `step` (asking
    /// the ModelSaver for one first when needed): it runs once that checkpoint is on disk,
    /// and its outcome is logged when it finished.
    private func keepCopy(step: Int, value: Double) {
        guard let context, let saver, let store = saver.store else { return }
        guard saver.saveSoon() else {
            context.logger.error("\(name): no checkpoint of global_step \(step) could be saved; the best copy was not updated")
            return
        }
        let (stat, direction, topK, copyName) = (stat, direction, topK, copyName)
        let kept = describeKept()
        context.fileWriter.submit({ () -> CopyOutcome in
            guard store.currentIndex().entry(step: step) != nil else { return .noCheckpoint }
            do {
                if topK == 1 { return .copied(try store.copy(step: step, toName: copyName, value: value).lastPathComponent) }
                try store.updateTopK(stat: stat, direction: direction, k: topK, value: value, step: step)
                return .ranked
            } catch {
                return .failed("\(error)")
            }
        }, completion: { [weak self] outcome in self?.report(outcome, step: step, value: value, kept: kept) })
    }

    private func report(_ outcome: CopyOutcome, step: Int, value: Double, kept: String) {
        guard let context else { return }
        saver?.logWarnings()
        let shown = Formatting.significant5(value)
        switch outcome {
        case let .copied(file):
            context.logger.info("\(name): \(stat) is \(shown) at global_step \(step), the best so far; kept as \(file)")
        case .ranked:
            context.logger.info("\(name): \(stat) is \(shown) at global_step \(step); the \(topK) best: \(kept)")
        case .noCheckpoint:
            context.logger.error("\(name): no checkpoint of global_step \(step) could be saved; the best copy was not updated")
        case let .failed(reason):
            context.logger.error("\(name): could not keep the checkpoint of global_step \(step): \(reason); training goes on")
        }
    }

    private func describeKept() -> String {
        kept.map { "\(Formatting.significant5($0.value)) (step \($0.step))" }.joined(separator: ", ")
    }

    public func exportState() throws -> StateValue {
        .object([
            "kept": .array(kept.map { .array([.number(Double($0.step)), .double($0.value)]) }),
            "last_evaluated_step": lastEvaluatedStep.map { .number(Double($0)) } ?? .null,
        ])
    }

    public func importState(_ state: StateValue) throws {
        let items = try state.field("kept", of: stateKey) { $0.arrayValue }
        kept = try items.map { item in
            guard let pair = item.arrayValue, pair.count == 2, let step = pair[0].intValue, let value = pair[1].doubleValue else {
                throw StateDecodingError(owner: stateKey, message: "a kept entry is not [step, value]: \(item)")
            }
            return (step, value)
        }
        lastEvaluatedStep = state["last_evaluated_step"]?.intValue
        restoredState = true
    }

    /// The ModelSaver `callback` is or wraps.
    static func modelSaver(in callback: any Callback) -> ModelSaver? {
        callback.unwrapped.lazy.compactMap { $0 as? ModelSaver }.first
    }
}

/// What a best-checkpoint copy job did.
private enum CopyOutcome: Sendable {
    case copied(String)
    case ranked
    case noCheckpoint
    case failed(String)
}
