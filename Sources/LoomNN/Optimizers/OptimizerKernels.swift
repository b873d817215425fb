import LoomTensor

/// The update rules of ``Optimizer`` as fused loops: one pass over a parameter's storage,
/// eight lanes at a time (the last chunk partial), reading the gradient and the slots and
/// writing the parameter and the slots in place. No temporary tensors, no tape.
///
/// Each lane computes exactly the scalar expression of ``OptimizerAlgorithm``'s rule in the
/// same operation order (IEEE-754 lane-wise arithmetic, no FMA contraction), so the results
/// are bit-identical to the scalar loops.
enum OptimizerKernels {
    /// The constants of one update, read once per ``Optimizer/update(_:)``.
    struct Constants {
        var learningRate: Float
        /// The gradient factor from global-norm clipping (1 without clipping).
        var scale: Float
        var momentum: Float = 0
        var weightDecay: Float = 0
        var beta1: Float = 0, beta2: Float = 0, epsilon: Float = 0
        /// Adam's bias corrections `1 − β1ᵗ`, `1 − β2ᵗ`.
        var correction1: Float = 1, correction2: Float = 1
        /// RMSProp's ρ.
        var decay: Float = 0
    }

    /// Calls `body(offset, lanes)` for each chunk of eight elements (fewer in the last).
    @inline(__always)
    static func chunks(_ count: Int, _ body: (Int, Int) -> Void) {
        var offset = 0
        while offset < count {
            body(offset, Swift.min(8, count &- offset))
            offset &+= 8
        }
    }

    /// SGD with momentum: `v = μ·v + g·s + wd·p; p −= lr·v`.
    static func sgd(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ v: UnsafeMutablePointer<Float>, count: Int, _ c: Constants) {
        chunks(count) { i, lanes in
            let param = p.simd8(at: i, count: lanes)
            let velocity = c.momentum * v.simd8(at: i, count: lanes) + g.simd8(at: i, count: lanes) * c.scale + c.weightDecay * param
            v.store(velocity, at: i, count: lanes)
            p.store(param - c.learningRate * velocity, at: i, count: lanes)
        }
    }

    /// Nesterov SGD: `g' = g·s + wd·p; v = μ·v + g'; p −= lr·(g' + μ·v)`.
    static func nesterov(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ v: UnsafeMutablePointer<Float>, count: Int, _ c: Constants) {
        chunks(count) { i, lanes in
            let param = p.simd8(at: i, count: lanes)
            let gradient = g.simd8(at: i, count: lanes) * c.scale + c.weightDecay * param
            let velocity = c.momentum * v.simd8(at: i, count: lanes) + gradient
            v.store(velocity, at: i, count: lanes)
            p.store(param - c.learningRate * (gradient + c.momentum * velocity), at: i, count: lanes)
        }
    }

    /// Adam and AdamW: `p *= 1 − lr·wd; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
    /// p −= lr·(m/c1) / (√(v/c2) + ε)`.
    static func adam(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                     _ v: UnsafeMutablePointer<Float>, count: Int, _ c: Constants) {
        let shrink = 1 - c.learningRate * c.weightDecay
        let keep1 = 1 - c.beta1, keep2 = 1 - c.beta2
        chunks(count) { i, lanes in
            let gradient = g.simd8(at: i, count: lanes) * c.scale
            let param = p.simd8(at: i, count: lanes) * shrink
            let first = c.beta1 * m.simd8(at: i, count: lanes) + keep1 * gradient
            let second = c.beta2 * v.simd8(at: i, count: lanes) + keep2 * gradient * gradient
            m.store(first, at: i, count: lanes)
            v.store(second, at: i, count: lanes)
            p.store(param - c.learningRate * (first / c.correction1) / ((second / c.correction2).squareRoot() + c.epsilon), at: i, count: lanes)
        }
    }

    /// RMSProp: `s = ρ·s + (1−ρ)·g²; b = μ·b + g/(√s + ε); p −= lr·b`.
    static func rmsProp(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ s: UnsafeMutablePointer<Float>,
                        _ b: UnsafeMutablePointer<Float>, count: Int, _ c: Constants) {
        let keep = 1 - c.decay
        chunks(count) { i, lanes in
            let gradient = g.simd8(at: i, count: lanes) * c.scale
            let square = c.decay * s.simd8(at: i, count: lanes) + keep * gradient * gradient
            let buffer = c.momentum * b.simd8(at: i, count: lanes) + gradient / (square.squareRoot() + c.epsilon)
            s.store(square, at: i, count: lanes)
            b.store(buffer, at: i, count: lanes)
            p.store(p.simd8(at: i, count: lanes) - c.learningRate * buffer, at: i, count: lanes)
        }
    }
}
