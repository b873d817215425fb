#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

extension Tensor {
    /// max(x, 0) elementwise; the gradient at 0 is 0.
    public func relu() -> Tensor {
        let result = mapSIMD { x in x.replacing(with: 0, where: x .< 0) }
        return Tensor.recorded(result, op: "relu", inputs: self) { g in
            [Tensor.broadcastBinary(g, result, op: "relu") { gv, y in gv.replacing(with: 0, where: y .<= 0) }]
        }
    }

    /// x for x > 0, `slope * x` otherwise.
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        let result = mapSIMD { x in x.replacing(with: x * slope, where: x .< 0) }
        return Tensor.recorded(result, op: "leakyRelu", inputs: self) { g in
            [Tensor.broadcastBinary(g, self, op: "leakyRelu") { gv, x in gv.replacing(with: gv * slope, where: x .<= 0) }]
        }
    }

    /// The logistic function 1 / (1 + e^{-x}) elementwise.
    public func sigmoid() -> Tensor {
        let result = mapSIMD { SIMDMath.sigmoid($0) }
        return Tensor.recorded(result, op: "sigmoid", inputs: self) { g in
            [Tensor.broadcastBinary(g, result, op: "sigmoid") { gv, y in gv * y * (1 - y) }]
        }
    }

    /// Hyperbolic tangent elementwise.
    public func tanh() -> Tensor {
        let result = mapSIMD { SIMDMath.tanh($0) }
        return Tensor.recorded(result, op: "tanh", inputs: self) { g in
            [Tensor.broadcastBinary(g, result, op: "tanh") { gv, y in gv * (1 - y * y) }]
        }
    }

    /// GELU, tanh approximation (PyTorch's `approximate="tanh"`):
    /// 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    public func gelu() -> Tensor {
        let c: Float = 0.797_884_560_8
        let result = mapSIMD { x in
            let cube: SIMD8<Float> = x * x * x
            let t: SIMD8<Float> = SIMDMath.tanh(c * (x + 0.044_715 * cube))
            return 0.5 * x * (1 + t)
        }
        return Tensor.recorded(result, op: "gelu", inputs: self) { g in
            [Tensor.broadcastBinary(g, self, op: "gelu") { gv, x in
                let cube: SIMD8<Float> = x * x * x
                let t: SIMD8<Float> = SIMDMath.tanh(c * (x + 0.044_715 * cube))
                let slope: SIMD8<Float> = c * (1 + 0.134_145 * x * x)
                let outer: SIMD8<Float> = 0.5 * (1 + t)
                let inner: SIMD8<Float> = 0.5 * x * (1 - t * t) * slope
                return gv * (outer + inner)
            }]
        }
    }

    /// log(1 + e^x) elementwise, computed stably as max(x, 0) + log1p(e^{-|x|}).
    public func softplus() -> Tensor {
        let result = mapScalars { x in Swift.max(x, 0) + log1pf(expf(-Swift.abs(x))) }
        return Tensor.recorded(result, op: "softplus", inputs: self) { g in [g * self.sigmoid()] }
    }
}
