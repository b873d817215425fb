import LoomTensor

/// RMSProp: `s = ρ·s + (1−ρ)·g²; b = μ·b + g/(√s + ε); p −= lr·b`.
struct RMSPropRule: ChunkRule {
    let p: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, s: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>
    let c: OptimizerKernels.Constants

    @inline(__always)
    func chunk(at i: Int, lanes: Int) {
        let gradient = g.simd8(at: i, count: lanes) * c.scale
        let square = c.decay * s.simd8(at: i, count: lanes) + (1 - c.decay) * gradient * gradient
        let buffer = c.momentum * b.simd8(at: i, count: lanes) + gradient / (square.vectorSquareRoot() + c.epsilon)
        s.store(square, at: i, count: lanes)
        b.store(buffer, at: i, count: lanes)
        p.store(p.simd8(at: i, count: lanes) - c.learningRate * buffer, at: i, count: lanes)
    }
}
