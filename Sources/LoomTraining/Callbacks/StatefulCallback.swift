/// A callback whose state must survive a resume (MinSaver's best value, plateau windows,
/// early-stopping counters, moving averages). The trainer collects every state into
/// ``TrainingState/callbacks`` under ``stateKey`` (``Trainer/exportState()``) and
/// restores them after `setUp`, before `beforeTrain` (``Trainer/restore(_:)``).
public protocol StatefulCallback: Callback {
    /// A key that is stable across runs and unique among the callbacks of one trainer,
    /// e.g. `"MinSaver[val-error]"`. Duplicates are a setup error.
    var stateKey: String { get }
    /// The state as a JSON-like value.
    func exportState() throws -> StateValue
    /// Restores a state produced by ``exportState()``.
    /// - Throws: ``StateValue/DecodingError`` (or another error) naming what is wrong.
    func importState(_ state: StateValue) throws
}
