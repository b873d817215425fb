import LoomTensor

/// The update rules of ``Optimizer`` as fused loops: one pass over a parameter's storage,
/// eight lanes at a time (the last chunk partial), reading the gradient and the slots and
/// writing the parameter and the slots in place. No temporary tensors, no tape.
///
/// Each lane computes a scalar expression of ``OptimizerAlgorithm``'s rule in a fixed
/// operation order (IEEE-754 lane-wise arithmetic, no FMA contraction), so the results do not
/// depend on the chunking, and SGD, Nesterov and RMSProp are bit-identical to element-by-element
/// loops. Adam evaluates its step as PyTorch does, `(lr/c1)·m / (√v·(1/√c2) + ε)`, with two
/// divider operations per element instead of four (`lr·(m/c1) / (√(v/c2) + ε)`); on the
/// 2-vCPU reference machine the divider, not memory, bounded the pass. The two orders differ
/// by a few rounding errors of the step, far below one ulp of a parameter the step is small
/// against (checked in `OptimizerFusedTests`).
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

    /// Runs `rule` over each chunk of eight elements, then once over the remaining 1–7
    /// elements, if any. Both calls inline (generic specialisation, `@inline(__always)`), so
    /// the main loop sees the constant 8 and the partial loads and stores fold away there.
    @inline(__always)
    static func run<Rule: ChunkRule>(_ rule: Rule, count: Int) {
        var offset = 0
        while offset &+ 8 <= count {
            rule.chunk(at: offset, lanes: 8)
            offset &+= 8
        }
        if offset < count { rule.chunk(at: offset, lanes: count &- offset) }
    }

    /// SGD with momentum: `v = μ·v + g·s + wd·p; p −= lr·v`.
    static func sgd(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ v: UnsafeMutablePointer<Float>, count: Int, _ c: Constants) {
        run(SGDRule(p: p, g: g, v: v, c: c), count: count)
    }

    /// Nesterov SGD: `g' = g·s + wd·p; v = μ·v + g'; p −= lr·(g' + μ·v)`.
    static func nesterov(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ v: UnsafeMutablePointer<Float>, count: Int, _ c: Constants) {
        run(NesterovRule(p: p, g: g, v: v, c: c), count: count)
    }

    /// Adam and AdamW: `p *= 1 − lr·wd; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
    /// p −= (lr/c1)·m / (√v·(1/√c2) + ε)`.
    static func adam(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                     _ v: UnsafeMutablePointer<Float>, count: Int, _ c: Constants) {
        run(AdamRule(p: p, g: g, m: m, v: v, c: c), count: count)
    }

    /// RMSProp: `s = ρ·s + (1−ρ)·g²; b = μ·b + g/(√s + ε); p −= lr·b`.
    static func rmsProp(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>, _ s: UnsafeMutablePointer<Float>,
                        _ b: UnsafeMutablePointer<Float>, count: Int, _ c: Constants) {
        run(RMSPropRule(p: p, g: g, s: s, b: b, c: c), count: count)
    }
}
