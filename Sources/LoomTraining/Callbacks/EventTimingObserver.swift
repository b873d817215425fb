/// A callback that wants the time of each event of some steps (``StepProfiler``). The
/// trainer finds the first callback conforming to it (unwrapped) at setup and asks it
/// before each step; only the steps it wants are timed, so the others cost one call.
public protocol EventTimingObserver: Callback {
    /// Whether to time every event of the step that will finish as global step `globalStep`.
    func wantsTiming(ofStep globalStep: Int) -> Bool
    /// One timed event of a timed step, in the environment clock's seconds: `callback` is
    /// the callback's name, or `nil` for the backend's `runStep`.
    func recordTiming(event: String, callback: String?, start: Double, end: Double)
    /// The end of a timed step, with the span of the whole step (all its events).
    func timedStepFinished(globalStep: Int, start: Double, end: Double)
}
