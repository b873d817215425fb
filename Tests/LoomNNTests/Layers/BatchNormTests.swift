import LoomNN
import LoomTensor
import Testing

@Suite struct BatchNormTests {
    /// Channel 0 has values 1, 3 (mean 2, variance 1); channel 1 has 2, 6 (mean 4, variance 4).
    let input = Tensor(shape: [2, 2], scalars: [1, 2, 3, 6])

    @Test func trainingNormalisesWithBatchStatisticsAndDefersTheUpdate() {
        let layer = BatchNorm(features: 2, epsilon: 0)
        let model = Model(layer)
        model.isTraining = true
        let output = model(input)
        #expect(close(output.scalars, [-1, -1, 1, 1]))
        #expect(model.pendingUpdateCount == 1)
        #expect(layer.movingMean.value.scalars == [0, 0])
        #expect(layer.movingVariance.value.scalars == [1, 1])
        model.applyUpdateOps()
        #expect(model.pendingUpdateCount == 0)
        #expect(close(layer.movingMean.value.scalars, [0.2, 0.4]))
        #expect(close(layer.movingVariance.value.scalars, [1.0, 1.3]))
    }

    @Test func discardedUpdatesLeaveStatisticsUnchanged() {
        let layer = BatchNorm(features: 2)
        let model = Model(layer)
        _ = model(input)
        _ = model(input)
        #expect(model.pendingUpdateCount == 2)
        model.discardUpdateOps()
        #expect(model.pendingUpdateCount == 0)
        #expect(layer.movingMean.value.scalars == [0, 0])
        #expect(layer.movingVariance.value.scalars == [1, 1])
    }

    @Test func evaluationUsesRunningStatisticsAndQueuesNothing() {
        let layer = BatchNorm(features: 2, epsilon: 0)
        layer.movingMean.value = Tensor([1, 2])
        layer.movingVariance.value = Tensor([4, 1])
        layer.beta.assign([0.5, 0])
        let model = Model(layer)
        model.isTraining = false
        let output = model(input)
        #expect(close(output.scalars, [0.5, 0, 1.5, 4]))
        #expect(model.pendingUpdateCount == 0)
    }

    @Test func namesOfState() {
        let model = Model(Sequential([("bn1", BatchNorm(features: 3))]))
        #expect(model.namedParameters().map(\.name) == ["bn1/gamma", "bn1/beta"])
        #expect(model.namedBuffers().map(\.name) == ["bn1/mean/EMA", "bn1/variance/EMA"])
    }
}
