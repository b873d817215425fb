import LoomTensor

/// Runs `compute` with ``Kernels/threadCount`` set to each of `counts` in turn, then
/// restores the previous count; returns the results in the order of `counts`.
public func computed<Result>(atThreadCounts counts: [Int], _ compute: () -> Result) -> [Result] {
    let previous = Kernels.threadCount
    defer { Kernels.threadCount = previous }
    return counts.map { count in
        Kernels.threadCount = count
        return compute()
    }
}
