extension Image {
    /// Creates an 8-bit image from floating-point pixel values.
    ///
    /// Each value is mapped linearly from `range` to 0–255, rounded and clamped, so
    /// values outside the range saturate and NaN becomes 0.
    /// - Parameters:
    ///   - floats: `height × width × channels` values, row-major, channels interleaved.
    ///   - width: width in pixels.
    ///   - height: height in pixels.
    ///   - channels: 1 (grayscale), 3 (RGB) or 4 (RGBA).
    ///   - range: the values that map to 0 and 255: `0...1` (default) or `0...255`.
    /// - Throws: ``ImageConversionError`` if the count or channel number does not fit.
    public init(floats: [Float], width: Int, height: Int, channels: Int,
                range: ClosedRange<Float> = 0...1) throws(ImageConversionError) {
        try Image.check(count: floats.count, images: 1, width: width, height: height, channels: channels)
        self.init(width: width, height: height, channels: channels, pixels: Image.quantize(floats[...], range: range))
    }

    /// Splits an NHWC batch of floating-point pixels into images.
    /// - Parameters:
    ///   - floats: `count × height × width × channels` values.
    ///   - count: the number of images (N).
    ///   - range: the values that map to 0 and 255.
    /// - Returns: `count` images in batch order.
    /// - Throws: ``ImageConversionError`` if the sizes do not fit.
    public static func batch(floats: [Float], count: Int, height: Int, width: Int, channels: Int,
                             range: ClosedRange<Float> = 0...1) throws(ImageConversionError) -> [Image] {
        try check(count: floats.count, images: count, width: width, height: height, channels: channels)
        let size = height * width * channels
        return (0..<count).map { index in
            Image(width: width, height: height, channels: channels,
                  pixels: quantize(floats[(index * size)..<((index + 1) * size)], range: range))
        }
    }

    private static func quantize(_ floats: ArraySlice<Float>, range: ClosedRange<Float>) -> [UInt8] {
        let low = range.lowerBound
        let span = range.upperBound - range.lowerBound
        let scale: Float = span > 0 ? 255 / span : 0
        return floats.map { value in
            let scaled = ((value - low) * scale).rounded()
            guard scaled > 0 else { return 0 }  // also NaN
            return scaled >= 255 ? 255 : UInt8(scaled)
        }
    }

    private static func check(count: Int, images: Int, width: Int, height: Int, channels: Int) throws(ImageConversionError) {
        guard [1, 3, 4].contains(channels) else { throw .unsupportedChannels(channels) }
        guard images >= 0, width >= 0, height >= 0 else {
            throw .sizeMismatch(expected: 0, found: count, shape: [images, height, width, channels])
        }
        let (product, overflow) = images.multipliedReportingOverflow(by: width * height * channels)
        guard !overflow, product == count else {
            throw .sizeMismatch(expected: overflow ? Int.max : product, found: count, shape: [images, height, width, channels])
        }
    }
}

/// Pixel values could not be turned into an ``Image``.
public enum ImageConversionError: Error, Equatable, CustomStringConvertible {
    /// Channels must be 1 (grayscale), 3 (RGB) or 4 (RGBA).
    case unsupportedChannels(Int)
    /// The number of values does not match the shape (`[N, H, W, C]`).
    case sizeMismatch(expected: Int, found: Int, shape: [Int])

    /// What went wrong and what to do, for logs and error output.
    public var description: String {
        switch self {
        case let .unsupportedChannels(channels):
            return "an image needs 1 (grayscale), 3 (RGB) or 4 (RGBA) channels, got \(channels)"
        case let .sizeMismatch(expected, found, shape):
            return "image shape \(shape) (NHWC) needs \(expected) values, got \(found); check the width, height and channel order"
        }
    }
}
