extension Tensor {
    /// Elementwise sum with broadcasting.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcastBinary(lhs, rhs, op: "add") { $0 + $1 }
        let shapeA = lhs.shape, shapeB = rhs.shape
        return recorded(result, op: "add", inputs: lhs, rhs) { g in
            [g.reduced(toShape: shapeA), g.reduced(toShape: shapeB)]
        }
    }

    /// Elementwise difference with broadcasting.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcastBinary(lhs, rhs, op: "subtract") { $0 - $1 }
        let shapeA = lhs.shape, shapeB = rhs.shape
        return recorded(result, op: "subtract", inputs: lhs, rhs) { g in
            [g.reduced(toShape: shapeA), (-g).reduced(toShape: shapeB)]
        }
    }

    /// Elementwise product with broadcasting.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcastBinary(lhs, rhs, op: "multiply") { $0 * $1 }
        let needA = lhs.requiresGradient, needB = rhs.requiresGradient
        return recorded(result, op: "multiply", inputs: lhs, rhs) { g in
            [needA ? (g * rhs).reduced(toShape: lhs.shape) : nil, needB ? (g * lhs).reduced(toShape: rhs.shape) : nil]
        }
    }

    /// Elementwise quotient with broadcasting.
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor {
        let result = broadcastBinary(lhs, rhs, op: "divide") { $0 / $1 }
        let needA = lhs.requiresGradient, needB = rhs.requiresGradient
        let value = result
        return recorded(result, op: "divide", inputs: lhs, rhs) { g in
            [needA ? (g / rhs).reduced(toShape: lhs.shape) : nil,
             needB ? (-(g * value) / rhs).reduced(toShape: rhs.shape) : nil]
        }
    }

    /// Elementwise negation.
    public static prefix func - (operand: Tensor) -> Tensor {
        let result = operand.mapSIMD { -$0 }
        return recorded(result, op: "negate", inputs: operand) { g in [-g] }
    }

    /// Adds a scalar to every element.
    public static func + (lhs: Tensor, rhs: Float) -> Tensor { lhs + Tensor(rhs) }
    /// Adds a scalar to every element.
    public static func + (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) + rhs }
    /// Subtracts a scalar from every element.
    public static func - (lhs: Tensor, rhs: Float) -> Tensor { lhs - Tensor(rhs) }
    /// Subtracts every element from a scalar.
    public static func - (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) - rhs }
    /// Multiplies every element by a scalar.
    public static func * (lhs: Tensor, rhs: Float) -> Tensor { lhs * Tensor(rhs) }
    /// Multiplies every element by a scalar.
    public static func * (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) * rhs }
    /// Divides every element by a scalar.
    public static func / (lhs: Tensor, rhs: Float) -> Tensor { lhs / Tensor(rhs) }
    /// Divides a scalar by every element.
    public static func / (lhs: Float, rhs: Tensor) -> Tensor { Tensor(lhs) / rhs }

    /// Elementwise maximum with broadcasting; on ties the gradient goes to `lhs`.
    public static func maximum(_ lhs: Tensor, _ rhs: Tensor) -> Tensor {
        let result = broadcastBinary(lhs, rhs, op: "maximum") { SIMDMath.max($0, $1) }
        return recorded(result, op: "maximum", inputs: lhs, rhs) { g in
            let mask = lhs .>= rhs
            return [(g * mask).reduced(toShape: lhs.shape), (g * (1 - mask)).reduced(toShape: rhs.shape)]
        }
    }

    /// Elementwise minimum with broadcasting; on ties the gradient goes to `lhs`.
    public static func minimum(_ lhs: Tensor, _ rhs: Tensor) -> Tensor {
        let result = broadcastBinary(lhs, rhs, op: "minimum") { SIMDMath.min($0, $1) }
        return recorded(result, op: "minimum", inputs: lhs, rhs) { g in
            let mask = lhs .<= rhs
            return [(g * mask).reduced(toShape: lhs.shape), (g * (1 - mask)).reduced(toShape: rhs.shape)]
        }
    }
}

// MARK: - In-place (not recorded)

extension Tensor {
    /// Applies `op` in place; `rhs` must broadcast to `lhs.shape`. Not recorded.
    @inline(__always)
    static func applyInPlace(_ lhs: inout Tensor, _ rhs: Tensor, op name: String, _ op: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>) {
        let shape = check { () throws(ShapeError) in try Shape.broadcast(lhs.shape, rhs.shape, op: name) }
        precondition(shape == lhs.shape, "\(name): \(rhs.shape) does not broadcast to the left-hand shape \(lhs.shape)")
        lhs.makeUnique()
        if lhs.shape == rhs.shape {
            Elementwise.zip(lhs.data, rhs.data, lhs.data, lhs.scalarCount, op)
        } else {
            broadcastApply(lhs.data, lhs.shape, rhs.data, rhs.shape, into: lhs.data, shape: shape, op)
        }
    }

    /// Adds `rhs` into `lhs` in place (copy-on-write). Not recorded: a leaf stays the same
    /// leaf, which makes this the operator for optimizer updates.
    public static func += (lhs: inout Tensor, rhs: Tensor) { applyInPlace(&lhs, rhs, op: "add (in place)") { $0 + $1 } }
    /// Subtracts `rhs` from `lhs` in place. Not recorded.
    public static func -= (lhs: inout Tensor, rhs: Tensor) { applyInPlace(&lhs, rhs, op: "subtract (in place)") { $0 - $1 } }
    /// Multiplies `lhs` by `rhs` in place. Not recorded.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { applyInPlace(&lhs, rhs, op: "multiply (in place)") { $0 * $1 } }
    /// Divides `lhs` by `rhs` in place. Not recorded.
    public static func /= (lhs: inout Tensor, rhs: Tensor) { applyInPlace(&lhs, rhs, op: "divide (in place)") { $0 / $1 } }
    /// Adds a scalar in place. Not recorded.
    public static func += (lhs: inout Tensor, rhs: Float) { lhs += Tensor(rhs) }
    /// Subtracts a scalar in place. Not recorded.
    public static func -= (lhs: inout Tensor, rhs: Float) { lhs -= Tensor(rhs) }
    /// Multiplies by a scalar in place. Not recorded.
    public static func *= (lhs: inout Tensor, rhs: Float) { lhs *= Tensor(rhs) }
    /// Divides by a scalar in place. Not recorded.
    public static func /= (lhs: inout Tensor, rhs: Float) { lhs /= Tensor(rhs) }

    /// Replaces the values (not the identity) of this tensor with `newValue`'s; shapes must
    /// match. Not recorded: a leaf stays the same leaf with the same gradient.
    public mutating func assign(_ newValue: Tensor) {
        precondition(newValue.shape == shape, "assign: shape \(newValue.shape) differs from \(shape)")
        storage = newValue.storage
    }
}
