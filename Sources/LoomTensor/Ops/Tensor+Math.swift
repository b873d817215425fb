#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

extension Tensor {
    /// e^x elementwise (vectorised; relative error ≈ 1e-7, 0 below -87.3, +inf above 88.7).
    public func exp() -> Tensor {
        let result = mapSIMD { SIMDMath.exp($0) }
        return Tensor.recorded(result, op: "exp", inputs: self) { g in [g * result] }
    }

    /// Natural logarithm elementwise (`log(0) = -inf`, negative → NaN).
    public func log() -> Tensor {
        let result = mapScalars { logf($0) }
        return Tensor.recorded(result, op: "log", inputs: self) { g in [g / self] }
    }

    /// Square root elementwise.
    public func sqrt() -> Tensor {
        let result = mapSIMD { $0.squareRoot() }
        return Tensor.recorded(result, op: "sqrt", inputs: self) { g in [g / (2 * result)] }
    }

    /// 1 / sqrt(x) elementwise.
    public func rsqrt() -> Tensor {
        let result = mapSIMD { 1 / $0.squareRoot() }
        return Tensor.recorded(result, op: "rsqrt", inputs: self) { g in [g * (-0.5) * result * result * result] }
    }

    /// x² elementwise.
    public func squared() -> Tensor { self * self }

    /// |x| elementwise; the gradient at 0 is 0.
    public func abs() -> Tensor {
        let result = mapSIMD { x in
            unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
        }
        return Tensor.recorded(result, op: "abs", inputs: self) { g in [g * self.sign()] }
    }

    /// The sign elementwise: -1, 0 or 1 (not differentiable; records nothing).
    public func sign() -> Tensor {
        mapSIMD { x in
            SIMD8<Float>(repeating: 0).replacing(with: 1, where: x .> 0).replacing(with: -1, where: x .< 0)
        }
    }

    /// x^exponent elementwise with a constant exponent.
    public func pow(_ exponent: Float) -> Tensor {
        let result: Tensor
        if exponent == 2 { result = mapSIMD { $0 * $0 } } else { result = mapScalars { powf($0, exponent) } }
        return Tensor.recorded(result, op: "pow", inputs: self) { g in
            [g * exponent * (exponent == 2 ? self : self.pow(exponent - 1))]
        }
    }

    /// base^exponent elementwise with broadcasting; both may require gradients (the
    /// exponent's gradient uses log(base), so it needs base > 0 where it matters).
    public static func pow(_ base: Tensor, _ exponent: Tensor) -> Tensor {
        let shape = check { () throws(ShapeError) in try Shape.broadcast(base.shape, exponent.shape, op: "pow") }
        let left = base.expanded(to: shape), right = exponent.expanded(to: shape)
        let result = Tensor.uninitialized(shape)
        for index in 0..<result.scalarCount { result.data[index] = powf(left.data[index], right.data[index]) }
        let needB = exponent.requiresGradient
        return recorded(result, op: "pow", inputs: base, exponent) { g in
            [(g * right * pow(left, right - 1)).reduced(toShape: base.shape),
             needB ? (g * result * left.log()).reduced(toShape: exponent.shape) : nil]
        }
    }

    /// Limits every element to `lower...upper`; the gradient is passed where the input was
    /// inside the range and 0 where it was clamped.
    public func clamped(to range: ClosedRange<Float>) -> Tensor {
        let low = range.lowerBound, high = range.upperBound
        let result = mapSIMD { x in
            x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
        }
        return Tensor.recorded(result, op: "clamp", inputs: self) { g in
            [g * self.mapSIMD { x in
                SIMD8<Float>(repeating: 1).replacing(with: 0, where: x .< low).replacing(with: 0, where: x .> high)
            }]
        }
    }
}
