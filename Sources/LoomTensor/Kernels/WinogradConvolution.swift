/// The forward pass (and, through the transposed convolution, the input gradient) of a
/// stride-1 convolution with a 3×3 or 5×5 kernel by Winograd tiles (``WinogradTile``):
/// F(4×4, 3×3), 36 products per 16 outputs instead of 144, or F(4×4, 5×5), 64 instead of
/// 400. (F(2×2, 5×5), 36 per 4 outputs, was measured too: the digit CNN's second layer took
/// 2.3–2.4 ms forward against F(4×4, 5×5)'s 1.3–1.8, 64 images; its input gradient did not
/// pay at all.)
///
/// For a chunk of images: each image is copied channel-last with its padding; every α×α
/// tile of every channel is transformed (`Bᵀ d B`, eight channels per vector, the column
/// pass shared by the tiles of a row) into α² matrices `[tiles, C]`; α² GEMMs multiply
/// them by the transformed filters `[C, O]`; each tile's α² products become its m×m outputs
/// (`Aᵀ M A`, eight output channels per vector) plus the bias. Chunks are independent
/// (``ImageChunks``), so the results do not depend on the thread count.
enum WinogradConvolution {
    /// Input and output channels below which im2col + GEMM is used: with few channels the
    /// GEMMs are too thin, and vectors of eight channels too empty, for the transforms to
    /// pay off. Measured (`loom-bench kernels`, 64 images 32×32, 3×3, one thread): 8
    /// channels 1.3–1.5 ms against im2col's 2.5–2.6; 4 and 3 channels within noise of
    /// im2col; 1 channel (LeNet's first layer) 4.0 ms against 0.9–1.2.
    static let minimumChannels = 8

    /// Computes `input ⋆ weight + bias` into `output` (NCHW) and returns true when the
    /// geometry suits Winograd tiles: stride 1, a 3×3 or 5×5 kernel, at least
    /// ``minimumChannels`` input and output channels, and an output large enough that the
    /// tiles' products are at most half of direct summation's (see
    /// ``pays(height:width:kernel:directPositions:)``). Returns false, writing nothing,
    /// otherwise.
    static func run(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?, _ g: WindowGeometry,
                    outputs: Int, into output: UnsafeMutablePointer<Float>) -> Bool {
        guard suits(g, outputs: outputs) else { return false }
        convolve(input, weight, bias: bias, g, outputs: outputs, into: output)
        return true
    }

    /// Whether the forward pass (and the weight gradient) of a convolution take Winograd
    /// tiles: see ``run(_:_:bias:_:outputs:into:)``.
    static func suits(_ g: WindowGeometry, outputs: Int) -> Bool {
        g.strideHeight == 1 && g.strideWidth == 1 && g.kernelHeight == g.kernelWidth && g.batch > 0
            && g.channels >= minimumChannels && outputs >= minimumChannels
            && pays(height: g.outputHeight, width: g.outputWidth, kernel: g.kernelHeight, directPositions: g.outputHeight * g.outputWidth)
    }

    /// Computes the input gradient of a stride-1 convolution into `inputGradient` (NCHW)
    /// as the forward pass of its transpose, and returns true, when that suits Winograd
    /// tiles: `gradient` (the outputs' gradient) correlated with the kernels turned by 180°,
    /// input and output channels swapped, padded by r − 1 − p on each side (so each padding
    /// must be below the kernel size). The transpose's output is the input, larger than the
    /// forward output for valid padding; its tiles must still pay against im2col's product
    /// count (r² per forward output position). They do for same-padded 3×3 layers (ResNet's:
    /// 20.9 → 17.1 ms forward + backward, 64 images 16×32×32) and for the digit CNN's valid
    /// 5×5 second layer (0.36 of im2col's products; with F(2×2, 5×5) tiles it was 0.81 and
    /// no faster). Returns false, writing nothing, otherwise.
    static func inputGradient(_ gradient: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ g: WindowGeometry, outputs: Int,
                              into inputGradient: UnsafeMutablePointer<Float>) -> Bool {
        let r = g.kernelHeight
        let bottom = g.outputHeight + r - 1 - g.height - g.top, right = g.outputWidth + r - 1 - g.width - g.left
        let padding = Padding2D.explicit(top: r - 1 - g.top, bottom: r - 1 - bottom, left: r - 1 - g.left, right: r - 1 - right)
        guard g.strideHeight == 1, g.strideWidth == 1, g.kernelWidth == r, g.batch > 0,
              outputs >= minimumChannels, g.channels >= minimumChannels, g.top < r, bottom < r, g.left < r, right < r,
              pays(height: g.height, width: g.width, kernel: r, directPositions: g.outputHeight * g.outputWidth),
              let transposed = try? WindowGeometry(op: "conv2d", input: [g.batch, outputs, g.outputHeight, g.outputWidth],
                                                   kernel: (r, r), stride: (1, 1), padding: padding),
              transposed.outputHeight == g.height, transposed.outputWidth == g.width
        else { return false }
        let kernelFloats = r * r
        BufferPool.shared.withFloats(outputs * g.channels * kernelFloats) { turned in
            for o in 0..<outputs {
                for c in 0..<g.channels {
                    let source = weight + (o * g.channels + c) * kernelFloats, target = turned + (c * outputs + o) * kernelFloats
                    for k in 0..<kernelFloats { target[k] = source[kernelFloats - 1 - k] }
                }
            }
            convolve(gradient, turned, bias: nil, transposed, outputs: g.channels, into: inputGradient)
        }
        return true
    }

