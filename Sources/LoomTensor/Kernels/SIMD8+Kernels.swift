// Eight-lane loads and stores at any alignment and a vector square root, shared by
// LoomTensor's elementwise kernels and the fused loops of other modules (optimizers).
// `@inlinable` so they inline there.
import CLoomKernels

extension SIMD8<Float> {
    /// The correctly rounded square root of each lane (IEEE-754, as `Float.squareRoot()`),
    /// computed with vector instructions; `squareRoot()` here calls `sqrtf` once per lane.
    @inlinable @inline(__always)
    public func vectorSquareRoot() -> SIMD8<Float> { loom_sqrt8(self) }
}

extension UnsafePointer<Float> {
    /// The eight floats at `self + offset` (any alignment).
    @inlinable @inline(__always)
    public func simd8(at offset: Int) -> SIMD8<Float> {
        UnsafeRawPointer(self + offset).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// The first `count` (1...8) floats at `self + offset`, the other lanes zero.
    @inlinable @inline(__always)
    public func simd8(at offset: Int, count: Int) -> SIMD8<Float> {
        if count == 8 { return simd8(at: offset) }
        var value = SIMD8<Float>()
        for lane in 0..<count { value[lane] = self[offset &+ lane] }
        return value
    }
}

extension UnsafeMutablePointer<Float> {
    /// The eight floats at `self + offset` (any alignment).
    @inlinable @inline(__always)
    public func simd8(at offset: Int) -> SIMD8<Float> {
        UnsafePointer(self).simd8(at: offset)
    }

    /// The first `count` (1...8) floats at `self + offset`, the other lanes zero.
    @inlinable @inline(__always)
    public func simd8(at offset: Int, count: Int) -> SIMD8<Float> {
        UnsafePointer(self).simd8(at: offset, count: count)
    }

    /// Stores eight floats at `self + offset` (any alignment).
    @inlinable @inline(__always)
    public func store(_ value: SIMD8<Float>, at offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    /// Stores the first `count` (1...8) lanes of `value` at `self + offset`.
    @inlinable @inline(__always)
    public func store(_ value: SIMD8<Float>, at offset: Int, count: Int) {
        if count == 8 { return store(value, at: offset) }
        for lane in 0..<count { self[offset &+ lane] = value[lane] }
    }
}

extension UnsafeBufferPointer<Float> {
    /// The sum of the squares of the elements (a norm's square): eight float lanes within
    /// each block of 64 elements, a double across blocks, so it is vectorised and still
    /// within 1e-6 relative of the exact sum (typically 1e-7) however many elements there are.
    @inlinable
    public func sumOfSquares() -> Double {
        guard let base = baseAddress else { return 0 }
        let blockSize = 64
        var total = 0.0
        var start = 0
        while start < count {
            let end = Swift.min(start &+ blockSize, count)
            var lanes = SIMD8<Float>()
            var index = start
            while index &+ 8 <= end {
                let chunk = base.simd8(at: index)
                lanes += chunk * chunk
                index &+= 8
            }
            if index < end {
                let chunk = base.simd8(at: index, count: end &- index)
                lanes += chunk * chunk
            }
            total += Double(lanes.sum())
            start = end
        }
        return total
    }
}
