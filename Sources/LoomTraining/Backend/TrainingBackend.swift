/// The model side of training, as the training core sees it (docs/Architecture.md section 1).
///
/// A backend owns the model, the optimizer and the training data: ``runStep(_:)`` pulls
/// the next batch itself, so the trainer never sees a batch type. Values that cross this
/// boundary are plain Swift values (``StepValue``, ``NamedArray``). `LoomEngine`
/// conforms a `LoomNN` model to this protocol; any other engine can too.
public protocol TrainingBackend: AnyObject {
    /// Every output name ``runStep(_:)`` can return; fetch requests are validated
    /// against it at setup.
    var outputNames: Set<String> { get }

    /// Scalar outputs the model registers for moving averages (e.g. `loss`,
    /// `train-error`). ``MovingAverageSummary`` fetches them every step and puts their
    /// smoothed values into the monitors under the same names. Must be in ``outputNames``.
    var movingAverageNames: [String] { get }

    /// Names of the summaries (scalars, histograms) returned when a step is asked for
    /// summaries. They are computed only when asked.
    var summaryNames: [String] { get }

    /// Runs one training step on the next batch.
    /// - Parameter request: the outputs to copy out, whether update operations run, and
    ///   whether summaries are computed.
    /// - Returns: exactly the requested outputs (and summaries if asked).
    /// - Throws: any error of the model or the data (ends training; every callback's
    ///   `afterTrain` still runs).
    func runStep(_ request: StepRequest) throws -> StepOutputs

    /// Names of the hyperparameters that can be read and set (e.g. `learning_rate`).
    var hyperparameterNames: [String] { get }

    /// The current value of hyperparameter `name`.
    /// - Throws: when `name` is unknown.
    func hyperparameter(_ name: String) throws -> Double

    /// Sets hyperparameter `name` to `value`; the next step uses it.
    /// - Throws: when `name` is unknown or `value` is not acceptable.
    func setHyperparameter(_ name: String, to value: Double) throws

    /// The complete model and optimizer state (and the data order/RNG state when it
    /// can), as named flat arrays, for checkpoints.
    func exportState() throws -> [NamedArray]

    /// Restores a state produced by ``exportState()``.
    /// - Throws: when a name is missing or a shape differs (the message names them).
    func importState(_ arrays: [NamedArray]) throws

    /// Everything besides arrays that an exact resume needs: the data position and the
    /// RNG states (see ``BackendResumeState``). Savers store it in every checkpoint.
    /// - Throws: when the state cannot be captured now.
    func exportResumeState() throws -> BackendResumeState

    /// Restores a state produced by ``exportResumeState()`` (after ``importState(_:)``).
    /// - Throws: when the state does not fit this backend (the message says why).
    func importResumeState(_ state: BackendResumeState) throws
}

extension TrainingBackend {
    /// No moving-average outputs.
    public var movingAverageNames: [String] { [] }
    /// No summaries.
    public var summaryNames: [String] { [] }
    /// No hyperparameters.
    public var hyperparameterNames: [String] { [] }
    /// Nothing besides the arrays: ``BackendResumeState`` with both parts `.null`.
    public func exportResumeState() throws -> BackendResumeState { BackendResumeState() }
    /// Nothing to restore.
    public func importResumeState(_ state: BackendResumeState) throws {}
}

/// A backend that can also run inference (validation) on batches of a separate data
/// source, without changing the training state or the global step. An `InferenceRunner`
/// drives it; the batch type is the backend's own.
public protocol InferenceBackend: AnyObject {
    /// The batch type the backend's inference consumes.
    associatedtype InferenceBatch

    /// Every output name ``infer(_:fetches:)`` can return.
    var inferenceOutputNames: Set<String> { get }

    /// Runs the model in inference mode on `batch` and returns the requested outputs.
    func infer(_ batch: InferenceBatch, fetches: [String]) throws -> StepOutputs
}
