/// Winograd's minimal filtering F(m×m, r×r) (Lavin and Gray, "Fast Algorithms for
/// Convolutional Neural Networks", 2016): each m×m block of a stride-1 correlation is
/// `Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A` for the r×r kernel `g` and the α×α input tile `d`,
/// α = m + r − 1. The matrices come from interpolation (Toom–Cook) at the points 0, ±1, ±2
/// and ∞ for α = 6, and also ±½ for α = 8; Bᵀ depends only on the points.
///
/// Every matrix here was derived in exact rational arithmetic and checked to reproduce
/// direct correlation exactly; the tests compare each tile type with direct summation.
protocol WinogradTile {
    /// m: the output rows and columns of a tile.
    static var outputSize: Int { get }
    /// r: the kernel's rows and columns.
    static var kernelSize: Int { get }
    /// α = m + r − 1: the input rows and columns of a tile (6 or 8).
    static var inputSize: Int { get }
    /// G, α × r, row-major.
    static var filterMatrix: [Float] { get }
    /// Bᵀ applied to one row or column of an input tile, eight lanes at a time: reads the
    /// vectors at `d`, `d + stride`, … (α of them) and writes α vectors at `v`,
    /// `v + outputStride`, … (offsets in floats).
    static func transformInput(_ d: UnsafePointer<Float>, stride: Int, into v: UnsafeMutablePointer<Float>, stride outputStride: Int)
    /// Aᵀ applied to one row or column of a tile's products: reads α vectors, writes
    /// `outputSize` (as ``transformInput(_:stride:into:stride:)``).
    static func transformOutput(_ v: UnsafePointer<Float>, stride: Int, into y: UnsafeMutablePointer<Float>, stride outputStride: Int)
    /// A (the transpose of Aᵀ) applied to one row or column of an output gradient tile:
    /// reads `outputSize` vectors, writes α. The weight gradient in the transformed domain
    /// is `(A ∂Y Aᵀ) ⊙ (Bᵀ d B)` summed over the tiles.
    static func transformGradient(_ y: UnsafePointer<Float>, stride: Int, into v: UnsafeMutablePointer<Float>, stride outputStride: Int)
}

/// A of F(4×4, r×r) at the points 0, ±1, ±2 (and ±½ for α = 8), ∞, on the four values at
/// `y`: the first six of its rows are `[1 0 0 0]`, `[1 1 1 1]`, `[1 −1 1 −1]`, `[1 2 4 8]`,
/// `[1 −2 4 −8]`, then `[1 1/2 1/4 1/8]`, `[1 −1/2 1/4 −1/8]` for α = 8, and `[0 0 0 1]` last.
@inline(__always)
private func transformGradient4(_ y: UnsafePointer<Float>, stride: Int, into v: UnsafeMutablePointer<Float>, stride outputStride: Int,
                                halves: Bool) {
    let (y0, y1, y2, y3) = (y.simd8(at: 0), y.simd8(at: stride), y.simd8(at: 2 &* stride), y.simd8(at: 3 &* stride))
    let even = y0 + y2, odd = y1 + y3
    let evenFour = y0 + SIMD8(repeating: 4) * y2, oddFour = SIMD8(repeating: 2) * y1 + SIMD8(repeating: 8) * y3
    v.store(y0, at: 0)
    v.store(even + odd, at: outputStride)
    v.store(even - odd, at: 2 &* outputStride)
    v.store(evenFour + oddFour, at: 3 &* outputStride)
    v.store(evenFour - oddFour, at: 4 &* outputStride)
    if halves {
        let evenQuarter = y0 + SIMD8(repeating: 0.25) * y2, oddHalf = SIMD8(repeating: 0.5) * y1 + SIMD8(repeating: 0.125) * y3
        v.store(evenQuarter + oddHalf, at: 5 &* outputStride)
        v.store(evenQuarter - oddHalf, at: 6 &* outputStride)
        v.store(y3, at: 7 &* outputStride)
    } else {
        v.store(y3, at: 5 &* outputStride)
    }
}

extension WinogradTile {
    /// α²: the products per tile.
    static var tileElements: Int { inputSize * inputSize }
}

