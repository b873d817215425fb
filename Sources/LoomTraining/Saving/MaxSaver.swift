/// Keeps the checkpoint(s) with the highest value of a stat, e.g. `MaxSaver("val-accuracy")`
/// keeps `max-val-accuracy.safetensors`. See ``BestSaver``.
public final class MaxSaver: BestSaver {
    /// Creates the saver.
    /// - Parameters:
    ///   - stat: the stat to maximise.
    ///   - topK: how many of the best checkpoints to keep.
    public init(_ stat: Stat, topK: Int = 1) { super.init(stat, direction: .max, topK: topK) }
}
