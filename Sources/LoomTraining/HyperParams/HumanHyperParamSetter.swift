import Foundation

/// Lets a person change a hyperparameter while training runs by editing
/// `<logdir>/hyper.txt` (tensorpack `HumanHyperParamSetter`).
///
/// The file is read in `beforeTrain` and at every trigger (every epoch by default; wrap
/// in ``PeriodicTrigger`` for every k steps). Format: see ``HyperFile`` (`name:value`
/// lines, several parameters per file; this setter uses its own parameter's line).
///
/// Rules:
/// - A missing file changes nothing. When the file is missing in `beforeTrain`, a template
///   listing the current values is written (atomically) so the format is visible.
/// - The value is applied when the file's value for this parameter **changes** (a
///   schedule of the same parameter keeps working after an edit of another line).
/// - A malformed line, an unknown name, a duplicate name or a value that is not a finite
///   number rejects the whole file until it is fixed; each distinct problem is logged once
///   as a warning with the file, line number and what was expected.
/// - Half-written edits are never applied: the file must end with a newline, and it must
///   be unchanged (size, modification time and contents) across two reads `settleDelay`
///   seconds apart. Otherwise it is read again at the next trigger.
/// - Resume: the last value read from the file and the last value set are saved; an edit
///   made while training was stopped applies in `beforeTrain`.
public final class HumanHyperParamSetter: StatefulCallback, HyperParamReplaying {
    /// The parameter set.
    public let param: HyperParam
    /// The file name (relative to the log directory) or an absolute path.
    public let file: String
    /// Whether `beforeTrain` writes a template when the file is missing.
    public let writesTemplate: Bool
    /// Seconds between the two reads of the stability check.
    public let settleDelay: Double
    private let key: String?
    private let applier: HyperParamApplier
    private var url: URL?
    private var knownNames: [String] = []
    private var lastContent: Data?
    private var lastFileValue: Double?
    private var reported: Set<String> = []
    private var restored = false

    /// Creates the setter.
    /// - Parameters:
    ///   - param: the hyperparameter (a string literal names a backend one).
    ///   - file: the file, relative to the log directory (default `hyper.txt`) or absolute.
    ///   - writesTemplate: write a template with the current values when the file is missing at start.
    ///   - settleDelay: seconds between the two reads that must agree before an edit applies.
    ///   - stateKey: the key of its saved state (default `HumanHyperParamSetter[<param>]`).
    public init(_ param: HyperParam, file: String = "hyper.txt", writesTemplate: Bool = true,
                settleDelay: Double = 0.005, stateKey: String? = nil) {
        self.param = param
        self.file = file
        self.writesTemplate = writesTemplate
        self.settleDelay = settleDelay
        key = stateKey
        applier = HyperParamApplier(param: param, owner: "HumanHyperParamSetter(\(param.name))")
    }

    public var name: String { "HumanHyperParamSetter(\(param.name))" }
    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }
    public var producedStats: [String] { [param.name] }
    public var stateKey: String { key ?? "HumanHyperParamSetter[\(param.name)]" }
    var replayParamName: String { param.name }
    private var fileName: String { (file as NSString).lastPathComponent }

    public func setUp(_ context: TrainerContext) throws {
        try applier.setUp(context)
        if file.hasPrefix("/") {
            url = URL(fileURLWithPath: file)
        } else if let directory = context.logDirectory {
            url = directory.appendingPathComponent(file)
        } else {
            throw HyperParamError.needsLogDirectory(setter: name, file: file)
        }
    }

    func replayCandidate() -> ReplayCandidate? { restored ? applier.lastSet : nil }

    public func beforeTrain() throws {
        let human = HyperParamReplay.allCallbacks(applier.context).compactMap { ($0 as? HumanHyperParamSetter)?.param.name }
        knownNames = Array(Set((applier.context?.hyperparameters.names ?? []) + human + [param.name])).sorted()
        if restored, let candidate = applier.lastSet,
           HyperParamReplay.wins(self, candidate: candidate, context: applier.context) {
            try applier.apply(candidate.value, at: candidate.point, replay: true)
        }
        if let url, writesTemplate, !FileManager.default.fileExists(atPath: url.path) {
            try writeTemplate(url)
            return
        }
        try check(.beforeTrain)
    }

    public func trigger() throws {
        let lastStep = applier.loop?.isLastStepOfEpoch ?? true
        try check(lastStep ? .epoch : .step)
    }

    private func writeTemplate(_ url: URL) throws {
        guard let context = applier.context else { return }
        var values: [(String, Double)] = []
        for name in context.hyperparameters.names {
            if let value = try? context.hyperparameters.value(name), value.isFinite { values.append((name, value)) }
        }
        let current = try applier.current()
        if !param.isBackend, current.isFinite { values.append((param.name, current)) }
        let text = HyperFile.template(values)
        // Its bytes are synced; a power loss may take back only its name, and the next start writes it again.
        try AtomicFile.write(text, to: url, durability: .contents)
        lastContent = Data(text.utf8)
        lastFileValue = values.first(where: { $0.0 == param.name })?.1
        context.logger.info("Wrote \(url.path) with the current hyperparameters; edit it to change \(param.name) while training runs")
    }

    /// Reads the file and applies a changed, complete, valid value.
    private func check(_ phase: ReplayPoint.Phase) throws {
        guard let url, let first = read(url) else { lastContent = nil; return }
        if first.data == lastContent { return }
        guard let text = String(data: first.data, encoding: .utf8) else {
            report("\(fileName): not UTF-8 text; nothing applied until it is fixed")
            return
        }
        let parsed = HyperFile.parse(text, fileName: fileName, known: knownNames)
        if case let .incomplete(message) = parsed { report(message); return }
        if settleDelay > 0 {
            Thread.sleep(forTimeInterval: settleDelay)
            guard let second = read(url), second.data == first.data, second.status == first.status else { return }
        }
        lastContent = first.data
        switch parsed {
        case .incomplete: return
        case let .problems(messages):
            messages.forEach(report)
        case let .values(values):
            reported.removeAll()
            guard let value = values[param.name], value != lastFileValue else { return }
            lastFileValue = value
            let previous = (try? applier.current()) ?? .nan
            do {
                // The parameter checks the value (e.g. a learning rate must be > 0) and
                // changes nothing when it refuses: a bad edit is reported once and ignored.
                try applier.apply(value, at: applier.now(phase))
            } catch {
                let line = HyperFile.lineNumber(of: param.name, in: text).map { " line \($0)" } ?? ""
                report("\(fileName)\(line): \(param.name):\(value) was not applied (\(error)); \(param.name) stays \(previous)")
                return
            }
            applier.context?.logger.info("\(fileName): \(param.name) edited to \(value)")
        }
    }

    private func report(_ message: String) {
        guard reported.insert(message).inserted else { return }
        applier.context?.logger.warning("\(message)")
    }

    private func read(_ url: URL) -> (data: Data, status: FileStatus)? {
        guard let status = FileStatus(path: url.path), let data = try? Data(contentsOf: url) else { return nil }
        return (data, status)
    }

    public func exportState() throws -> StateValue {
        .object(["lastFileValue": lastFileValue.map(StateValue.double) ?? .null, "lastSet": applier.lastSetState])
    }

    public func importState(_ state: StateValue) throws {
        lastFileValue = state["lastFileValue"]?.doubleValue
        try applier.restoreLastSet(state["lastSet"], owner: stateKey)
        restored = true
    }
}
