import Foundation
import LoomNN

/// Evaluation models of finished validation passes, kept for the next pass: building a
/// replica from its recipe draws a whole random initialisation only to overwrite it, so
/// a released replica's model is reused (its weights are reloaded from the training model
/// each time). `Kept` is `ClassifierModel` or `Model`.
///
/// `@unchecked Sendable`: a model is handed from one owner to the next under the lock
/// (a replica gives it back when released, possibly on a worker thread) and never used
/// by two at once.
final class SpareReplicaModels<Kept: AnyObject>: @unchecked Sendable {
    private let lock = NSLock()
    private var models: [Kept] = []
    /// The most models kept.
    let limit: Int

    init(limit: Int = 8) { self.limit = limit }

    /// A kept model, or nil.
    func take() -> Kept? {
        lock.withLock { models.popLast() }
    }

    /// Keeps `model` for a later pass (dropped beyond ``limit``).
    func put(_ model: Kept) {
        lock.withLock { if models.count < limit { models.append(model) } }
    }
}
