/// Winograd's minimal filtering F(m×m, r×r) over 6×6 input tiles (Lavin and Gray, "Fast
/// Algorithms for Convolutional Neural Networks", 2016): each m×m block of a stride-1
/// correlation is `Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A` for the r×r kernel `g` and the 6×6 input
/// tile `d`. The matrices come from interpolation at the points 0, ±1, ±2 and ∞ (Toom–Cook);
/// Bᵀ depends only on the points, so every tile type here shares one input transform.
///
/// F(4×4, 3×3) needs 36 products per tile instead of 144, F(2×2, 5×5) 36 instead of 100.
protocol WinogradTile {
    /// m: the output rows and columns of a tile.
    static var outputSize: Int { get }
    /// r: the kernel's rows and columns.
    static var kernelSize: Int { get }
    /// G, 6 × r, row-major.
    static var filterMatrix: [Float] { get }
    /// Aᵀ applied to one row or column of a transformed tile, eight lanes at a time: reads
    /// the vectors at `v`, `v + stride`, … `v + 5·stride` and writes `outputSize` vectors
    /// at `y`, `y + outputStride`, … (offsets in floats).
    static func transformOutput(_ v: UnsafePointer<Float>, stride: Int, into y: UnsafeMutablePointer<Float>, stride outputStride: Int)
}

extension WinogradTile {
    /// Bᵀ applied to one row or column of an input tile, in place. Bᵀ rows:
    /// `[4 0 −5 0 1 0]`, `[0 −4 −4 1 1 0]`, `[0 4 −4 −1 1 0]`, `[0 −2 −1 2 1 0]`,
    /// `[0 2 −1 −2 1 0]`, `[0 4 0 −5 0 1]`.
    @inline(__always)
    static func transformInput(_ d: inout (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)) {
        let four = SIMD8<Float>(repeating: 4), five = SIMD8<Float>(repeating: 5), two = SIMD8<Float>(repeating: 2)
        let a = d.4 - four * d.2, b = d.3 - four * d.1
        let c = d.4 - d.2, e = two * (d.3 - d.1)
        d = (four * d.0 - five * d.2 + d.4, a + b, a - b, c + e, c - e, four * d.1 - five * d.3 + d.5)
    }
}

/// F(4×4, 3×3): Aᵀ rows `[1 1 1 1 1 0]`, `[0 1 −1 2 −2 0]`, `[0 1 1 4 4 0]`, `[0 1 −1 8 −8 1]`.
enum WinogradF4x3: WinogradTile {
    static var outputSize: Int { 4 }
    static var kernelSize: Int { 3 }
    static let filterMatrix: [Float] = [
        1.0 / 4, 0, 0,
        -1.0 / 6, -1.0 / 6, -1.0 / 6,
        -1.0 / 6, 1.0 / 6, -1.0 / 6,
        1.0 / 24, 1.0 / 12, 1.0 / 6,
        1.0 / 24, -1.0 / 12, 1.0 / 6,
        0, 0, 1,
    ]

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

/// F(2×2, 5×5): Aᵀ rows `[1 1 1 1 1 0]`, `[0 1 −1 2 −2 1]`.
enum WinogradF2x5: WinogradTile {
    static var outputSize: Int { 2 }
    static var kernelSize: Int { 5 }
    static let filterMatrix: [Float] = [
        1.0 / 4, 0, 0, 0, 0,
        -1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6,
        -1.0 / 6, 1.0 / 6, -1.0 / 6, 1.0 / 6, -1.0 / 6,
        1.0 / 24, 1.0 / 12, 1.0 / 6, 1.0 / 3, 2.0 / 3,
        1.0 / 24, -1.0 / 12, 1.0 / 6, -1.0 / 3, 2.0 / 3,
        0, 0, 0, 0, 1,
    ]

    @inline(__always)
    static func transformOutput(_ v: UnsafePointer<Float>, stride: Int, into y: UnsafeMutablePointer<Float>, stride outputStride: Int) {
        let (v1, v2, v3, v4) = (v.simd8(at: stride), v.simd8(at: 2 &* stride), v.simd8(at: 3 &* stride), v.simd8(at: 4 &* stride))
        y.store(v.simd8(at: 0) + (v1 + v2) + (v3 + v4), at: 0)
        y.store((v1 - v2) + SIMD8(repeating: 2) * (v3 - v4) + v.simd8(at: 5 &* stride), at: outputStride)
    }
}
