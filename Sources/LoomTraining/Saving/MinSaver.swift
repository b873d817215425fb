/// Keeps the checkpoint(s) with the lowest value of a stat, e.g. `MinSaver(.valErrorTop1)`
/// keeps `min-val-error-top1.safetensors`. See ``BestSaver``.
public final class MinSaver: BestSaver {
    /// Creates the saver.
    /// - Parameters:
    ///   - stat: the stat to minimise.
    ///   - topK: how many of the best checkpoints to keep.
    public init(_ stat: Stat, topK: Int = 1) { super.init(stat, direction: .min, topK: topK) }
}
