import LoomTensor
import Testing

@Suite struct AutodiffTests {
    @Test func gradientsAccumulateAndZero() {
        let w = Tensor([1, 2, 3]).requiringGradient()
        #expect(w.isGradientLeaf)
        #expect(w.grad == nil)
        (w * w).sum().backward()
        #expect(w.grad?.scalars == [2, 4, 6])
        (w * 3).sum().backward()
        #expect(w.grad?.scalars == [5, 7, 9])
        w.zeroGradient()
        #expect(w.grad == nil)
        (w.sum() * 2).backward()
        #expect(w.grad?.scalars == [2, 2, 2])
    }

    @Test func sharedSubexpressionsAndReuse() {
        let x = Tensor(3).requiringGradient()
        let y = x * x
        let z = y * y + y  // x⁴ + x²: d/dx = 4x³ + 2x = 114
        z.backward()
        #expect(x.grad?.scalar == 114)
    }

    @Test func noGradientScopeRecordsNothing() {
        let w = Tensor([1, 2]).requiringGradient()
        let inside = Tensor.withoutGradients { (w * 2).sum() }
        #expect(!inside.requiresGradient)
        #expect(Tensor.withoutGradients { Tensor.isRecordingGradients } == false)
        #expect(Tensor.isRecordingGradients)
        inside.backward()
        #expect(w.grad == nil)
        let outside = (w * 2).sum()
        #expect(outside.requiresGradient)
    }

    @Test func inPlaceUpdateKeepsTheLeaf() {
        var w = Tensor([1, 2]).requiringGradient()
        let captured = w
        (w * w).sum().backward()
        guard let gradient = w.grad else {
            Issue.record("no gradient")
            return
        }
        w -= gradient * 0.5
        #expect(w.scalars == [0, 0])
        #expect(captured.scalars == [1, 2])  // copy-on-write: the earlier copy is unchanged
        #expect(w.isGradientLeaf)
        w.zeroGradient()
        (w + 1).sum().backward()
        #expect(w.grad?.scalars == [1, 1])
        w.assign(Tensor([5, 6]))
        #expect(w.scalars == [5, 6] && w.isGradientLeaf)
    }

    @Test func constantsAndDetachedTensorsGetNoGradient() {
        let w = Tensor([1, 2]).requiringGradient()
        let c = Tensor([3, 4])
        (w * c + w.detached() * 10).sum().backward()
        #expect(w.grad?.scalars == [3, 4])
        #expect(c.grad == nil)
        #expect(!c.requiresGradient)
    }

    @Test func backwardWithSeed() {
        let w = Tensor([1, 2]).requiringGradient()
        (w * 3).backward(seed: Tensor([1, -1]))
        #expect(w.grad?.scalars == [3, -3])
    }

    @Test func broadcastGradientHasParameterShape() {
        let bias = Tensor([0, 0, 0]).requiringGradient()
        (Tensor(ones: [4, 3]) + bias).sum().backward()
        #expect(bias.grad?.shape == [3])
        #expect(bias.grad?.scalars == [4, 4, 4])
    }
}
