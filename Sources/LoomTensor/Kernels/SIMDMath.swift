/// Vectorised transcendental functions on `SIMD8<Float>` built only from operations that
/// compile to vector instructions (no per-lane library calls).
enum SIMDMath {
    static let expHigh: Float = 88.3762626647949
    static let expLow: Float = -87.3365447504

    /// e^x, Cephes-style: range reduction by ln 2 with a two-part constant, a degree-6
    /// polynomial, and 2^n assembled in the exponent bits. Max relative error ≈ 1.2e-7.
    /// Inputs below -87.34 give 0, above 88.72 give +inf (between 88.38 and 88.72 the
    /// result saturates at e^88.38 ≈ 2.4e38); NaN stays NaN.
    @inline(__always)
    static func exp(_ input: SIMD8<Float>) -> SIMD8<Float> {
        var x = input
        x.replace(with: expHigh, where: x .> expHigh)
        x.replace(with: expLow, where: x .< expLow)
        let magic: Float = 12_582_912  // 1.5 * 2^23: adding it rounds to an integer
        let shifted = x * 1.442_695_040_888_963_4 + magic
        let n = shifted - magic
        let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
        let z = r * r
        var y = SIMD8<Float>(repeating: 1.987_569_150_0e-4)
        y = y * r + 1.398_199_950_7e-3
        y = y * r + 8.333_451_907_3e-3
        y = y * r + 4.166_579_589_4e-2
        y = y * r + 1.666_666_545_9e-1
        y = y * r + 5.000_000_120_1e-1
        y = y * z + r + 1
        let bits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((bits &+ 127) &<< 23, to: SIMD8<Float>.self)
        var result = y * scale
        result.replace(with: 0, where: input .< expLow)
        result.replace(with: .infinity, where: input .> 88.722_839)
        return result
    }

    /// tanh(x): a Cephes odd polynomial for |x| < 0.625, `1 - 2 / (e^{2x} + 1)` otherwise.
    @inline(__always)
    static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let z = x * x
        var p = SIMD8<Float>(repeating: -5.704_988_727_45e-3)
        p = p * z + 2.063_908_879_54e-2
        p = p * z - 5.373_971_555_31e-2
        p = p * z + 1.333_144_220_36e-1
        p = p * z - 3.333_328_194_22e-1
        let small = p * z * x + x
        let large = 1 - 2 / (exp(x + x) + 1)
        var magnitude = x
        magnitude.replace(with: -x, where: x .< 0)
        return large.replacing(with: small, where: magnitude .< 0.625)
    }

    /// The logistic function 1 / (1 + e^{-x}).
    @inline(__always)
    static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> {
        1 / (1 + exp(-x))
    }

    /// Elementwise maximum via a comparison mask (`pointwiseMax` is per-lane code).
    @inline(__always)
    static func max(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        a.replacing(with: b, where: b .> a)
    }

    /// Elementwise minimum via a comparison mask.
    @inline(__always)
    static func min(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        a.replacing(with: b, where: b .< a)
    }
}
