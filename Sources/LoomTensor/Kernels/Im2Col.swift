/// The patch-matrix kernels behind convolution: im2col (gather every window of an NCHW
/// batch into the columns of a matrix, so the convolution becomes one GEMM) and its
/// adjoint col2im (scatter-add the columns back into images).
///
/// Layout: images `first..<first+count` of the input give a `[C·KH·KW, count·OH·OW]`
/// matrix; row `(c·KH + kh)·KW + kw` holds, for each image and output position, the input
/// value under kernel tap `(kh, kw)` of channel `c` (0 where the window hangs over the
/// padding). `pack` splits its work by matrix row, `unpack` by input channel: each unit's
/// work is fixed, so the results do not depend on how many threads share the units.
enum Im2Col {
    /// The output columns `lower..<upper` whose input column `ow·stride − left + tap` lies
    /// inside `0..<width`.
    @inline(__always)
    static func validColumns(tap: Int, _ g: WindowGeometry) -> (lower: Int, upper: Int) {
        let shift = g.left &- tap
        let lower = shift > 0 ? (shift &+ g.strideWidth &- 1) / g.strideWidth : 0
        let last = g.width &- 1 &+ shift
        let upper = last < 0 ? 0 : Swift.min(g.outputWidth, last / g.strideWidth &+ 1)
        return (Swift.min(lower, upper), upper)
    }

    /// Writes the patch matrix of images `first..<first+count` into `column`, one row at a
    /// time (so the large matrix is written sequentially); rows are spread over the kernel
    /// threads unless `parallel` is false (the caller already runs on one of them).
    static func pack(_ input: UnsafePointer<Float>, _ g: WindowGeometry, first: Int, count: Int, into column: UnsafeMutablePointer<Float>,
                     parallel: Bool = true) {
        let plane = g.outputHeight &* g.outputWidth, width = count &* plane
        let (channels, height, inWidth) = (g.channels, g.height, g.width)
        let (kernelHeight, kernelWidth, outHeight, outWidth) = (g.kernelHeight, g.kernelWidth, g.outputHeight, g.outputWidth)
        let (strideHeight, strideWidth, top, left) = (g.strideHeight, g.strideWidth, g.top, g.left)
        let taps = kernelHeight &* kernelWidth
        Kernels.parallelFor(channels &* taps, work: parallel ? width &* channels &* taps : 0) { row in
            let channel = row / taps, kh = row % taps / kernelWidth, kw = row % kernelWidth
            let (lower, upper) = validColumns(tap: kw, g)
            let span = upper &- lower, tail = outWidth &- upper
            var target = column + row &* width
            let lastRow = kh &- top &+ (outHeight &- 1) &* strideHeight
            if strideWidth == 1 && span == outWidth && kh >= top && lastRow < height {
                // Every window row lies inside the input: plain row copies.
                let step = strideHeight &* inWidth
                for image in 0..<count {
                    var line = input + (((first &+ image) &* channels &+ channel) &* height &* inWidth &+ (kh &- top) &* inWidth &+ kw &- left)
                    for _ in 0..<outHeight {
                        copy(line, to: target, outWidth)
                        line += step
                        target += outWidth
                    }
                }
                return
            }
            for image in 0..<count {
                let source = input + ((first &+ image) &* channels &+ channel) &* height &* inWidth
                var ih = kh &- top
                for _ in 0..<outHeight {
                    if ih < 0 || ih >= height || span == 0 {
                        target.update(repeating: 0, count: outWidth)
                    } else {
                        if lower > 0 { target.update(repeating: 0, count: lower) }
                        if tail > 0 { (target + upper).update(repeating: 0, count: tail) }
                        let line = source + (ih &* inWidth &+ lower &* strideWidth &- left &+ kw)
                        if strideWidth == 1 {
                            copy(line, to: target + lower, span)
                        } else {
                            for offset in 0..<span { target[lower &+ offset] = line[offset &* strideWidth] }
                        }
                    }
                    target += outWidth
                    ih &+= strideHeight
                }
            }
        }
    }

    /// Overwrites images `first..<first+count` of `output` with the sum of the patch
    /// matrix's entries that ``pack(_:_:first:count:into:)`` would read from each position
    /// (the adjoint of `pack`; positions no window covers become 0). Works per channel, so
    /// the matrix is read sequentially and each position sums its entries in tap order.
    /// Channels are spread over the kernel threads unless `parallel` is false.
    static func unpack(_ column: UnsafePointer<Float>, _ g: WindowGeometry, first: Int, count: Int, into output: UnsafeMutablePointer<Float>,
                       parallel: Bool = true) {
        let plane = g.outputHeight &* g.outputWidth, width = count &* plane
        let (channels, height, inWidth) = (g.channels, g.height, g.width)
        let (kernelHeight, kernelWidth, outHeight, outWidth) = (g.kernelHeight, g.kernelWidth, g.outputHeight, g.outputWidth)
        let (strideHeight, strideWidth, top, left) = (g.strideHeight, g.strideWidth, g.top, g.left)
        let inPlane = height &* inWidth
        Kernels.parallelFor(channels, work: parallel ? width &* channels &* kernelHeight &* kernelWidth : 0) { channel in
            for image in 0..<count {
                (output + ((first &+ image) &* channels &+ channel) &* inPlane).update(repeating: 0, count: inPlane)
            }
            for kh in 0..<kernelHeight {
                for kw in 0..<kernelWidth {
                    let row = (channel &* kernelHeight &+ kh) &* kernelWidth &+ kw
                    let (lower, upper) = validColumns(tap: kw, g)
                    let span = upper &- lower
                    guard span > 0 else { continue }
                    var source = column + (row &* width &+ lower)
                    for image in 0..<count {
                        let target = output + ((first &+ image) &* channels &+ channel) &* inPlane
                        var ih = kh &- top
                        for _ in 0..<outHeight {
                            if ih >= 0 && ih < height {
                                let line = target + (ih &* inWidth &+ lower &* strideWidth &- left &+ kw)
                                if strideWidth == 1 {
                                    add(source, into: line, span)
                                } else {
                                    for offset in 0..<span { line[offset &* strideWidth] += source[offset] }
                                }
                            }
                            source += outWidth
                            ih &+= strideHeight
                        }
                    }
                }
            }
        }
    }

    /// Copies `count` floats, 8 at a time.
    @inline(__always)
    static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, _ count: Int) {
        var index = 0
        while index &+ 8 <= count {
            Elementwise.store(Elementwise.load(source + index), target + index)
            index &+= 8
        }
        while index < count {
            target[index] = source[index]
            index &+= 1
        }
    }

    /// Adds `count` floats of `source` into `target`, 8 at a time.
    @inline(__always)
    static func add(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, _ count: Int) {
        var index = 0
        while index &+ 8 <= count {
            Elementwise.store(Elementwise.load(target + index) + Elementwise.load(source + index), target + index)
            index &+= 8
        }
        while index < count {
            target[index] += source[index]
            index &+= 1
        }
    }
}