/// The α = 6 input transform (points 0, ±1, ±2, ∞). Bᵀ rows: `[4 0 −5 0 1 0]`,
/// `[0 −4 −4 1 1 0]`, `[0 4 −4 −1 1 0]`, `[0 −2 −1 2 1 0]`, `[0 2 −1 −2 1 0]`, `[0 4 0 −5 0 1]`.
@inline(__always)
private func transformInput6(_ d: UnsafePointer<Float>, stride: Int, into v: UnsafeMutablePointer<Float>, stride outputStride: Int) {
    let (d0, d1, d2) = (d.simd8(at: 0), d.simd8(at: stride), d.simd8(at: 2 &* stride))
    let (d3, d4, d5) = (d.simd8(at: 3 &* stride), d.simd8(at: 4 &* stride), d.simd8(at: 5 &* stride))
    let four = SIMD8<Float>(repeating: 4), five = SIMD8<Float>(repeating: 5), two = SIMD8<Float>(repeating: 2)
    let a = d4 - four * d2, b = d3 - four * d1
    let c = d4 - d2, e = two * (d3 - d1)
    v.store(four * d0 - five * d2 + d4, at: 0)
    v.store(a + b, at: outputStride)
    v.store(a - b, at: 2 &* outputStride)
    v.store(c + e, at: 3 &* outputStride)
    v.store(c - e, at: 4 &* outputStride)
    v.store(four * d1 - five * d3 + d5, at: 5 &* outputStride)
}

/// The α = 8 input transform (points 0, ±1, ±2, ±½, ∞). Bᵀ rows: `[−1 0 21/4 0 −21/4 0 1 0]`,
/// `[0 1 1 −17/4 −17/4 1 1 0]`, `[0 −1 1 17/4 −17/4 −1 1 0]`, `[0 1/2 1/4 −5/2 −5/4 2 1 0]`,
/// `[0 −1/2 1/4 5/2 −5/4 −2 1 0]`, `[0 2 4 −5/2 −5 1/2 1 0]`, `[0 −2 4 5/2 −5 −1/2 1 0]`,
/// `[0 −1 0 21/4 0 −21/4 0 1]`.
@inline(__always)
private func transformInput8(_ d: UnsafePointer<Float>, stride: Int, into v: UnsafeMutablePointer<Float>, stride outputStride: Int) {
    let (d0, d1, d2, d3) = (d.simd8(at: 0), d.simd8(at: stride), d.simd8(at: 2 &* stride), d.simd8(at: 3 &* stride))
    let (d4, d5, d6, d7) = (d.simd8(at: 4 &* stride), d.simd8(at: 5 &* stride), d.simd8(at: 6 &* stride), d.simd8(at: 7 &* stride))
    let outer = SIMD8<Float>(repeating: 5.25), inner = SIMD8<Float>(repeating: 4.25)
    let t1 = d2 + d6 - inner * d4, t2 = d1 + d5 - inner * d3
    let t3 = SIMD8<Float>(repeating: 0.25) * d2 - SIMD8<Float>(repeating: 1.25) * d4 + d6
    let t4 = SIMD8<Float>(repeating: 0.5) * d1 - SIMD8<Float>(repeating: 2.5) * d3 + SIMD8<Float>(repeating: 2) * d5
    let t5 = SIMD8<Float>(repeating: 4) * d2 - SIMD8<Float>(repeating: 5) * d4 + d6
    let t6 = SIMD8<Float>(repeating: 2) * d1 - SIMD8<Float>(repeating: 2.5) * d3 + SIMD8<Float>(repeating: 0.5) * d5
    v.store((d6 - d0) + outer * (d2 - d4), at: 0)
    v.store(t1 + t2, at: outputStride)
    v.store(t1 - t2, at: 2 &* outputStride)
    v.store(t3 + t4, at: 3 &* outputStride)
    v.store(t3 - t4, at: 4 &* outputStride)
    v.store(t5 + t6, at: 5 &* outputStride)
    v.store(t5 - t6, at: 6 &* outputStride)
    v.store((d7 - d1) + outer * (d3 - d5), at: 7 &* outputStride)
}

/// F(4×4, 3×3), α = 6: 36 products per tile instead of 144. Aᵀ rows `[1 1 1 1 1 0]`,
/// `[0 1 −1 2 −2 0]`, `[0 1 1 4 4 0]`, `[0 1 −1 8 −8 1]`.
enum WinogradF4x3: WinogradTile {
    static var outputSize: Int { 4 }
    static var kernelSize: Int { 3 }
    static var inputSize: Int { 6 }
    static let filterMatrix: [Float] = [
        1.0 / 4, 0, 0,
        -1.0 / 6, -1.0 / 6, -1.0 / 6,
        -1.0 / 6, 1.0 / 6, -1.0 / 6,
        1.0 / 24, 1.0 / 12, 1.0 / 6,
        1.0 / 24, -1.0 / 12, 1.0 / 6,
        0, 0, 1,
    ]

