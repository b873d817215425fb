/// An 8-bit image for image summaries: `height × width × channels` bytes, row-major,
/// channels interleaved (1 = grayscale, 3 = RGB, 4 = RGBA).
public struct Image: Sendable, Equatable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Channels per pixel: 1, 3 or 4.
    public var channels: Int
    /// `height * width * channels` bytes, row by row.
    public var pixels: [UInt8]

    /// Creates an image from raw interleaved bytes.
    /// - Precondition: `pixels.count == width * height * channels` and `channels` is 1, 3 or 4.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition([1, 3, 4].contains(channels), "Image: channels must be 1, 3 or 4, got \(channels)")
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * channels,
                     "Image: \(pixels.count) bytes do not make a \(height)x\(width)x\(channels) image")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}
