import LoomTensor
import Testing

/// Records the scope of every pullback a backward pass runs.
private final class ScopeLog: BackwardObserver {
    var scopes: [String?] = []
    var finished = 0
    func pullbackWillRun(scope: String?) { scopes.append(scope) }
    func backwardDidFinish() { finished += 1 }
}

@Suite struct RecordingScopeTests {
    @Test func pullbacksReportTheScopeTheirOpsWereRecordedIn() {
        let w = Tensor([1, 2, 3]).requiringGradient()
        let hidden = Tensor.withRecordingScope("layer1") { w * w }
        let inner = Tensor.withRecordingScope("layer2") { Tensor.withRecordingScope(nil) { hidden * 2 } + 1 }
        let cost = inner.sum()
        let log = ScopeLog()
        cost.backward(observer: log)
        // Reverse order: sum (no scope), + (layer2), * 2 (scope cleared inside layer2), w * w (layer1).
        #expect(log.scopes == [nil, "layer2", nil, "layer1"])
        #expect(log.finished == 1)
        #expect(w.grad?.scalars == [4, 8, 12])
    }

    @Test func aScopeInsideWithoutGradientsRecordsNothing() {
        let w = Tensor([1, 2]).requiringGradient()
        let y = Tensor.withoutGradients { Tensor.withRecordingScope("layer") { (w * w).sum() } }
        #expect(!y.requiresGradient)
        #expect(Tensor.withoutGradients { Tensor.withRecordingScope("layer") { Tensor.isRecordingGradients } } == false)
        #expect(Tensor.withRecordingScope("layer") { Tensor.isRecordingGradients })
        let log = ScopeLog()
        Tensor(3).backward(observer: log)
        #expect(log.scopes.isEmpty && log.finished == 1)
    }
}
