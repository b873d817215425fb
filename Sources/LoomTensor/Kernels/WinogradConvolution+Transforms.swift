/// The transforms of a Winograd convolution (``WinogradConvolution``): the filters once per
/// call, then each chunk's input tiles and products; for the weight gradient, the output
/// gradient's tiles and the filters' gradient.
extension WinogradConvolution {
    /// `U = G g Gᵀ` for every (output, input) channel pair, as α² matrices `[C, O8]` (the
    /// columns past O zero), eight output channels per vector; input channels are spread
    /// over the kernel threads (each writes only its own rows).
    static func transformFilters<Tile: WinogradTile>(_ tile: Tile.Type, _ weight: UnsafePointer<Float>, _ plan: WinogradPlan,
                                                     into filters: UnsafeMutablePointer<Float>) {
        let r = Tile.kernelSize, alpha = Tile.inputSize, channels = plan.g.channels, stride = plan.outputStride
        Tile.filterMatrix.withUnsafeBufferPointer { matrix in
            Kernels.parallelFor(channels, work: plan.filterFloats) { c in
                // Eight output channels' kernels side by side (`kernel[k·8 + lane]`), then G·g.
                withUnsafeTemporaryAllocation(of: Float.self, capacity: (r * r + alpha * r) * 8) { scratch in
                    let kernel = scratch.baseAddress!, half = kernel + r * r * 8
                    for block in Swift.stride(from: 0, to: plan.outputStride, by: 8) {
                        for lane in 0..<8 {
                            let o = block + lane
                            for k in 0..<(r * r) { kernel[k &* 8 &+ lane] = o < plan.outputs ? weight[(o * channels + c) * r * r + k] : 0 }
                        }
                        for i in 0..<alpha {
                            for j in 0..<r {
                                var total = SIMD8<Float>()
                                for k in 0..<r { total += matrix[i &* r &+ k] * kernel.simd8(at: (k &* r &+ j) &* 8) }
                                half.store(total, at: (i &* r &+ j) &* 8)
                            }
                        }
                        for i in 0..<alpha {
                            for j in 0..<alpha {
                                var total = SIMD8<Float>()
                                for k in 0..<r { total += half.simd8(at: (i &* r &+ k) &* 8) * matrix[j &* r &+ k] }
                                filters.store(total, at: ((i * alpha + j) * channels + c) * stride + block)
                            }
                        }
                    }
                }
            }
        }
    }

    /// ``transformInput(_:_:image:_:into:firstTile:scratch:)`` for images
    /// `first..<first+count`: their tiles, in order, from tile 0 of `transformed`.
    static func transformInputs<Tile: WinogradTile>(
        _ tile: Tile.Type, _ input: UnsafePointer<Float>, first: Int, count: Int, _ plan: WinogradPlan,
        into transformed: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        for image in 0..<count {
            transformInput(tile, input, image: first + image, plan, into: transformed, firstTile: image * plan.tilesPerImage,
                           scratch: scratch)
        }
    }

    /// Copies image `image` channel-last with its padding into `scratch`, then writes
    /// `Bᵀ d B` of each of its tiles to `transformed[element, firstTile + tile, channel]`.
    private static func transformInput<Tile: WinogradTile>(
        _ tile: Tile.Type, _ input: UnsafePointer<Float>, image: Int, _ plan: WinogradPlan,
        into transformed: UnsafeMutablePointer<Float>, firstTile: Int, scratch: UnsafeMutablePointer<Float>
    ) {
        let g = plan.g, m = Tile.outputSize, alpha = Tile.inputSize, stride = plan.channelStride, width = plan.paddedWidth
        let padded = scratch, columns = scratch + plan.paddedFloats
        padded.initialize(repeating: 0, count: plan.paddedFloats)
        let plane = g.height * g.width
        let whole = g.channels / 8 * 8
        for block in Swift.stride(from: 0, to: whole, by: 8) {
            // Eight channels at once, built in registers (lane by lane through the stack
            // would stall store forwarding).
            let source = input + (image * g.channels + block) * plane
            for y in 0..<g.height {
                let row = padded + ((y + g.top) * width + g.left) * stride + block
                for x in 0..<g.width {
                    let at = source + (y &* g.width &+ x)
                    let vector = SIMD8<Float>(at[0], at[plane], at[2 &* plane], at[3 &* plane],
                                              at[4 &* plane], at[5 &* plane], at[6 &* plane], at[7 &* plane])
                    row.store(vector, at: x &* stride)
                }
            }
        }
        for c in whole..<g.channels {
            let source = input + (image * g.channels + c) * plane
            for y in 0..<g.height {
                let row = padded + ((y + g.top) * width + g.left) * stride + c
                for x in 0..<g.width { row[x &* stride] = source[y &* g.width &+ x] }
            }
        }
        for tileRow in 0..<plan.tilesHigh {
            for block in Swift.stride(from: 0, to: stride, by: 8) {
                let top = padded + tileRow * m * width * stride + block
                for x in 0..<width {
                    Tile.transformInput(top + x * stride, stride: width * stride, into: columns + x * 8, stride: width * 8)
                }
                for tileColumn in 0..<plan.tilesWide {
                    let tileIndex = firstTile + tileRow * plan.tilesWide + tileColumn
                    let target = transformed + tileIndex * Tile.tileElements * stride + block
                    for i in 0..<alpha {
                        Tile.transformInput(columns + (i * width + tileColumn * m) * 8, stride: 8,
                                            into: target + i * alpha * stride, stride: stride)
                    }
                }
            }
        }
    }