    @inline(__always)
    static func transformInput(_ d: UnsafePointer<Float>, stride: Int, into v: UnsafeMutablePointer<Float>, stride outputStride: Int) {
        transformInput6(d, stride: stride, into: v, stride: outputStride)
    }

    @inline(__always)
    static func transformGradient(_ y: UnsafePointer<Float>, stride: Int, into v: UnsafeMutablePointer<Float>, stride outputStride: Int) {
        transformGradient4(y, stride: stride, into: v, stride: outputStride, halves: false)
    }

    @inline(__always)
    static func transformOutput(_ v: UnsafePointer<Float>, stride: Int, into y: UnsafeMutablePointer<Float>, stride outputStride: Int) {
        let (v1, v2, v3, v4) = (v.simd8(at: stride), v.simd8(at: 2 &* stride), v.simd8(at: 3 &* stride), v.simd8(at: 4 &* stride))
        let sum12 = v1 + v2, difference12 = v1 - v2, sum34 = v3 + v4, difference34 = v3 - v4
        y.store(v.simd8(at: 0) + sum12 + sum34, at: 0)
        y.store(difference12 + SIMD8(repeating: 2) * difference34, at: outputStride)
        y.store(sum12 + SIMD8(repeating: 4) * sum34, at: 2 &* outputStride)
        y.store(difference12 + SIMD8(repeating: 8) * difference34 + v.simd8(at: 5 &* stride), at: 3 &* outputStride)
    }
}

/// F(4×4, 5×5), α = 8: 64 products per tile instead of 400. Aᵀ rows `[1 1 1 1 1 1 1 0]`,
/// `[0 1 −1 2 −2 1/2 −1/2 0]`, `[0 1 1 4 4 1/4 1/4 0]`, `[0 1 −1 8 −8 1/8 −1/8 1]`.
enum WinogradF4x5: WinogradTile {
    static var outputSize: Int { 4 }
    static var kernelSize: Int { 5 }
    static var inputSize: Int { 8 }
    static let filterMatrix: [Float] = [
        -1, 0, 0, 0, 0,
        -2.0 / 9, -2.0 / 9, -2.0 / 9, -2.0 / 9, -2.0 / 9,
        -2.0 / 9, 2.0 / 9, -2.0 / 9, 2.0 / 9, -2.0 / 9,
        1.0 / 90, 1.0 / 45, 2.0 / 45, 4.0 / 45, 8.0 / 45,
        1.0 / 90, -1.0 / 45, 2.0 / 45, -4.0 / 45, 8.0 / 45,
        32.0 / 45, 16.0 / 45, 8.0 / 45, 4.0 / 45, 2.0 / 45,
        32.0 / 45, -16.0 / 45, 8.0 / 45, -4.0 / 45, 2.0 / 45,
        0, 0, 0, 0, 1,
    ]

    @inline(__always)
    static func transformInput(_ d: UnsafePointer<Float>, stride: Int, into v: UnsafeMutablePointer<Float>, stride outputStride: Int) {
        transformInput8(d, stride: stride, into: v, stride: outputStride)
    }

    @inline(__always)
    static func transformGradient(_ y: UnsafePointer<Float>, stride: Int, into v: UnsafeMutablePointer<Float>, stride outputStride: Int) {
        transformGradient4(y, stride: stride, into: v, stride: outputStride, halves: true)
    }

    @inline(__always)
    static func transformOutput(_ v: UnsafePointer<Float>, stride: Int, into y: UnsafeMutablePointer<Float>, stride outputStride: Int) {
        let (v1, v2, v3, v4) = (v.simd8(at: stride), v.simd8(at: 2 &* stride), v.simd8(at: 3 &* stride), v.simd8(at: 4 &* stride))
        let (v5, v6) = (v.simd8(at: 5 &* stride), v.simd8(at: 6 &* stride))
        let sum12 = v1 + v2, difference12 = v1 - v2, sum34 = v3 + v4, difference34 = v3 - v4, sum56 = v5 + v6, difference56 = v5 - v6
        y.store(v.simd8(at: 0) + sum12 + sum34 + sum56, at: 0)
        y.store(difference12 + SIMD8(repeating: 2) * difference34 + SIMD8(repeating: 0.5) * difference56, at: outputStride)
        y.store(sum12 + SIMD8(repeating: 4) * sum34 + SIMD8(repeating: 0.25) * sum56, at: 2 &* outputStride)
        y.store(difference12 + SIMD8(repeating: 8) * difference34 + SIMD8(repeating: 0.125) * difference56 + v.simd8(at: 7 &* stride),
                at: 3 &* outputStride)
    }
}
