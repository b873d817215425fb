/// The work both runners share: checks at setup, one pass over the batches (inferencers
/// fed in batch order), the progress line, the result line and the stats put.
final class InferencePass {
    let runnerName: String
    let inferencers: [any Inferencer]
    let prefix: String?
    /// Every inferencer's fetches, each name once, in first-use order.
    let fetches: [String]
    /// The stats put after each pass (prefixed), in inferencer order.
    let statNames: [String]
    private var context: TrainerContext?
    private var progress = ProgressState()

    init(runnerName: String, inferencers: [any Inferencer], prefix: String?) {
        self.runnerName = runnerName
        self.inferencers = inferencers
        self.prefix = prefix
        var seen = Set<String>()
        var fetches: [String] = []
        for inferencer in inferencers {
            for name in inferencer.fetches where seen.insert(name).inserted { fetches.append(name) }
        }
        self.fetches = fetches
        statNames = inferencers.flatMap { $0.statNames.map { Self.stat($0, prefix: prefix) } }
    }

    /// `prefix/name`, or `name` without a prefix.
    static func stat(_ name: String, prefix: String?) -> String {
        guard let prefix, !prefix.isEmpty else { return name }
        return prefix + "/" + name
    }

    /// Validates the fetches against `outputNames` and the stat names against the other
    /// inferencers and runners registered with the trainer.
    func setUp(_ context: TrainerContext, outputNames: Set<String>) throws {
        self.context = context
        let available = Array(outputNames)
        for inferencer in inferencers {
            for output in inferencer.fetches where !outputNames.contains(output) {
                throw InferenceError.unknownOutput(inferencer: inferencer.name, output: output, available: available.sorted(),
                                                   suggestion: NameSuggestion.closest(to: output, in: available))
            }
        }
        var owners: [String: String] = [:]
        for inferencer in inferencers {
            for name in inferencer.statNames {
                let stat = Self.stat(name, prefix: prefix)
                if let first = owners[stat] {
                    throw InferenceError.duplicateStat(stat: stat, producers: ["\(first) in \(runnerName)", "\(inferencer.name) in \(runnerName)"])
                }
                owners[stat] = inferencer.name
            }
        }
        guard let trainer = context.trainer else { return }
        let runners = (trainer.config.callbacks + trainer.config.extraCallbacks).unwrapped
            .compactMap { $0 as? any InferenceStatProducer }
        for stat in statNames {
            let producers = runners.filter { $0.producedStats.contains(stat) }
            if producers.count > 1 { throw InferenceError.duplicateStat(stat: stat, producers: producers.map(\.name)) }
        }
    }


    /// Runs one pass: `drive` calls its argument once per batch, in order.
    func run(declaredSamples: Int?, _ drive: ((StepOutputs, Int) throws -> Void) throws -> Void) throws {
        guard let context else { throw InferenceError.notSetUp(runner: runnerName) }
        let clock = context.environment.clock
        let output = context.environment.output
        let start = clock.now()
        for inferencer in inferencers { try inferencer.beforeInference() }
        progress = ProgressState(terminal: output.isTerminal, start: start)
        defer { clearProgress(output) }
        let inferencers = self.inferencers
        try drive { outputs, batchSize in
            for inferencer in inferencers { try inferencer.onBatch(outputs, batchSize: batchSize) }
            progress.batches &+= 1
            progress.samples &+= batchSize
            if progress.terminal { drawProgress(now: clock.now(), declared: declaredSamples, output) }
        }
        clearProgress(output)
        let seconds = clock.now() - start
        let samples = progress.samples
        if let declaredSamples, declaredSamples != samples {
            context.logger.warning("\(runnerName): the validation source declared \(declaredSamples) samples but yielded \(samples); the stats use the \(samples) samples seen")
        }
        var values: [(String, Double)] = []
        values.reserveCapacity(statNames.count)
        for inferencer in inferencers {
            let result = try inferencer.afterInference()
            let declared = inferencer.statNames
            guard result.count == declared.count, declared.allSatisfy({ result[$0] != nil }) else {
                throw InferenceError.statMismatch(inferencer: inferencer.name, declared: declared, returned: Array(result.keys))
            }
            for name in declared { values.append((Self.stat(name, prefix: prefix), result[name] ?? .nan)) }
        }
        let timing = "\(samples) samples in \(progress.batches) batches, \(String(format: "%.3f", seconds)) s"
        guard samples > 0 else {
            context.logger.warning("\(runnerName): the validation source yielded no samples (\(timing)); no stats were put")
            return
        }
        let list = values.map { "\($0.0)=\(Formatting.significant5($0.1))" }.joined(separator: ", ")
        context.logger.info("\(runnerName): \(timing): \(list)")
        for (name, value) in values { try context.monitors.put(scalar: value, name: name) }
    }

    private func drawProgress(now: Double, declared: Int?, _ output: any OutputSink) {
        guard progress.batches == 1 || now - progress.lastDraw >= 0.5 else { return }
        progress.lastDraw = now
        let total = declared.map(String.init) ?? "?"
        var line = "\(runnerName): \(progress.samples)/\(total) samples [\(Formatting.duration(now - progress.start))]"
        let limit = max(1, output.columns - 1)
        if line.count > limit { line = String(line.prefix(limit)) }
        let padding = String(repeating: " ", count: max(0, progress.drawnLength - line.count))
        output.write("\r" + line + padding)
        progress.drawnLength = line.count
    }

    private func clearProgress(_ output: any OutputSink) {
        guard progress.drawnLength > 0 else { return }
        output.write("\r" + String(repeating: " ", count: progress.drawnLength) + "\r")
        progress.drawnLength = 0
    }

    /// The counters of the pass in progress.
    private struct ProgressState {
        var terminal = false
        var start = 0.0
        var lastDraw = 0.0
        var batches = 0
        var samples = 0
        var drawnLength = 0
    }
}
