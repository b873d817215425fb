import LoomTensor

/// SGD with momentum: `v = μ·v + g·s + wd·p; p −= lr·v`.
struct SGDRule: ChunkRule {
    let p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, v: UnsafeMutablePointer<Float>
    let c: OptimizerKernels.Constants

    @inline(__always)
    func chunk(at i: Int, lanes: Int) {
        let param = p.simd8(at: i, count: lanes)
        let velocity = c.momentum * v.simd8(at: i, count: lanes) + g.simd8(at: i, count: lanes) * c.scale + c.weightDecay * param
        v.store(velocity, at: i, count: lanes)
        p.store(param - c.learningRate * velocity, at: i, count: lanes)
    }
}
