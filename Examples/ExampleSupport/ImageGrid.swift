import LoomTraining

/// Lays out grayscale images in a grid for TensorBoard (tensorpack's image dumps): row
/// after row of `columns` images, 1-pixel mid-gray lines between them, values in 0…1
/// mapped to 0…255 (clamped).
public enum ImageGrid {
    /// The grid image.
    /// - Parameters:
    ///   - images: Row-major `height × width` images, each `height · width` values.
    ///   - height: Rows per image.
    ///   - width: Columns per image.
    ///   - columns: Images per grid row.
    /// - Returns: A one-channel image.
    public static func make(_ images: [[Float]], height: Int, width: Int, columns: Int) -> Image {
        let columns = max(1, min(columns, images.count)), rows = (images.count + columns - 1) / columns
        let gridWidth = columns * (width + 1) - 1, gridHeight = max(0, rows * (height + 1) - 1)
        var pixels = [UInt8](repeating: 128, count: max(0, gridWidth) * gridHeight)
        for (index, image) in images.enumerated() {
            let top = (index / columns) * (height + 1), left = (index % columns) * (width + 1)
            for y in 0..<height {
                for x in 0..<width where y * width + x < image.count {
                    let value = min(1, max(0, image[y * width + x]))
                    pixels[(top + y) * gridWidth + left + x] = UInt8((value * 255).rounded())
                }
            }
        }
        return Image(width: max(0, gridWidth), height: gridHeight, channels: 1, pixels: pixels)
    }
}
