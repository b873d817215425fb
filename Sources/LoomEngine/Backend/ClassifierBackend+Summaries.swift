import LoomNN
import LoomTraining

extension ClassifierBackend {
    /// For every parameter: its name (a histogram) and `<name>/norm` (its L2 norm).
    public var summaryNames: [String] { backend.summaryNames }
}
