/// One optimizer rule over the buffers of one parameter, applied eight lanes at a time by
/// ``OptimizerKernels/run(_:count:)``.
protocol ChunkRule {
    /// Updates elements `offset ..< offset + lanes` (`lanes` in 1...8) in place.
    func chunk(at offset: Int, lanes: Int)
}
