extension WinogradConvolution {
    /// Computes the weight gradient of a convolution whose forward pass takes Winograd tiles
    /// (``run(_:_:bias:_:outputs:into:)``'s conditions) into `weightGradient` (OIHW,
    /// overwritten) and returns true; returns false, writing nothing, otherwise.
    ///
    /// In the transformed domain the forward pass multiplies `U = G g Gᵀ` elementwise with
    /// each tile's `V = Bᵀ d B`, so `∂L/∂U = Σ over tiles (A ∂Y Aᵀ) ⊙ V`: α² GEMMs
    /// `[O, tiles] × [tiles, C]` whose inner dimension is every tile of the batch, then
    /// `∂L/∂g = Gᵀ (∂L/∂U) G`. For the digit CNN's second layer that is 64 products per 16
    /// outputs against im2col's 400. Chunks run one after another (BLAS may spread each GEMM
    /// over the threads), accumulating in the same order on any thread count.
    static func weightGradient(_ input: UnsafePointer<Float>, _ gradient: UnsafePointer<Float>, _ g: WindowGeometry, outputs: Int,
                               into weightGradient: UnsafeMutablePointer<Float>) -> Bool {
        guard suits(g, outputs: outputs) else { return false }
        if g.kernelHeight == 3 {
            accumulateWeightGradient(WinogradF4x3.self, input, gradient, g, outputs: outputs, into: weightGradient)
        } else {
            accumulateWeightGradient(WinogradF4x5.self, input, gradient, g, outputs: outputs, into: weightGradient)
        }
        return true
    }

    private static func accumulateWeightGradient<Tile: WinogradTile>(
        _ tile: Tile.Type, _ input: UnsafePointer<Float>, _ gradient: UnsafePointer<Float>, _ g: WindowGeometry, outputs: Int,
        into weightGradient: UnsafeMutablePointer<Float>
    ) {
        let plan = WinogradPlan(tile, g, outputs: outputs), elements = Tile.tileElements
        let chunk = plan.imagesPerChunk
        BufferPool.shared.withFloats(plan.filterFloats) { filterGradient in
            filterGradient.initialize(repeating: 0, count: plan.filterFloats)
            ImageChunks.run(batch: g.batch, imagesPerChunk: chunk, bufferFloats: plan.bufferFloats(images: chunk),
                            concurrently: false) { first, count, buffer, _ in
                let tiles = count * plan.tilesPerImage
                let transformed = buffer, gradients = buffer + elements * tiles * plan.channelStride
                let scratch = gradients + elements * tiles * plan.outputStride
                transformInputs(tile, input, first: first, count: count, plan, into: transformed, scratch: scratch)
                transformGradient(tile, gradient, tiles: tiles, firstImage: first, plan, into: gradients, scratch: scratch)
                for element in 0..<elements {
                    Kernels.sgemm(transposeA: true, m: outputs, n: g.channels, k: tiles,
                                  a: gradients + element * plan.outputStride, lda: elements * plan.outputStride,
                                  b: transformed + element * plan.channelStride, ldb: elements * plan.channelStride,
                                  beta: 1, c: filterGradient + element * outputs * g.channels, ldc: g.channels)
                }
            }
            transformFilterGradient(tile, filterGradient, plan, into: weightGradient)
        }
    }
}
