extension Tensor {
    /// Validates a convolution and returns its geometry.
    /// - Throws: `ShapeError`, e.g. `conv2d: input [8, 3, 28, 28] and weight [16, 1, 5, 5]: input channels 3 and 1 differ`.
    static func convolutionGeometry(input: [Int], weight: [Int], bias: [Int]? = nil, stride: (Int, Int),
                                    padding: Padding2D) throws(ShapeError) -> WindowGeometry {
        guard weight.count == 4 else { throw ShapeError(op: "conv2d", "input \(input) and weight \(weight): weight must be rank 4 (OIHW)") }
        let geometry = try WindowGeometry(op: "conv2d", input: input, kernel: (weight[2], weight[3]), stride: stride, padding: padding,
                                          detail: " and weight \(weight)")
        guard input[1] == weight[1] else {
            throw ShapeError(op: "conv2d", "input \(input) and weight \(weight): input channels \(input[1]) and \(weight[1]) differ")
        }
        if let bias, bias != [weight[0]] {
            throw ShapeError(op: "conv2d", "weight \(weight) and bias \(bias): the bias must be [\(weight[0])], one value per output channel")
        }
        return geometry
    }

    /// The output shape of ``conv2d(_:_:bias:stride:padding:)``.
    /// - Throws: `ShapeError` naming the input and weight shapes when they do not fit.
    public static func conv2dShape(input: [Int], weight: [Int], stride: (Int, Int) = (1, 1), padding: Padding2D = .valid) throws(ShapeError) -> [Int] {
        let g = try convolutionGeometry(input: input, weight: weight, stride: stride, padding: padding)
        return [g.batch, weight[0], g.outputHeight, g.outputWidth]
    }