    /// Writes `Aᵀ M A + bias` of every tile of the chunk to `output` (NCHW), leaving out
    /// the positions past the output's edge.
    static func transformOutput<Tile: WinogradTile>(
        _ tile: Tile.Type, _ products: UnsafePointer<Float>, tiles: Int, firstImage: Int, _ plan: WinogradPlan,
        bias: UnsafePointer<Float>?, into output: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let g = plan.g, m = Tile.outputSize, alpha = Tile.inputSize, stride = plan.outputStride
        let rows = scratch, values = scratch + alpha * m * 8
        for tileIndex in 0..<tiles {
            let (image, top, left, height, width) = plan.tile(tileIndex, firstImage: firstImage)
            for block in Swift.stride(from: 0, to: plan.outputs, by: 8) {
                let source = products + tileIndex * Tile.tileElements * stride + block
                for i in 0..<alpha {
                    Tile.transformOutput(source + i * alpha * stride, stride: stride, into: rows + i * m * 8, stride: 8)
                }
                let shift = bias.map { $0.simd8(at: block, count: Swift.min(8, plan.outputs - block)) } ?? SIMD8()
                for j in 0..<m {
                    Tile.transformOutput(rows + j * 8, stride: m * 8, into: values + j * 8, stride: m * 8)
                }
                for i in 0..<m { for j in 0..<m { values.store(values.simd8(at: (i * m + j) * 8) + shift, at: (i * m + j) * 8) } }
                for lane in 0..<Swift.min(8, plan.outputs - block) {
                    let target = output + ((image * plan.outputs + block + lane) * g.outputHeight + top) * g.outputWidth + left
                    for i in 0..<height {
                        for j in 0..<width { target[i &* g.outputWidth &+ j] = values[(i &* m &+ j) &* 8 &+ lane] }
                    }
                }
            }
        }
    }

    /// Writes `A ∂Y Aᵀ` of every tile of the chunk (the output gradient, zero past the
    /// output's edge and past O) to `gradients[firstTile + tile, element, channel]`.
    static func transformGradient<Tile: WinogradTile>(
        _ tile: Tile.Type, _ gradient: UnsafePointer<Float>, tiles: Int, firstImage: Int, _ plan: WinogradPlan,
        into gradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let g = plan.g, m = Tile.outputSize, alpha = Tile.inputSize, stride = plan.outputStride
        let values = scratch, columns = scratch + m * m * 8
        for tileIndex in 0..<tiles {
            let (image, top, left, height, width) = plan.tile(tileIndex, firstImage: firstImage)
            for block in Swift.stride(from: 0, to: stride, by: 8) {
                values.initialize(repeating: 0, count: m * m * 8)
                for lane in 0..<Swift.min(8, plan.outputs - block) {
                    let source = gradient + ((image * plan.outputs + block + lane) * g.outputHeight + top) * g.outputWidth + left
                    for i in 0..<height {
                        for j in 0..<width { values[(i &* m &+ j) &* 8 &+ lane] = source[i &* g.outputWidth &+ j] }
                    }
                }
                for j in 0..<m {
                    Tile.transformGradient(values + j * 8, stride: m * 8, into: columns + j * 8, stride: m * 8)
                }
                let target = gradients + tileIndex * Tile.tileElements * stride + block
                for i in 0..<alpha {
                    Tile.transformGradient(columns + i * m * 8, stride: 8, into: target + i * alpha * stride, stride: stride)
                }
            }
        }
    }

    /// `∂L/∂g = Gᵀ (∂L/∂U) G` for every (output, input) channel pair, from α² matrices
    /// `[O, C]`, eight input channels per vector, into `weightGradient` (OIHW); output
    /// channels are spread over the kernel threads (each writes only its own kernels).
    static func transformFilterGradient<Tile: WinogradTile>(_ tile: Tile.Type, _ filterGradient: UnsafePointer<Float>, _ plan: WinogradPlan,
                                                            into weightGradient: UnsafeMutablePointer<Float>) {
        let r = Tile.kernelSize, alpha = Tile.inputSize, channels = plan.g.channels, outputs = plan.outputs
        let elementStride = outputs * channels
        Tile.filterMatrix.withUnsafeBufferPointer { matrix in
            Kernels.parallelFor(outputs, work: alpha * alpha * elementStride) { o in
                withUnsafeTemporaryAllocation(of: Float.self, capacity: (r * alpha + r * r) * 8) { scratch in
                    let half = scratch.baseAddress!, kernel = half + r * alpha * 8
                    for block in Swift.stride(from: 0, to: channels, by: 8) {
                        let lanes = Swift.min(8, channels - block), source = filterGradient + o * channels + block
                        for k in 0..<r {
                            for j in 0..<alpha {
                                var total = SIMD8<Float>()
                                for i in 0..<alpha {
                                    total += matrix[i &* r &+ k] * source.simd8(at: (i &* alpha &+ j) &* elementStride, count: lanes)
                                }
                                half.store(total, at: (k &* alpha &+ j) &* 8)
                            }
                        }
                        for k in 0..<r {
                            for l in 0..<r {
                                var total = SIMD8<Float>()
                                for j in 0..<alpha { total += half.simd8(at: (k &* alpha &+ j) &* 8) * matrix[j &* r &+ l] }
                                kernel.store(total, at: (k &* r &+ l) &* 8)
                            }
                        }
                        for lane in 0..<lanes {
                            let target = weightGradient + (o * channels + block + lane) * r * r
                            for k in 0..<(r * r) { target[k] = kernel[k &* 8 &+ lane] }
                        }
                    }
                }
            }
        }
    }
}
