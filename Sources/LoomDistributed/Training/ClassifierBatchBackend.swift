import LoomEngine
import LoomTraining

/// The general backend of a classifier over any data flow (its flow type erased).
protocol ClassifierBatchBackend: TrainingBackend {
    /// Runs one training step on `batch`.
    func step(_ batch: ClassifierBatch, request: StepRequest) throws -> StepOutputs
}

extension ModelBackend: ClassifierBatchBackend where Batch == ClassifierBatch {}
