/// Moves convolution results between the GEMM's channel-major layout `[O, count·P]` and
/// the NCHW layout `[count, O, P]` of images `first..<first+count` (`P` = one output plane).
///
/// Each (image, channel) or channel is handled by one thread in a fixed order, so the
/// results (bias sums included) do not depend on the thread count.
enum ChannelMajor {
    /// Writes `matrix[o, image·P + p] + bias[o]` to `images[first + image, o, p]`, spread
    /// over the kernel threads unless `parallel` is false.
    static func toImages(_ matrix: UnsafePointer<Float>, channels: Int, plane: Int, first: Int, count: Int, bias: UnsafePointer<Float>?,
                         into images: UnsafeMutablePointer<Float>, parallel: Bool = true) {
        let width = count &* plane
        Kernels.parallelFor(count &* channels, work: parallel ? width &* channels : 0) { index in
            let image = index / channels, channel = index % channels
            let source = matrix + (channel &* width &+ image &* plane)
            let target = images + ((first &+ image) &* channels &+ channel) &* plane
            if let bias {
                let shift = bias[channel]
                for p in 0..<plane { target[p] = source[p] + shift }
            } else {
                target.update(from: source, count: plane)
            }
        }
    }

    /// Writes `images[first + image, o, p]` to `matrix[o, image·P + p]` and, when `sums` is
    /// given, adds each channel's total over the images and positions to `sums[o]`; spread
    /// over the kernel threads unless `parallel` is false.
    static func fromImages(_ images: UnsafePointer<Float>, channels: Int, plane: Int, first: Int, count: Int,
                           into matrix: UnsafeMutablePointer<Float>, sums: UnsafeMutablePointer<Float>?, parallel: Bool = true) {
        let width = count &* plane
        Kernels.parallelFor(channels, work: parallel ? width &* channels : 0) { channel in
            var total: Float = 0
            for image in 0..<count {
                let source = images + ((first &+ image) &* channels &+ channel) &* plane
                (matrix + (channel &* width &+ image &* plane)).update(from: source, count: plane)
                if sums != nil { total += sum(source, plane) }
            }
            if let sums { sums[channel] += total }
        }
    }

    /// Writes each channel's total over images `0..<count` and their positions to
    /// `sums[o]` (a bias gradient), one channel per thread, images in order.
    static func channelSums(_ images: UnsafePointer<Float>, channels: Int, plane: Int, count: Int, into sums: UnsafeMutablePointer<Float>) {
        Kernels.parallelFor(channels, work: count &* plane &* channels) { channel in
            var total: Float = 0
            for image in 0..<count { total += sum(images + (image &* channels &+ channel) &* plane, plane) }
            sums[channel] = total
        }
    }

    /// The sum of `count` floats, accumulated in 8 lanes (a fixed order).
    @inline(__always)
    static func sum(_ values: UnsafePointer<Float>, _ count: Int) -> Float {
        var lanes = SIMD8<Float>()
        var index = 0
        while index &+ 8 <= count {
            lanes += UnsafeRawPointer(values + index).loadUnaligned(as: SIMD8<Float>.self)
            index &+= 8
        }
        var total = lanes.sum()
        while index < count {
            total += values[index]
            index &+= 1
        }
        return total
    }
}
