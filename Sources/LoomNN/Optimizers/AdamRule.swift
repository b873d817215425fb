import LoomTensor

/// Adam and AdamW: `p *= 1 − lr·wd; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
/// p −= (lr/c1)·m / (√v·(1/√c2) + ε)`.
struct AdamRule: ChunkRule {
    let p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>
    let c: OptimizerKernels.Constants
    let shrink: Float, keep1: Float, keep2: Float, stepSize: Float, inverseRoot2: Float

    init(p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
         c: OptimizerKernels.Constants) {
        (self.p, self.g, self.m, self.v, self.c) = (p, g, m, v, c)
        shrink = 1 - c.learningRate * c.weightDecay
        keep1 = 1 - c.beta1
        keep2 = 1 - c.beta2
        stepSize = c.learningRate / c.correction1
        inverseRoot2 = 1 / c.correction2.squareRoot()
    }

    @inline(__always)
    func chunk(at i: Int, lanes: Int) {
        let gradient = g.simd8(at: i, count: lanes) * c.scale
        let param = p.simd8(at: i, count: lanes) * shrink
        let first = c.beta1 * m.simd8(at: i, count: lanes) + keep1 * gradient
        let second = c.beta2 * v.simd8(at: i, count: lanes) + keep2 * gradient * gradient
        m.store(first, at: i, count: lanes)
        v.store(second, at: i, count: lanes)
        p.store(param - stepSize * first / (second.vectorSquareRoot() * inverseRoot2 + c.epsilon), at: i, count: lanes)
    }
}
