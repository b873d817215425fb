extension Tensor {
    /// The gradients of ``conv2d(_:_:bias:stride:padding:)`` that Winograd tiles did not
    /// compute, by im2col, into the given (zeroed) tensors: for each chunk of images the
    /// output gradient is laid out as `[O, count·OH·OW]` (its channel sums are the bias
    /// gradient), its product with the chunk's patch matrix is the weight gradient, and
    /// col2im of the weights' product with it is the input gradient.
    ///
    /// The chunks form groups (``ImageChunks/runGroups``) that run concurrently when there
    /// are several kernel threads; each group sums its own weight and bias gradients, and
    /// the groups' sums are added in group order, so the results do not depend on the
    /// thread count.
    static func im2colGradients(_ input: Tensor, _ weight: Tensor, _ gradient: Tensor, _ g: WindowGeometry,
                                inputGradient: Tensor?, weightGradient: Tensor?, biasGradient: Tensor?) {
        let outputs = weight.shape[0], rows = g.channels * g.kernelHeight * g.kernelWidth
        let plane = g.outputHeight * g.outputWidth, chunk = imagesPerChunk(g, rows: rows)
        let weightFloats = weightGradient == nil ? 0 : outputs * rows, biasFloats = biasGradient == nil ? 0 : outputs
        let groups = ImageChunks.groupCount(chunks: (g.batch + chunk - 1) / chunk, partialFloats: weightFloats + biasFloats)
        BufferPool.shared.withFloats((groups - 1) * (weightFloats + biasFloats)) { partials in
            let weightPartials = partials, biasPartials = partials + (groups - 1) * weightFloats
            ImageChunks.runGroups(batch: g.batch, imagesPerChunk: chunk, groups: groups,
                                  bufferFloats: chunk * (rows + outputs) * plane) { part, buffer in
                let (first, count) = (part.firstImage, part.imageCount)
                let column = buffer, gathered = buffer + chunk * rows * plane, width = count * plane
                // Group 0 sums straight into the gradients, the others into their partials.
                let weightSum = weightGradient.map { part.group == 0 ? $0.data : weightPartials + (part.group - 1) * weightFloats }
                let biasSum = biasGradient.map { part.group == 0 ? $0.data : biasPartials + (part.group - 1) * biasFloats }
                if part.startsGroup { biasSum?.initialize(repeating: 0, count: biasFloats) }
                ChannelMajor.fromImages(gradient.data, channels: outputs, plane: plane, first: first, count: count,
                                        into: gathered, sums: biasSum, parallel: part.parallel)
                if let weightSum {
                    Im2Col.pack(input.data, g, first: first, count: count, into: column, parallel: part.parallel)
                    Kernels.sgemm(transposeB: true, m: outputs, n: rows, k: width, a: gathered, lda: width, b: column, ldb: width,
                                  beta: part.startsGroup ? 0 : 1, c: weightSum, ldc: rows)
                }
                if let inputGradient {
                    Kernels.sgemm(transposeA: true, m: rows, n: width, k: outputs, a: weight.data, lda: rows, b: gathered, ldb: width,
                                  c: column, ldc: width)
                    Im2Col.unpack(column, g, first: first, count: count, into: inputGradient.data, parallel: part.parallel)
                }
            }
            if let weightGradient {
                ImageChunks.addPartials(weightPartials, groups: groups, floats: weightFloats, into: weightGradient.data)
            }
            if let biasGradient { ImageChunks.addPartials(biasPartials, groups: groups, floats: biasFloats, into: biasGradient.data) }
        }
    }
}
