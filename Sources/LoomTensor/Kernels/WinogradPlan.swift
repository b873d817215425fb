/// The sizes of one Winograd convolution: tiles, channel-last strides and buffers.
struct WinogradPlan {
    var g: WindowGeometry
    var outputs: Int
    var tilesHigh: Int, tilesWide: Int
    /// Floats between neighbouring tiles (C rounded up to 8) in the transformed inputs.
    var channelStride: Int
    /// The same for the products: O rounded up to 8.
    var outputStride: Int
    /// The padded image's rows and columns: whole tiles.
    var paddedHeight: Int, paddedWidth: Int
    /// m: a tile's output rows and columns.
    var outputTile: Int
    /// α and α²: a tile's input rows and products.
    var tileSize: Int, tileElements: Int

    init<Tile: WinogradTile>(_ tile: Tile.Type, _ g: WindowGeometry, outputs: Int) {
        let m = Tile.outputSize
        self.g = g
        self.outputs = outputs
        tilesHigh = (g.outputHeight + m - 1) / m
        tilesWide = (g.outputWidth + m - 1) / m
        channelStride = (g.channels + 7) / 8 * 8
        outputStride = (outputs + 7) / 8 * 8
        paddedHeight = tilesHigh * m + Tile.kernelSize - 1
        paddedWidth = tilesWide * m + Tile.kernelSize - 1
        outputTile = m
        tileSize = Tile.inputSize
        tileElements = Tile.tileElements
    }

    var tilesPerImage: Int { tilesHigh * tilesWide }

    /// Images per chunk: the transformed inputs and products stay near
    /// ``WinogradConvolution/chunkFloats``, at least one image.
    var imagesPerChunk: Int {
        let perImage = tileElements * tilesPerImage * (channelStride + outputStride)
        return Swift.max(1, Swift.min(g.batch, WinogradConvolution.chunkFloats / perImage))
    }

    /// Where tile `index` of a chunk starting at image `firstImage` lies in the output:
    /// its image, top-left position, and the rows and columns inside the output's edge.
    func tile(_ index: Int, firstImage: Int) -> (image: Int, top: Int, left: Int, height: Int, width: Int) {
        let inImage = index % tilesPerImage
        let top = inImage / tilesWide * outputTile, left = inImage % tilesWide * outputTile
        return (firstImage + index / tilesPerImage, top, left,
                Swift.min(outputTile, g.outputHeight - top), Swift.min(outputTile, g.outputWidth - left))
    }
    var filterFloats: Int { tileElements * g.channels * outputStride }
    var paddedFloats: Int { paddedHeight * paddedWidth * channelStride }

    /// Scratch for one image's input transform (the padded image and the column pass) or
    /// one tile's output (or output gradient) transform: one tile's m×m and α×m vectors
    /// of eight lanes, m ≤ 4.
    var scratchFloats: Int {
        Swift.max(paddedFloats + tileSize * paddedWidth * 8, tileSize * 4 * 8 + 16 * 8)
    }

    /// A chunk's buffer: transformed inputs, products (or transformed output gradients), and
    /// ``scratchFloats``.
    func bufferFloats(images: Int) -> Int {
        images * tilesPerImage * tileElements * (channelStride + outputStride) + scratchFloats
    }
}
