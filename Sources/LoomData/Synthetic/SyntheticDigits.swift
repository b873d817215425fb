/// A deterministic, procedurally drawn digits dataset (an offline stand-in for MNIST).
///
/// Sample `i` has label `i % 10` (so labels are exactly balanced) and an image drawn from
/// that digit's strokes with a generator seeded by `(seed, i)`: a smooth random warp of the
/// strokes, anti-aliased rasterisation at a random stroke width, a random affine jitter
/// (rotation ±15°, scale 0.85–1.15, slant ±0.15, shift ±2 px at 28×28), approximately Gaussian pixel
/// noise (σ = 0.08) and clipping to 0…1. Images are generated on demand, so any index costs the
/// same and equal seeds give equal images. Datapoint: `[image .floats([side, side]), label]`.
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
    /// The standard deviation of the pixel noise.
    public let noise: Float

    /// Creates a dataset.
    /// - Parameters:
    ///   - count: The number of samples.
    ///   - seed: The seed; equal seeds give equal images.
    ///   - side: The image side (28 like MNIST; ≥ 8).
    ///   - noise: The pixel-noise standard deviation.
    public init(count: Int, seed: UInt64, side: Int = 28, noise: Float = 0.08) {
        self.size = max(0, count)
        self.seed = seed
        self.side = max(8, side)
        self.noise = noise
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
        let scaleToSide = Float(side) / 28
        let angle = Double(rng.uniform(-15, 15)) * Double.pi / 180
        let scale = rng.uniform(0.85, 1.15)
        let aspect = rng.uniform(0.9, 1.1)
        let slant = rng.uniform(-0.15, 0.15)
        let shift = SIMD2<Float>(rng.uniform(-2, 2), rng.uniform(-2, 2)) * scaleToSide
        let radius = rng.uniform(0.9, 1.6) * max(scaleToSide, 0.45)
        let warp = (rng.uniform(-0.04, 0.04), rng.uniform(-0.04, 0.04), rng.uniform(0, 6.3), rng.uniform(0, 6.3))
        let (cosA, sinA) = (Float(_cos(angle)), Float(_cos(angle - Double.pi / 2)))
        let glyph = 20 * scaleToSide * scale
        let center = SIMD2<Float>(repeating: Float(side) / 2) + shift
        func place(_ p: SIMD2<Float>) -> SIMD2<Float> {
            let warped = SIMD2<Float>(p.x + warp.0 * Float(_cos(Double(6.28 * p.y + warp.2))),
                                      p.y + warp.1 * Float(_cos(Double(6.28 * p.x + warp.3))))
            var q = (warped - 0.5) * glyph
            q.x = q.x * aspect + slant * q.y
            return center + SIMD2(cosA * q.x - sinA * q.y, sinA * q.x + cosA * q.y)
        }
        var raster = StrokeRasterizer(side: side)
        for stroke in DigitGlyphs.strokes[index % 10] {
            let points = stroke.map(place)
            for k in 1..<points.count { raster.segment(points[k - 1], points[k], radius: radius) }
        }
        let ink = rng.uniform(0.8, 1)
        // Approximately Gaussian noise (sum of four uniforms, unit variance): a fraction of
        // the cost of Box–Muller per pixel, and just as deterministic.
        let spread = noise * Float(3.0.squareRoot()) / Float(UInt32.max)
        return raster.pixels.map { pixel in
            let (a, b) = (rng.next(), rng.next())
            let sum = Float(UInt32(truncatingIfNeeded: a)) + Float(UInt32(truncatingIfNeeded: a >> 32))
                + Float(UInt32(truncatingIfNeeded: b)) + Float(UInt32(truncatingIfNeeded: b >> 32))
            return min(max(pixel * ink + spread * (sum - 2 * Float(UInt32.max)), 0), 1)
        }
    }
}
