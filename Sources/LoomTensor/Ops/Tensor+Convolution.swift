extension Tensor {
    /// Validates a convolution and returns its geometry.
    /// - Throws: `ShapeError`, e.g. `conv2d: input [8, 3, 28, 28] and weight [16, 1, 5, 5]: input channels 3 and 1 differ`.
    static func convolutionGeometry(input: [Int], weight: [Int], stride: (Int, Int), padding: Padding2D) throws(ShapeError) -> WindowGeometry {
        guard weight.count == 4 else { throw ShapeError(op: "conv2d", "input \(input) and weight \(weight): weight must be rank 4 (OIHW)") }
        let geometry = try WindowGeometry(op: "conv2d", input: input, kernel: (weight[2], weight[3]), stride: stride, padding: padding,
                                          detail: " and weight \(weight)")
        guard input[1] == weight[1] else {
            throw ShapeError(op: "conv2d", "input \(input) and weight \(weight): input channels \(input[1]) and \(weight[1]) differ")
        }
        return geometry
    }

    /// The output shape of ``conv2d(_:_:stride:padding:)``.
    /// - Throws: `ShapeError` naming the input and weight shapes when they do not fit.
    public static func conv2dShape(input: [Int], weight: [Int], stride: (Int, Int) = (1, 1), padding: Padding2D = .valid) throws(ShapeError) -> [Int] {
        let g = try convolutionGeometry(input: input, weight: weight, stride: stride, padding: padding)
        return [g.batch, weight[0], g.outputHeight, g.outputWidth]
    }

    /// 2-D convolution (cross-correlation, as in every deep-learning framework) of an NCHW
    /// input with an OIHW weight, via im2col + GEMM. Dilation 1, groups 1; add a bias separately.
    /// - Parameters:
    ///   - input: `[N, C, H, W]`.
    ///   - weight: `[O, C, KH, KW]`.
    ///   - stride: Vertical and horizontal step.
    ///   - padding: Border handling.
    /// - Returns: `[N, O, OH, OW]`.
    public static func conv2d(_ input: Tensor, _ weight: Tensor, stride: (Int, Int) = (1, 1), padding: Padding2D = .valid) -> Tensor {
        let g = check { () throws(ShapeError) in try convolutionGeometry(input: input.shape, weight: weight.shape, stride: stride, padding: padding) }
        let outputs = weight.shape[0]
        let rows = g.channels * g.kernelHeight * g.kernelWidth
        let plane = g.outputHeight * g.outputWidth
        let result = Tensor.uninitialized([g.batch, outputs, g.outputHeight, g.outputWidth])
        forEachChunk(g, rows: rows) { first, count, column in
            im2col(input.data, g, first: first, count: count, into: column)
            let product = UnsafeMutablePointer<Float>.allocate(capacity: outputs * count * plane)
            defer { product.deallocate() }
            Kernels.sgemm(m: outputs, n: count * plane, k: rows, a: weight.data, lda: rows, b: column, ldb: count * plane, c: product, ldc: count * plane)
            for image in 0..<count {
                for output in 0..<outputs {
                    (result.data + ((first + image) * outputs + output) * plane).update(from: product + output * count * plane + image * plane, count: plane)
                }
            }
        }
        let needInput = input.requiresGradient, needWeight = weight.requiresGradient
        return recorded(result, op: "conv2d", inputs: input, weight) { gradient in
            let inputGradient = needInput ? Tensor(zeros: input.shape) : nil
            let weightGradient = needWeight ? Tensor(zeros: weight.shape) : nil
            forEachChunk(g, rows: rows) { first, count, column in
                let width = count * plane
                let gathered = UnsafeMutablePointer<Float>.allocate(capacity: outputs * width)
                defer { gathered.deallocate() }
                for image in 0..<count {
                    for output in 0..<outputs {
                        (gathered + output * width + image * plane).update(from: gradient.data + ((first + image) * outputs + output) * plane, count: plane)
                    }
                }
                if let weightGradient {
                    im2col(input.data, g, first: first, count: count, into: column)
                    Kernels.sgemm(transposeB: true, m: outputs, n: rows, k: width, a: gathered, lda: width, b: column, ldb: width,
                                  beta: 1, c: weightGradient.data, ldc: rows)
                }
                if let inputGradient {
                    Kernels.sgemm(transposeA: true, m: rows, n: width, k: outputs, a: weight.data, lda: rows, b: gathered, ldb: width,
                                  c: column, ldc: width)
                    col2im(column, g, first: first, count: count, into: inputGradient.data)
                }
            }
            return [inputGradient, weightGradient]
        }
    }

    /// Runs `body(firstImage, imageCount, columnBuffer)` over chunks of the batch sized so
    /// the im2col buffer stays near 8M floats.
    private static func forEachChunk(_ g: WindowGeometry, rows: Int, _ body: (Int, Int, UnsafeMutablePointer<Float>) -> Void) {
        let perImage = Swift.max(rows * g.outputHeight * g.outputWidth, 1)
        let chunk = Swift.max(1, Swift.min(g.batch, (8 << 20) / perImage))
        let column = UnsafeMutablePointer<Float>.allocate(capacity: chunk * perImage)
        defer { column.deallocate() }
        var first = 0
        while first < g.batch {
            let count = Swift.min(chunk, g.batch - first)
            body(first, count, column)
            first += count
        }
    }

    /// Writes the `[C·KH·KW, count·OH·OW]` patch matrix of images `first..<first+count`.
    static func im2col(_ input: UnsafePointer<Float>, _ g: WindowGeometry, first: Int, count: Int, into column: UnsafeMutablePointer<Float>) {
        let plane = g.outputHeight * g.outputWidth, width = count * plane
        for image in 0..<count {
            for channel in 0..<g.channels {
                let source = input + ((first + image) * g.channels + channel) * g.height * g.width
                for kh in 0..<g.kernelHeight {
                    for kw in 0..<g.kernelWidth {
                        let row = (channel * g.kernelHeight + kh) * g.kernelWidth + kw
                        var target = column + row * width + image * plane
                        for oh in 0..<g.outputHeight {
                            let ih = oh &* g.strideHeight &- g.top &+ kh
                            if ih < 0 || ih >= g.height {
                                target.update(repeating: 0, count: g.outputWidth)
                            } else {
                                let line = source + ih &* g.width
                                var iw = kw &- g.left
                                for ow in 0..<g.outputWidth {
                                    target[ow] = (iw >= 0 && iw < g.width) ? line[iw] : 0
                                    iw &+= g.strideWidth
                                }
                            }
                            target += g.outputWidth
                        }
                    }
                }
            }
        }
    }

    /// Adds the patch matrix back into images `first..<first+count` (the adjoint of im2col).
    static func col2im(_ column: UnsafePointer<Float>, _ g: WindowGeometry, first: Int, count: Int, into output: UnsafeMutablePointer<Float>) {
        let plane = g.outputHeight * g.outputWidth, width = count * plane
        for image in 0..<count {
            for channel in 0..<g.channels {
                let target = output + ((first + image) * g.channels + channel) * g.height * g.width
                for kh in 0..<g.kernelHeight {
                    for kw in 0..<g.kernelWidth {
                        let row = (channel * g.kernelHeight + kh) * g.kernelWidth + kw
                        var source = column + row * width + image * plane
                        for oh in 0..<g.outputHeight {
                            let ih = oh &* g.strideHeight &- g.top &+ kh
                            if ih >= 0 && ih < g.height {
                                let line = target + ih &* g.width
                                var iw = kw &- g.left
                                for ow in 0..<g.outputWidth {
                                    if iw >= 0 && iw < g.width { line[iw] += source[ow] }
                                    iw &+= g.strideWidth
                                }
                            }
                            source += g.outputWidth
                        }
                    }
                }
            }
        }
    }
}
