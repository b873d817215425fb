/// A deterministic, procedurally drawn digits dataset (an offline stand-in for MNIST).
///
/// Sample `i` has label `i % 10` (so labels are exactly balanced) and an image drawn with a
/// generator seeded by `(seed, i)`, with the variation of handwriting (sizes at 28×28):
/// - one of two or three styles of the digit (a 7 with or without a bar, an open or a closed
///   4, a 1 with or without flag and serif, …);
/// - an elastic distortion of the strokes (a smooth random field, offsets up to 3–11 % of
///   the glyph), and pen lifts that shorten each end of an open stroke by up to 8 %;
/// - a pen half-width of 0.6–2 px, varying 0.7–1.3× along each stroke;
/// - rotation ±15°, slant −0.45…0.25, height 14–22 px, width 0.65–1.15 of the usual,
///   shift ±3.25 px;
/// - with probability `clutter`, a stray fragment of some digit's stroke near the edge;
/// - ink 0.7–1, approximately Gaussian pixel noise (σ = `noise` × 0.5…1.5), clipping to 0…1.
///
/// Images are generated on demand, so any index costs the same and equal seeds give equal
/// images. Datapoint: `[image .floats([side, side]), label]`.
public final class SyntheticDigits: RandomAccessDataFlow {
    /// The default training-set size.
    public static let defaultTrainCount = 60_000
    /// The default validation-set size.
    public static let defaultValidationCount = 10_000
    /// The seed of `train()`.
    public static let trainSeed: UInt64 = 0x5EED_0001
    /// The seed of `validation()`.
    public static let validationSeed: UInt64 = 0x5EED_0002
    /// The seed of `tiny()`.
    public static let tinySeed: UInt64 = 0x5EED_0003

    /// The number of samples.
    public let size: Int
    /// The seed.
    public let seed: UInt64
    /// The image side in pixels.
    public let side: Int
    /// The mean standard deviation of the pixel noise.
    public let noise: Float
    /// The probability that a sample has a stray stroke fragment.
    public let clutter: Float

    /// Creates a dataset.
    /// - Parameters:
    ///   - count: The number of samples.
    ///   - seed: The seed; equal seeds give equal images.
    ///   - side: The image side (28 like MNIST; ≥ 8).
    ///   - noise: The mean pixel-noise standard deviation.
    ///   - clutter: The probability of a stray stroke fragment (0…1).
    public init(count: Int, seed: UInt64, side: Int = 28, noise: Float = 0.08, clutter: Float = 0.4) {
        self.size = max(0, count)
        self.seed = seed
        self.side = max(8, side)
        self.noise = noise
        self.clutter = clutter
    }

    /// The 60,000-sample training set (seed `trainSeed`).
    /// - Parameter count: The number of samples.
    /// - Returns: The dataset.
    public static func train(count: Int = defaultTrainCount) -> SyntheticDigits { SyntheticDigits(count: count, seed: trainSeed) }

    /// The 10,000-sample validation set (seed `validationSeed`, disjoint draws from `train`).
    /// - Parameter count: The number of samples.
    /// - Returns: The dataset.
    public static func validation(count: Int = defaultValidationCount) -> SyntheticDigits { SyntheticDigits(count: count, seed: validationSeed) }

    /// A tiny set for fast tests: 8×8 images.
    /// - Parameters:
    ///   - count: The number of samples (default 500).
    ///   - seed: The seed.
    /// - Returns: The dataset.
    public static func tiny(count: Int = 500, seed: UInt64 = tinySeed) -> SyntheticDigits { SyntheticDigits(count: count, seed: seed, side: 8) }

    /// `size`.
    public var count: Int? { size }
    /// Nothing to prepare.
    public func resetState() throws {}
    /// Iterates in index order.
    public func makeIterator() -> IndexedIterator<SyntheticDigits> { IndexedIterator(flow: self) }
    /// No generator state beyond the seed: a fixed state.
    public var state: FlowState { FlowState(kind: "array") }
    /// Checks the state kind.
    public func restore(_ state: FlowState) throws { try state.check(kind: "array", upstreamCount: 0) }

    /// `[image, label]` of sample `index`.
    /// - Throws: `DataFlowError.invalidArgument` for an index out of range.
    public func datapoint(at index: Int) throws -> Datapoint {
        guard index >= 0, index < size else { throw DataFlowError.invalidArgument("index \(index) is out of range 0..<\(size)") }
        return [.floats(shape: [side, side], values: image(at: index)), .label(Int32(index % 10))]
    }

    /// The image of sample `index` (row-major, values in 0…1).
    /// - Parameter index: Any index (not range-checked).
    /// - Returns: `side × side` pixels.
    public func image(at index: Int) -> [Float] {
        var rng = SeededGenerator(seed: SeededGenerator.mix(seed, UInt64(index)))
        let raster = draw(digit: index % 10, rng: &rng)
        let ink = rng.uniform(0.7, 1)
        // Approximately Gaussian noise: the sum of the four 16-bit parts of one SplitMix64
        // word per pixel (scaled to unit variance), far cheaper than Box–Muller.
        let spread = noise * rng.uniform(0.5, 1.5) * Float(3.0.squareRoot()) / 65536
        var counter = rng.next()
        return raster.pixels.map { pixel in
            let bits = SeededGenerator.splitMix(&counter)
            let sum = Float(bits & 0xFFFF) + Float((bits >> 16) & 0xFFFF) + Float((bits >> 32) & 0xFFFF) + Float(bits >> 48)
            return min(max(pixel * ink + spread * (sum - 2 * 65535), 0), 1)
        }
    }
}
