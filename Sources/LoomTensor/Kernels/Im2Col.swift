/// The patch-matrix kernels behind convolution: im2col (gather every window of an NCHW
/// batch into the columns of a matrix, so the convolution becomes one GEMM) and its
/// adjoint col2im (scatter-add the columns back into images).
///
/// Layout: images `first..<first+count` of the input give a `[C·KH·KW, count·OH·OW]`
/// matrix; row `(c·KH + kh)·KW + kw` holds, for each image and output position, the input
/// value under kernel tap `(kh, kw)` of channel `c` (0 where the window hangs over the
/// padding). Both kernels work per (image, channel) plane: each plane's work is fixed, so
/// the results do not depend on how many threads share the planes.
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

    /// Writes the patch matrix of images `first..<first+count` into `column`.
    static func pack(_ input: UnsafePointer<Float>, _ g: WindowGeometry, first: Int, count: Int, into column: UnsafeMutablePointer<Float>) {
        let plane = g.outputHeight &* g.outputWidth, width = count &* plane
        let work = width &* g.channels &* g.kernelHeight &* g.kernelWidth
        Kernels.parallelFor(count &* g.channels, work: work) { index in
            let image = index / g.channels, channel = index % g.channels
            let source = input + ((first &+ image) &* g.channels &+ channel) &* g.height &* g.width
            for kh in 0..<g.kernelHeight {
                for kw in 0..<g.kernelWidth {
                    let row = (channel &* g.kernelHeight &+ kh) &* g.kernelWidth &+ kw
                    let (lower, upper) = validColumns(tap: kw, g)
                    var target = column + (row &* width &+ image &* plane)
                    for oh in 0..<g.outputHeight {
                        let ih = oh &* g.strideHeight &- g.top &+ kh
                        if ih < 0 || ih >= g.height || lower == upper {
                            target.update(repeating: 0, count: g.outputWidth)
                        } else {
                            if lower > 0 { target.update(repeating: 0, count: lower) }
                            if upper < g.outputWidth { (target + upper).update(repeating: 0, count: g.outputWidth &- upper) }
                            let line = source + (ih &* g.width &+ lower &* g.strideWidth &- g.left &+ kw)
                            if g.strideWidth == 1 {
                                for ow in lower..<upper { target[ow] = line[ow &- lower] }
                            } else {
                                for ow in lower..<upper { target[ow] = line[(ow &- lower) &* g.strideWidth] }
                            }
                        }
                        target += g.outputWidth
                    }
                }
            }
        }
    }

    /// Overwrites images `first..<first+count` of `output` with the sum of the patch
    /// matrix's entries that ``pack(_:_:first:count:into:)`` would read from each position
    /// (the adjoint of `pack`; positions no window covers become 0).
    static func unpack(_ column: UnsafePointer<Float>, _ g: WindowGeometry, first: Int, count: Int, into output: UnsafeMutablePointer<Float>) {
        let plane = g.outputHeight &* g.outputWidth, width = count &* plane
        let work = width &* g.channels &* g.kernelHeight &* g.kernelWidth
        Kernels.parallelFor(count &* g.channels, work: work) { index in
            let image = index / g.channels, channel = index % g.channels
            let target = output + ((first &+ image) &* g.channels &+ channel) &* g.height &* g.width
            target.update(repeating: 0, count: g.height &* g.width)
            for kh in 0..<g.kernelHeight {
                for kw in 0..<g.kernelWidth {
                    let row = (channel &* g.kernelHeight &+ kh) &* g.kernelWidth &+ kw
                    let (lower, upper) = validColumns(tap: kw, g)
                    guard lower < upper else { continue }
                    var source = column + (row &* width &+ image &* plane)
                    for oh in 0..<g.outputHeight {
                        let ih = oh &* g.strideHeight &- g.top &+ kh
                        if ih >= 0 && ih < g.height {
                            let line = target + (ih &* g.width &+ lower &* g.strideWidth &- g.left &+ kw)
                            if g.strideWidth == 1 {
                                for ow in lower..<upper { line[ow &- lower] += source[ow] }
                            } else {
                                for ow in lower..<upper { line[(ow &- lower) &* g.strideWidth] += source[ow] }
                            }
                        }
                        source += g.outputWidth
                    }
                }
            }
        }
    }
}
