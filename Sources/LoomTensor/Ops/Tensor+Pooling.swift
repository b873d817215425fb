extension Tensor {
    /// 2-D max pooling over an NCHW input. Padded positions never win.
    /// - Parameters:
    ///   - input: `[N, C, H, W]`.
    ///   - kernel: Window height and width.
    ///   - stride: Step; defaults to the window size.
    ///   - padding: Border handling.
    /// - Returns: `[N, C, OH, OW]`; the gradient goes to the (first) maximum of each window.
    public static func maxPool2d(_ input: Tensor, kernel: (Int, Int), stride: (Int, Int)? = nil, padding: Padding2D = .valid) -> Tensor {
        let g = check { () throws(ShapeError) in
            try WindowGeometry(op: "maxPool2d", input: input.shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
        }
        let result = Tensor.uninitialized([g.batch, g.channels, g.outputHeight, g.outputWidth])
        guard Tensor.recordingParents(input) != nil else {
            MaxPooling.forward(input.data, g, output: result.data, winners: nil)
            return result
        }
        // The winners live in a pooled buffer (Int32 in Float-sized slots) that the pullback
        // holds, instead of a fresh array (1.2 MB for the digit CNN) filled with -1 first.
        let winners = TensorStorage(uninitializedCount: result.scalarCount)
        winners.withInt32s { MaxPooling.forward(input.data, g, output: result.data, winners: $0) }
        let inputShape = input.shape
        return recorded(result, op: "maxPool2d", inputs: input) { gradient in
            let inputGradient = Tensor.uninitialized(inputShape)
            winners.withInt32s { MaxPooling.backward(gradient.data, g, winners: $0, into: inputGradient.data) }
            return [inputGradient]
        }
    }

    /// 2-D average pooling over an NCHW input; each window averages only its positions
    /// inside the input (padding is not counted).
    /// - Parameters:
    ///   - input: `[N, C, H, W]`.
    ///   - kernel: Window height and width.
    ///   - stride: Step; defaults to the window size.
    ///   - padding: Border handling.
    /// - Returns: `[N, C, OH, OW]`.
    public static func avgPool2d(_ input: Tensor, kernel: (Int, Int), stride: (Int, Int)? = nil, padding: Padding2D = .valid) -> Tensor {
        let g = check { () throws(ShapeError) in
            try WindowGeometry(op: "avgPool2d", input: input.shape, kernel: kernel, stride: stride ?? kernel, padding: padding)
        }
        let planes = g.batch * g.channels, inPlane = g.height * g.width, outPlane = g.outputHeight * g.outputWidth
        let result = Tensor.uninitialized([g.batch, g.channels, g.outputHeight, g.outputWidth])
        /// Calls `body(inputOffset, 1/count)` for every in-bounds position of one window.
        @Sendable func window(_ oh: Int, _ ow: Int, _ body: (Int, Float) -> Void) {
            let h0 = Swift.max(oh * g.strideHeight - g.top, 0), h1 = Swift.min(oh * g.strideHeight - g.top + g.kernelHeight, g.height)
            let w0 = Swift.max(ow * g.strideWidth - g.left, 0), w1 = Swift.min(ow * g.strideWidth - g.left + g.kernelWidth, g.width)
            let count = Swift.max((h1 - h0) * (w1 - w0), 1)
            let scale = 1 / Float(count)
            for ih in h0..<Swift.max(h1, h0) { for iw in w0..<Swift.max(w1, w0) { body(ih * g.width + iw, scale) } }
        }
        let source = input.data, target = result.data
        Kernels.parallelFor(planes, work: planes * inPlane) { plane in
            for oh in 0..<g.outputHeight {
                for ow in 0..<g.outputWidth {
                    var total: Float = 0
                    window(oh, ow) { offset, scale in total += source[plane * inPlane + offset] * scale }
                    target[plane * outPlane + oh * g.outputWidth + ow] = total
                }
            }
        }
        let inputShape = input.shape
        return recorded(result, op: "avgPool2d", inputs: input) { gradient in
            let inputGradient = Tensor(zeros: inputShape)
            let source = gradient.data, target = inputGradient.data
            Kernels.parallelFor(planes, work: planes * inPlane) { plane in
                for oh in 0..<g.outputHeight {
                    for ow in 0..<g.outputWidth {
                        let value = source[plane * outPlane + oh * g.outputWidth + ow]
                        window(oh, ow) { offset, scale in target[plane * inPlane + offset] += value * scale }
                    }
                }
            }
            return [inputGradient]
        }
    }
}
