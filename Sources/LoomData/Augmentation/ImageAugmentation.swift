/// Seeded image augmentation for ``MapData``: pad-and-random-crop and horizontal flip
/// (the CIFAR recipe of the ResNet papers), applied to one image component of each
/// datapoint.
///
/// Images are `[H, W]` or `[C, H, W]` floats (channel-first, as the readers give them).
/// The random choices come from the generator ``MapData`` hands the function, which
/// depends only on the map's seed, the pass and the datapoint's index in the pass; so
/// every epoch sees new crops, the same seed gives the same crops on every machine and
/// thread count, and a resumed run (which restores the map's generator and skips the
/// datapoints already read) continues with exactly the crops it would have made.
///
/// ```swift
/// let augmented = MapData(ShuffleData(train, seed: 1), seed: 2,
///                         augmentation: ImageAugmentation([.padAndRandomCrop(padding: 4), .horizontalFlip]))
/// ```
public struct ImageAugmentation: Sendable, Equatable {
    /// One augmentation step.
    public enum Step: Sendable, Equatable {
        /// Pads each side with `padding` zero pixels, then crops a window of the original
        /// size at a uniformly random offset (each of the `(2·padding + 1)²` offsets equally likely).
        case padAndRandomCrop(padding: Int)
        /// Mirrors the image left to right with probability 1/2.
        case horizontalFlip
    }

    /// The steps, applied in order.
    public let steps: [Step]
    /// The index of the image component in each datapoint.
    public let component: Int

    /// Creates an augmentation.
    /// - Parameters:
    ///   - steps: The steps, applied in order.
    ///   - component: The index of the image in each datapoint (default 0).
    public init(_ steps: [Step], component: Int = 0) {
        self.steps = steps
        self.component = component
    }

    /// Augments the image of `datapoint`, drawing the random choices from `generator`.
    ///
    /// Draws per step, in order: a crop draws the row offset, then the column offset
    /// (`generator.below(2·padding + 1)` each); a flip draws one `generator.below(2)` (1 flips).
    /// - Parameters:
    ///   - datapoint: A datapoint whose ``component`` is an `[H, W]` or `[C, H, W]` float image.
    ///   - generator: The source of the random choices.
    /// - Returns: The datapoint with the augmented image (other components unchanged).
    /// - Throws: `DataFlowError.componentIndex` or `.invalidArgument` for a datapoint that has no such image.
    public func apply(_ datapoint: Datapoint, using generator: inout SeededGenerator) throws -> Datapoint {
        guard datapoint.indices.contains(component) else { throw DataFlowError.componentIndex(index: component, count: datapoint.count) }
        guard case .floats(let shape, var pixels) = datapoint[component], shape.count == 2 || shape.count == 3 else {
            throw DataFlowError.invalidArgument("ImageAugmentation needs component \(component) to be a float image [H, W] or [C, H, W], got \(datapoint[component].typeName) \(datapoint[component].shape)")
        }
        for step in steps {
            switch step {
            case let .padAndRandomCrop(padding):
                guard padding >= 0 else { throw DataFlowError.invalidArgument("padAndRandomCrop needs padding ≥ 0, got \(padding)") }
                let row = generator.below(2 * padding + 1) - padding, column = generator.below(2 * padding + 1) - padding
                pixels = Self.shifted(pixels, shape: shape, rows: row, columns: column)
            case .horizontalFlip:
                if generator.below(2) == 1 { pixels = Self.flippedHorizontally(pixels, shape: shape) }
            }
        }
        var result = datapoint
        result[component] = .floats(shape: shape, values: pixels)
        return result
    }

    /// The crop of the zero-padded image whose top-left corner is `(rows, columns)` away from
    /// the original's: output pixel `(y, x)` is input pixel `(y + rows, x + columns)`, or 0 outside.
    /// - Parameters:
    ///   - pixels: An `[H, W]` or `[C, H, W]` image, row-major.
    ///   - shape: Its shape.
    ///   - rows: The vertical offset, in `-padding...padding`.
    ///   - columns: The horizontal offset, in `-padding...padding`.
    /// - Returns: An image of the same shape.
    public static func shifted(_ pixels: [Float], shape: [Int], rows: Int, columns: Int) -> [Float] {
        let height = shape[shape.count - 2], width = shape[shape.count - 1], planes = pixels.count / max(1, height * width)
        var result = [Float](repeating: 0, count: pixels.count)
        let (left, top) = (max(0, -columns), max(0, -rows))
        let xs = left..<max(left, min(width, width - columns)), ys = top..<max(top, min(height, height - rows))
        guard !xs.isEmpty else { return result }
        for plane in 0..<planes {
            let base = plane * height * width
            for y in ys {
                let target = base + y * width, source = base + (y + rows) * width + columns
                for x in xs { result[target + x] = pixels[source + x] }
            }
        }
        return result
    }

    /// The image mirrored left to right.
    /// - Parameters:
    ///   - pixels: An `[H, W]` or `[C, H, W]` image, row-major.
    ///   - shape: Its shape.
    /// - Returns: An image of the same shape with each row reversed.
    public static func flippedHorizontally(_ pixels: [Float], shape: [Int]) -> [Float] {
        let width = shape[shape.count - 1]
        guard width > 1 else { return pixels }
        var result = pixels
        for start in stride(from: 0, to: pixels.count, by: width) { result[start..<(start + width)].reverse() }
        return result
    }
}