    /// Whether Winograd tiles over a `height × width` output of an r×r kernel (r = 3 or 5)
    /// take at most half the products of im2col + GEMM, r² per position of
    /// `directPositions`: α² per tile, partial edge tiles included, so small outputs (a 2×2
    /// output of a 3×3 kernel: 36 against 36) stay on im2col.
    static func pays(height: Int, width: Int, kernel r: Int, directPositions: Int) -> Bool {
        guard r == 3 || r == 5 else { return false }
        let (m, elements) = r == 3 ? (WinogradF4x3.outputSize, WinogradF4x3.tileElements)
            : (WinogradF4x5.outputSize, WinogradF4x5.tileElements)
        let tiles = ((height + m - 1) / m) * ((width + m - 1) / m)
        return 2 * elements * tiles <= r * r * directPositions
    }

    /// Dispatches to the tile type of the (3×3 or 5×5) kernel.
    private static func convolve(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                                 _ g: WindowGeometry, outputs: Int, into output: UnsafeMutablePointer<Float>) {
        if g.kernelHeight == 3 {
            convolve(WinogradF4x3.self, input, weight, bias: bias, g, outputs: outputs, into: output)
        } else {
            convolve(WinogradF4x5.self, input, weight, bias: bias, g, outputs: outputs, into: output)
        }
    }

    /// Floats of a chunk's transformed inputs and products that a chunk aims at: 1 MiB.
    /// Measured on the digit CNN's validation pass (one thread, 20,000 images, three runs
    /// each, per 10,000): 0.55–0.60 s; 2 MiB 0.58–0.62 s, 4 MiB 0.59–0.62 s, 8 MiB
    /// 0.60–0.70 s. Each tile's α² transformed values lie together (the GEMMs' leading
    /// dimensions are α² rows), so both transforms read and write memory in order: with α²
    /// separate matrices the output transform's loads missed cache (0.78 s, F(2×2, 5×5)).
    static let chunkFloats = 1 << 18

    private static func convolve<Tile: WinogradTile>(_ tile: Tile.Type, _ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                                                     bias: UnsafePointer<Float>?, _ g: WindowGeometry, outputs: Int,
                                                     into output: UnsafeMutablePointer<Float>) {
        let plan = WinogradPlan(tile, g, outputs: outputs)
        BufferPool.shared.withFloats(plan.filterFloats) { filters in
            transformFilters(tile, weight, plan, into: filters)
            convolveChunks(tile, input, filters: filters, bias: bias, plan, into: output)
        }
    }

    /// Runs the chunks of a convolution whose transformed filters are `filters`.
    private static func convolveChunks<Tile: WinogradTile>(_ tile: Tile.Type, _ input: UnsafePointer<Float>, filters: UnsafePointer<Float>,
                                                           bias: UnsafePointer<Float>?, _ plan: WinogradPlan,
                                                           into output: UnsafeMutablePointer<Float>) {
        let g = plan.g, elements = Tile.tileElements
        let chunk = plan.imagesPerChunk
        ImageChunks.run(batch: g.batch, imagesPerChunk: chunk, bufferFloats: plan.bufferFloats(images: chunk)) { first, count, buffer, _ in
            let tiles = count * plan.tilesPerImage
            let transformed = buffer, products = buffer + elements * tiles * plan.channelStride
            let scratch = products + elements * tiles * plan.outputStride
            transformInputs(tile, input, first: first, count: count, plan, into: transformed, scratch: scratch)
            for element in 0..<elements {
                Kernels.sgemm(m: tiles, n: plan.outputStride, k: g.channels,
                              a: transformed + element * plan.channelStride, lda: elements * plan.channelStride,
                              b: filters + element * g.channels * plan.outputStride, ldb: plan.outputStride,
                              c: products + element * plan.outputStride, ldc: elements * plan.outputStride)
            }
            transformOutput(tile, products, tiles: tiles, firstImage: first, plan, bias: bias, into: output, scratch: scratch)
        }
    }
}
