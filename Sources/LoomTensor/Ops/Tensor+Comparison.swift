extension Tensor {
    /// 1 where `lhs > rhs`, else 0 (broadcasting; not differentiable).
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcastBinary(lhs, rhs, op: "greater") { a, b in SIMD8<Float>(repeating: 0).replacing(with: 1, where: a .> b) }
    }

    /// 1 where `lhs < rhs`, else 0.
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcastBinary(lhs, rhs, op: "less") { a, b in SIMD8<Float>(repeating: 0).replacing(with: 1, where: a .< b) }
    }

    /// 1 where `lhs >= rhs`, else 0.
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcastBinary(lhs, rhs, op: "greaterEqual") { a, b in SIMD8<Float>(repeating: 0).replacing(with: 1, where: a .>= b) }
    }

    /// 1 where `lhs <= rhs`, else 0.
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcastBinary(lhs, rhs, op: "lessEqual") { a, b in SIMD8<Float>(repeating: 0).replacing(with: 1, where: a .<= b) }
    }

    /// 1 where `lhs == rhs`, else 0.
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcastBinary(lhs, rhs, op: "equal") { a, b in SIMD8<Float>(repeating: 0).replacing(with: 1, where: a .== b) }
    }

    /// 1 where `lhs != rhs`, else 0.
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor {
        broadcastBinary(lhs, rhs, op: "notEqual") { a, b in SIMD8<Float>(repeating: 0).replacing(with: 1, where: a .!= b) }
    }

    /// 1 where the element exceeds `rhs`, else 0.
    public static func .> (lhs: Tensor, rhs: Float) -> Tensor { lhs .> Tensor(rhs) }
    /// 1 where the element is below `rhs`, else 0.
    public static func .< (lhs: Tensor, rhs: Float) -> Tensor { lhs .< Tensor(rhs) }
    /// 1 where the element is at least `rhs`, else 0.
    public static func .>= (lhs: Tensor, rhs: Float) -> Tensor { lhs .>= Tensor(rhs) }
    /// 1 where the element is at most `rhs`, else 0.
    public static func .<= (lhs: Tensor, rhs: Float) -> Tensor { lhs .<= Tensor(rhs) }
    /// 1 where the element equals `rhs`, else 0.
    public static func .== (lhs: Tensor, rhs: Float) -> Tensor { lhs .== Tensor(rhs) }
}
