import LoomNN
import LoomTensor
import Testing

/// (Mirrors LoomTensorTests/Support/GradientCheck.swift.)
/// Compares the reverse-mode gradients of `f` with central finite differences.
///
/// The objective is `sum(f(x) * w)` with fixed pseudo-random weights `w`, so every output
/// element contributes with a distinct factor. Finite differences run in Float with
/// step 1e-2: the truncation error (step² · f''' / 6) is ≈ 1e-5 for the smooth ops under
/// test on inputs of size ~1, and the rounding error (ulp(objective) / step) ≈ 1e-4 for
/// objectives of size ~10; the tolerance 1e-3 + 1e-2·|numeric| covers both with margin
/// while still catching any wrong rule (those are off by O(1)). Inputs to kinked ops
/// (relu, abs, max, pools) are chosen at least 0.05 away from every kink.
func checkGradients(_ inputs: [Tensor], step: Float = 1e-2, sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor) {
    let leaves = inputs.map { $0.requiringGradient() }
    let output = f(leaves)
    var generator = SeededGenerator(seed: 99)
    let weights = Tensor(randomUniform: output.shape, in: 0.5...1.5, using: &generator)
    (output * weights).sum().backward()
    func objective(_ values: [Tensor]) -> Float {
        Tensor.withoutGradients { (f(values) * weights).sum().scalar }
    }
    for (index, leaf) in leaves.enumerated() {
        let analytic = leaf.grad?.scalars ?? [Float](repeating: 0, count: leaf.scalarCount)
        #expect(leaf.grad == nil || leaf.grad?.shape == leaf.shape, "gradient shape of input \(index)", sourceLocation: sourceLocation)
        for element in 0..<leaf.scalarCount {
            var plus = inputs, minus = inputs
            plus[index].withUnsafeMutableBufferPointer { $0[element] += step }
            minus[index].withUnsafeMutableBufferPointer { $0[element] -= step }
            let numeric = (objective(plus) - objective(minus)) / (2 * step)
            let difference = abs(analytic[element] - numeric)
            #expect(difference <= 1e-3 + 1e-2 * abs(numeric),
                    "input \(index) element \(element): analytic \(analytic[element]) vs numeric \(numeric)", sourceLocation: sourceLocation)
        }
    }
}

/// Deterministic test values in `range`, away from 0 by at least `gap`.
func testValues(_ shape: [Int], seed: UInt64 = 1, in range: ClosedRange<Float> = -2...2, avoiding gap: Float = 0) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    let raw = Tensor(randomUniform: shape, in: range, using: &generator).scalars
    return Tensor(shape: shape, scalars: raw.map { abs($0) < gap ? ($0 < 0 ? -gap : gap) : $0 })
}

/// Whether two float arrays agree within `tolerance` (absolute + relative).
func close(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * (1 + abs($1)) }
}
