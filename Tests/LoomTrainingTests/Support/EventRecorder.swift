@testable import LoomTraining

/// A shared, ordered list of recorded events.
final class EventLog {
    var entries: [String] = []
}

/// Records every event as `"<label>.<event> e<epoch> g<globalStep> l<localStep>"`.
final class EventRecorder: Callback {
    let label: String
    let log: EventLog
    let events: StepEvents
    var produced: [String] = []
    var consumed: [String] = []
    var throwing: [String: any Error] = [:]
    private var loop: LoopState?

    init(_ label: String, log: EventLog, events: StepEvents = .all) {
        self.label = label
        self.log = log
        self.events = events
    }

    var name: String { label }
    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { events }
    var producedStats: [String] { produced }
    var consumedStats: [String] { consumed }

    private func record(_ event: String) throws {
        if let loop {
            log.entries.append("\(label).\(event) e\(loop.epochNumber) g\(loop.globalStep) l\(loop.localStep)")
        } else {
            log.entries.append("\(label).\(event)")
        }
        if let error = throwing[event] { throw error }
    }

    func setUp(_ context: TrainerContext) throws {
        try record("setUp")
        loop = context.loop
    }
    func beforeTrain() throws { try record("beforeTrain") }
    func beforeEpoch() throws { try record("beforeEpoch") }
    func beforeStep(_ request: inout StepRequest) throws { try record("beforeStep") }
    func afterStep(_ outputs: StepOutputs) throws { try record("afterStep") }
    func triggerStep() throws { try record("triggerStep") }
    func afterEpoch() throws { try record("afterEpoch") }
    func triggerEpoch() throws {
        try record("triggerEpoch")
        try trigger()
    }
    func trigger() throws { try record("trigger") }
    func afterTrain() throws { try record("afterTrain") }
}
