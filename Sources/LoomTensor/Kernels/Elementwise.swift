/// Vectorised elementwise loops over contiguous buffers, split over threads when large.
enum Elementwise {
    /// Elements each thread of a two-input loop gets at least (``zip(_:_:_:_:_:)``).
    static let zipMinimumPerThread = 1 << 20

    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        pointer.simd8(at: 0)
    }

    @inline(__always)
    static func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        pointer.store(value, at: 0)
    }

    /// Loads up to 8 elements, padding with `fill`.
    @inline(__always)
    static func loadPartial(_ pointer: UnsafePointer<Float>, _ count: Int, fill: Float = 0) -> SIMD8<Float> {
        var value = SIMD8<Float>(repeating: fill)
        for lane in 0..<count { value[lane] = pointer[lane] }
        return value
    }

    @inline(__always)
    static func storePartial(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>, _ count: Int) {
        for lane in 0..<count { pointer[lane] = value[lane] }
    }

    /// `output[i] = op(input[i])`.
    @inline(__always)
    static func map(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ count: Int, _ op: (SIMD8<Float>) -> SIMD8<Float>) {
        Kernels.parallelChunks(count) { range in
            var index = range.lowerBound
            let end = range.upperBound
            while index &+ 16 <= end {
                let first = op(load(input + index))
                let second = op(load(input + (index &+ 8)))
                store(first, output + index)
                store(second, output + (index &+ 8))
                index &+= 16
            }
            while index &+ 8 <= end {
                store(op(load(input + index)), output + index)
                index &+= 8
            }
            if index < end {
                storePartial(op(loadPartial(input + index, end &- index)), output + index, end &- index)
            }
        }
    }

    /// `output[i] = op(a[i], b[i])`.
    @inline(__always)
    static func zip(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ count: Int,
                    _ op: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>) {
        // Two reads and a write per element leave a second thread little to gain: measured
        // on the 2-vCPU machine, 1M-element adds took 1.1× as long on 2 threads, 16M 0.83×.
        Kernels.parallelChunks(count, minimum: zipMinimumPerThread) { range in
            var index = range.lowerBound
            let end = range.upperBound
            while index &+ 16 <= end {
                let first = op(load(a + index), load(b + index))
                let second = op(load(a + (index &+ 8)), load(b + (index &+ 8)))
                store(first, output + index)
                store(second, output + (index &+ 8))
                index &+= 16
            }
            while index &+ 8 <= end {
                store(op(load(a + index), load(b + index)), output + index)
                index &+= 8
            }
            if index < end {
                let rest = end &- index
                storePartial(op(loadPartial(a + index, rest), loadPartial(b + index, rest)), output + index, rest)
            }
        }
    }

    /// One strided inner loop of a broadcast binary operation: `count` outputs, input
    /// strides 0 or 1.
    @inline(__always)
    static func inner(_ a: UnsafePointer<Float>, _ strideA: Int, _ b: UnsafePointer<Float>, _ strideB: Int,
                      _ output: UnsafeMutablePointer<Float>, _ count: Int, _ op: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>) {
        var index = 0
        switch (strideA, strideB) {
        case (1, 1):
            while index &+ 8 <= count {
                store(op(load(a + index), load(b + index)), output + index)
                index &+= 8
            }
            if index < count { storePartial(op(loadPartial(a + index, count &- index), loadPartial(b + index, count &- index)), output + index, count &- index) }
        case (1, _):
            let splat = SIMD8<Float>(repeating: b[0])
            while index &+ 8 <= count {
                store(op(load(a + index), splat), output + index)
                index &+= 8
            }
            if index < count { storePartial(op(loadPartial(a + index, count &- index), splat), output + index, count &- index) }
        case (_, 1):
            let splat = SIMD8<Float>(repeating: a[0])
            while index &+ 8 <= count {
                store(op(splat, load(b + index)), output + index)
                index &+= 8
            }
            if index < count { storePartial(op(splat, loadPartial(b + index, count &- index)), output + index, count &- index) }
        default:
            let value = op(SIMD8<Float>(repeating: a[0]), SIMD8<Float>(repeating: b[0]))[0]
            output.update(repeating: value, count: count)
        }
    }
}