    /// 2-D convolution (cross-correlation, as in every deep-learning framework) of an NCHW
    /// input with an OIHW weight, plus an optional bias per output channel. Dilation 1,
    /// groups 1.
    ///
    /// The forward pass of a stride-1 3×3 or 5×5 convolution with at least 8 input and
    /// output channels uses Winograd's minimal filtering, F(4×4, 3×3) or F(4×4, 5×5): 36 or
    /// 64 products per 16 outputs instead of 144 or 400, 3× faster than im2col here, and
    /// within about 1e-5 of the outputs' scale of direct summation (the transforms round a
    /// few more times); so do the weight gradient (in the transformed domain) and the input
    /// gradient when each padding is below the kernel size (it is the forward pass of the
    /// transposed convolution). Each only where the output is large enough for the tiles to
    /// pay (see `WinogradConvolution`). Other convolutions pack the batch into patch
    /// matrices (im2col) of cache-sized chunks of images, so each chunk is one GEMM; the
    /// bias is added while the result is laid out as NCHW, and its gradient is summed while
    /// the incoming gradient is laid out for the GEMMs. With several kernel threads each
    /// thread takes whole chunks (BLAS on one thread per chunk), in the backward pass too:
    /// there the weight and bias gradients are summed per group of chunks and the groups'
    /// sums added in order, so results do not depend on ``Kernels/threadCount``.
    /// - Parameters:
    ///   - input: `[N, C, H, W]`.
    ///   - weight: `[O, C, KH, KW]`.
    ///   - bias: `[O]`, or `nil` for none.
    ///   - stride: Vertical and horizontal step.
    ///   - padding: Border handling.
    /// - Returns: `[N, O, OH, OW]`.
    public static func conv2d(_ input: Tensor, _ weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1),
                              padding: Padding2D = .valid) -> Tensor {
        let g = check { () throws(ShapeError) in
            try convolutionGeometry(input: input.shape, weight: weight.shape, bias: bias?.shape, stride: stride, padding: padding)
        }
        let outputs = weight.shape[0]
        let rows = g.channels * g.kernelHeight * g.kernelWidth
        let plane = g.outputHeight * g.outputWidth
        let result = Tensor.uninitialized([g.batch, outputs, g.outputHeight, g.outputWidth])
        if !WinogradConvolution.run(input.data, weight.data, bias: bias?.data, g, outputs: outputs, into: result.data) {
            forEachChunk(g, rows: rows, outputs: outputs) { first, count, column, product, parallel in
                Im2Col.pack(input.data, g, first: first, count: count, into: column, parallel: parallel)
                let width = count * plane
                Kernels.sgemm(m: outputs, n: width, k: rows, a: weight.data, lda: rows, b: column, ldb: width, c: product, ldc: width)
                ChannelMajor.toImages(product, channels: outputs, plane: plane, first: first, count: count, bias: bias?.data,
                                      into: result.data, parallel: parallel)
            }
        }
        let needInput = input.requiresGradient, needWeight = weight.requiresGradient, needBias = bias?.requiresGradient ?? false
        let hasBias = bias != nil
        let pullback: GraphNode.Pullback = { gradient in
            let inputGradient = needInput ? Tensor.uninitialized(input.shape) : nil
            let weightGradient = needWeight ? Tensor(zeros: weight.shape) : nil
            let biasGradient = needBias ? Tensor(zeros: [outputs]) : nil
            let inputDone = inputGradient.map {
                WinogradConvolution.inputGradient(gradient.data, weight.data, g, outputs: outputs, into: $0.data)
            } ?? true
            let weightDone = weightGradient.map {
                WinogradConvolution.weightGradient(input.data, gradient.data, g, outputs: outputs, into: $0.data)
            } ?? true
            if inputDone, weightDone, let biasGradient {
                ChannelMajor.channelSums(gradient.data, channels: outputs, plane: plane, count: g.batch, into: biasGradient.data)
            } else if !inputDone || !weightDone {
                im2colGradients(input, weight, gradient, g, inputGradient: inputDone ? nil : inputGradient,
                                weightGradient: weightDone ? nil : weightGradient, biasGradient: biasGradient)
            }
            return hasBias ? [inputGradient, weightGradient, biasGradient] : [inputGradient, weightGradient]
        }
        if let bias { return recorded(result, op: "conv2d", inputs: input, weight, bias, pullback: pullback) }
        return recorded(result, op: "conv2d", inputs: input, weight, pullback: pullback)
    }

    /// The patch-matrix size a chunk of images aims at: 256K floats (1 MiB), so packing,
    /// the GEMMs and unpacking of one chunk work in cache. Measured on the digit CNN (one
    /// thread, CPU time of a fixed run): 1 MiB chunks took 27 % less than 32 MiB chunks (the
    /// whole batch); 0.5–2 MiB were within noise of each other, 0.25 MiB was slower.
    static let chunkFloats = 1 << 18

    /// Images per im2col chunk: the patch matrix (`[C·KH·KW, count·OH·OW]`) stays near
    /// ``chunkFloats``, at least one image.
    static func imagesPerChunk(_ g: WindowGeometry, rows: Int) -> Int {
        let plane = Swift.max(g.outputHeight * g.outputWidth, 1)
        return Swift.max(1, Swift.min(g.batch, chunkFloats / Swift.max(rows * plane, 1)))
    }

    /// Runs `body(firstImage, imageCount, column, product, parallel)` over chunks of the
    /// batch (``imagesPerChunk(_:rows:)``): `column` holds the chunk's patch matrix and
    /// `product` `[outputs, count·OH·OW]`; the chunks run concurrently, see
    /// ``ImageChunks/run(batch:imagesPerChunk:bufferFloats:_:)`` for `parallel`.
    private static func forEachChunk(
        _ g: WindowGeometry, rows: Int, outputs: Int,
        _ body: (Int, Int, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Bool) -> Void
    ) {
        let plane = g.outputHeight * g.outputWidth, chunk = imagesPerChunk(g, rows: rows)
        ImageChunks.run(batch: g.batch, imagesPerChunk: chunk, bufferFloats: chunk * (rows + outputs) * plane) { first, count, buffer, parallel in
            body(first, count, buffer, buffer + chunk * rows * plane, parallel)
        }
    }
}
