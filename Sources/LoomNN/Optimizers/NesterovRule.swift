import LoomTensor

/// Nesterov SGD: `g' = g·s + wd·p; v = μ·v + g'; p −= lr·(g' + μ·v)`.
struct NesterovRule: ChunkRule {
    let p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, v: UnsafeMutablePointer<Float>
    let c: OptimizerKernels.Constants

    @inline(__always)
    func chunk(at i: Int, lanes: Int) {
        let param = p.simd8(at: i, count: lanes)
        let gradient = g.simd8(at: i, count: lanes) * c.scale + c.weightDecay * param
        let velocity = c.momentum * v.simd8(at: i, count: lanes) + gradient
        v.store(velocity, at: i, count: lanes)
        p.store(param - c.learningRate * (gradient + c.momentum * velocity), at: i, count: lanes)
    }
}
