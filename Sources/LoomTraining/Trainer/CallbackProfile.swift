/// Where a run's time went: seconds and calls per callback and event, the backend's step
/// time, and the share of the run spent outside the backend's steps (like Lightning's
/// `SimpleProfiler`). ``Trainer/train()`` logs it at the end of every run (``table()``)
/// and keeps it in ``Trainer/callbackProfile``.
///
/// Epoch-level events (`beforeTrain`, `beforeEpoch`, `afterEpoch`, `triggerEpoch`,
/// `afterTrain`) are always timed. Per-step events and `runStep` are timed only when
/// ``TrainConfig/profilesCallbacks`` is on (``stepsProfiled``), since timing them costs
/// two clock readings per callback per step.
public struct CallbackProfile: Sendable, Equatable {
    /// A loop event, in the order the loop runs them.
    public enum Event: Int, CaseIterable, Sendable {
        /// `beforeTrain`.
        case beforeTrain
        /// `beforeEpoch`.
        case beforeEpoch
        /// `beforeStep`.
        case beforeStep
        /// `afterStep`.
        case afterStep
        /// `triggerStep`.
        case triggerStep
        /// `afterEpoch`.
        case afterEpoch
        /// `triggerEpoch`.
        case triggerEpoch
        /// `afterTrain`.
        case afterTrain

        /// The event's method name, as the table's column header.
        public var name: String {
            switch self {
            case .beforeTrain: "beforeTrain"
            case .beforeEpoch: "beforeEpoch"
            case .beforeStep: "beforeStep"
            case .afterStep: "afterStep"
            case .triggerStep: "triggerStep"
            case .afterEpoch: "afterEpoch"
            case .triggerEpoch: "triggerEpoch"
            case .afterTrain: "afterTrain"
            }
        }

        /// Whether the loop calls this event on every step.
        public var isPerStep: Bool { self == .beforeStep || self == .afterStep || self == .triggerStep }
    }

    /// Total seconds over a number of calls.
    public struct Cell: Sendable, Equatable {
        /// Total seconds.
        public var seconds: Double
        /// Number of calls.
        public var calls: Int

        /// Creates a cell.
        public init(seconds: Double = 0, calls: Int = 0) {
            self.seconds = seconds
            self.calls = calls
        }

        mutating func add(_ seconds: Double) {
            self.seconds += seconds
            calls &+= 1
        }
    }

    /// One callback's times.
    public struct Row: Sendable, Equatable {
        /// The callback's name.
        public var callback: String
        /// One cell per ``Event`` (by raw value); nil where the event was not timed for
        /// this callback (a per-step event it does not implement, or steps not profiled).
        var cells: [Cell?]

        /// Creates a row; `cells` has one entry per ``Event`` in order.
        public init(callback: String, cells: [Cell?]) {
            self.callback = callback
            self.cells = cells + Array(repeating: nil, count: max(0, Event.allCases.count - cells.count))
        }

        /// The cell of `event`, or nil where it was not timed.
        public subscript(event: Event) -> Cell? { cells[event.rawValue] }

        /// Seconds over every timed event.
        public var totalSeconds: Double { cells.reduce(0) { $0 + ($1?.seconds ?? 0) } }
    }

    /// One row per callback, in loop order (monitors last).
    public internal(set) var rows: [Row]
    /// Whether per-step events and the backend's `runStep` were timed.
    public internal(set) var stepsProfiled: Bool
    /// The backend's `runStep` calls (zero when ``stepsProfiled`` is off).
    public internal(set) var backendSteps = Cell()
    /// Every step as a whole: per-step events and `runStep`, always measured.
    public internal(set) var steps = Cell()
    /// Seconds from the start of `beforeTrain` to the end of `afterTrain`.
    public internal(set) var totalSeconds = 0.0

    /// Creates a profile from measured values.
    public init(rows: [Row], stepsProfiled: Bool, backendSteps: Cell = Cell(), steps: Cell = Cell(), totalSeconds: Double = 0) {
        self.rows = rows
        self.stepsProfiled = stepsProfiled
        self.backendSteps = backendSteps
        self.steps = steps
        self.totalSeconds = totalSeconds
    }

    /// An empty profile for `callbacks`: a zero cell for every epoch-level event, and for
    /// each per-step event a callback declares in ``Callback/stepEvents`` when `stepsProfiled`.
    init(callbacks: [any Callback], stepsProfiled: Bool) {
        let perStep: [Event: StepEvents] = [.beforeStep: .beforeStep, .afterStep: .afterStep, .triggerStep: .triggerStep]
        rows = callbacks.map { callback in
            let events = callback.stepEvents
            let cells = Event.allCases.map { event -> Cell? in
                guard let flag = perStep[event] else { return Cell() }
                return stepsProfiled && events.contains(flag) ? Cell() : nil
            }
            return Row(callback: callback.name, cells: cells)
        }
        self.stepsProfiled = stepsProfiled
    }

    /// Seconds of the run outside the backend's steps: callbacks, the loop, setup of
    /// epochs (outside whole steps when ``stepsProfiled`` is off).
    public var outsideBackendSeconds: Double {
        max(0, totalSeconds - (stepsProfiled ? backendSteps.seconds : steps.seconds))
    }

    /// ``outsideBackendSeconds`` as a fraction of ``totalSeconds`` (0 for an empty run).
    public var outsideBackendShare: Double { totalSeconds > 0 ? outsideBackendSeconds / totalSeconds : 0 }

    /// Adds `seconds` to one call of `event` on the callback of row `row`.
    mutating func add(_ seconds: Double, event: Event, row: Int) {
        rows[row].cells[event.rawValue, default: Cell()].add(seconds)
    }
}

private extension Array where Element == CallbackProfile.Cell? {
    subscript(index: Int, default value: CallbackProfile.Cell) -> CallbackProfile.Cell {
        get { self[index] ?? value }
        set { self[index] = newValue }
    }
}
