/// Keeps the checkpoint(s) with the lowest value of a stat, e.g. `MinSaver("val-error")`
/// keeps `min-val-error.safetensors`. See ``BestSaver``.
public final class MinSaver: BestSaver {
    /// Creates the saver.
    /// - Parameters:
    ///   - stat: the stat to minimise.
    ///   - topK: how many of the best checkpoints to keep.
    public init(_ stat: String, topK: Int = 1) { super.init(stat, direction: .min, topK: topK) }
}
