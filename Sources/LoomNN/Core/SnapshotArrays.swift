/// Storage for repeated snapshots of the same arrays, such as a model's state copied for
/// a checkpoint every epoch: each snapshot writes into the arrays of the previous one once
/// nothing else holds them (copy-on-write decides: an array a checkpoint writer still
/// holds is left alone and a new one is made), instead of allocating afresh.
///
/// Fresh arrays of this size come from new memory that the system must fault in, page by
/// page, and takes back when the writer lets go; for the seed-list MLP (1 MB of weights
/// and Adam moments) that was about 200 page faults on the training thread every epoch.
public struct SnapshotArrays {
    private var kept: [String: [Float]] = [:]

    /// Creates empty storage; the first snapshot allocates.
    public init() {}

    /// `source`'s values as an array, written into the array kept under `name` when it
    /// has the same length and nothing else holds it; the result is kept for the next call.
    public mutating func copy(_ source: UnsafeBufferPointer<Float>, as name: String) -> [Float] {
        var values = kept.removeValue(forKey: name) ?? []
        if values.count == source.count {
            values.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: source) }
        } else {
            values = Array(source)
        }
        kept[name] = values
        return values
    }
}
