/// On trigger (every epoch by default), checks every variable of the backend's exported
/// state and throws a ``NumericsError`` naming the first one that holds a NaN or an
/// infinity (and the element). Exporting the state copies it: wrap it in
/// ``PeriodicTrigger`` for a sparser check on large models.
public final class CheckNumerics: Callback {
    private var context: TrainerContext?

    /// Creates the callback.
    public init() {}

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }

    public func setUp(_ context: TrainerContext) throws { self.context = context }

    public func trigger() throws {
        guard let context else { return }
        for array in try context.backend.exportState() {
            if let (index, value) = NumericsError.firstNonFinite(array.values) {
                throw NumericsError(globalStep: context.loop.globalStep, source: .variable(array.name), index: index, value: value)
            }
        }
    }
}
