extension WinogradConvolution {
    /// Computes the weight gradient of a convolution whose forward pass takes Winograd tiles
    /// (``run(_:_:bias:_:outputs:into:)``'s conditions) into `weightGradient` (OIHW,
    /// overwritten) and returns true; returns false, writing nothing, otherwise.
    ///
    /// In the transformed domain the forward pass multiplies `U = G g Gᵀ` elementwise with
    /// each tile's `V = Bᵀ d B`, so `∂L/∂U = Σ over tiles (A ∂Y Aᵀ) ⊙ V`: α² GEMMs
    /// `[O, tiles] × [tiles, C]` whose inner dimension is every tile of the batch, then
    /// `∂L/∂g = Gᵀ (∂L/∂U) G`. For the digit CNN's second layer that is 64 products per 16
    /// outputs against im2col's 400. The chunks form groups (``ImageChunks/runGroups``) that
    /// run concurrently, each summing into a partial gradient of its own; the partials are
    /// added in group order, so the result is the same on any thread count. (Running the
    /// chunks in turn, with the threads sharing each chunk's transforms and then its α²
    /// GEMMs, was measured too: 3.7–5.6 ms forward + backward on two threads for the digit
    /// CNN's second layer against the groups' 3.3, and 5.6 ms for ResNet's first against
    /// 4.1–4.5.)
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
        let chunk = plan.imagesPerChunk, floats = elements * outputs * g.channels
        let groups = ImageChunks.groupCount(chunks: (g.batch + chunk - 1) / chunk, partialFloats: floats)
        BufferPool.shared.withFloats(groups * floats) { filterGradient in
            ImageChunks.runGroups(batch: g.batch, imagesPerChunk: chunk, groups: groups, bufferFloats: plan.bufferFloats(images: chunk)) { part, buffer in
                let tiles = part.imageCount * plan.tilesPerImage
                let transformed = buffer, gradients = buffer + elements * tiles * plan.channelStride
                let scratch = gradients + elements * tiles * plan.outputStride
                transformInputs(tile, input, first: part.firstImage, count: part.imageCount, plan, into: transformed, scratch: scratch)
                transformGradient(tile, gradient, tiles: tiles, firstImage: part.firstImage, plan, into: gradients, scratch: scratch)
                let partial = filterGradient + part.group * floats
                for element in 0..<elements {
                    Kernels.sgemm(transposeA: true, m: outputs, n: g.channels, k: tiles,
                                  a: gradients + element * plan.outputStride, lda: elements * plan.outputStride,
                                  b: transformed + element * plan.channelStride, ldb: elements * plan.channelStride,
                                  beta: part.startsGroup ? 0 : 1, c: partial + element * outputs * g.channels, ldc: g.channels)
                }
            }
            ImageChunks.addPartials(filterGradient + floats, groups: groups, floats: floats, into: filterGradient)
            transformFilterGradient(tile, filterGradient, plan, into: weightGradient)
        }
    }
}
