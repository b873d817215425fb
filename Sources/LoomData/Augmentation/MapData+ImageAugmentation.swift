extension MapData {
    /// Augments the images of `upstream` (see ``ImageAugmentation``).
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - seed: Seeds the random choices (with the pass and the datapoint's index).
    ///   - augmentation: The augmentation.
    public convenience init(_ upstream: Upstream, seed: UInt64, augmentation: ImageAugmentation) {
        self.init(upstream, seed: seed) { datapoint, generator in try augmentation.apply(datapoint, using: &generator) }
    }
}
