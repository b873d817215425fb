/// Whether a model takes batches whose samples change shape during a run.
public enum SampleShapes: Sendable, Equatable {
    /// Every batch's samples have the first batch's shapes (only the batch size may
    /// change); another shape is an ``EngineError/batchShapeChanged(component:first:found:)``
    /// before the model sees it. Right for dense and convolutional models.
    case fixed
    /// Any shapes (sequence models over variable lengths); the model checks them itself.
    case variable
}
