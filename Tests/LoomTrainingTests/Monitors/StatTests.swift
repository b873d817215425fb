@testable import LoomTraining
import Testing

/// Typed stat and hyperparameter names, usable where a string was.
@Suite struct StatTests {
    @Test func wellKnownStatsHaveTheirNames() {
        #expect(Stat.valErrorTop1.name == "val-error-top1")
        #expect(Stat.valErrorTop5.name == "val-error-top5")
        #expect(Stat.trainErrorTop1.name == "train-error-top1")
        #expect(Stat.cost.name == "cost")
        #expect(Stat.loss.name == "loss")
        #expect(Stat.crossEntropyLoss.name == "cross_entropy_loss")
        #expect(Stat.learningRate.name == "learning_rate")
        #expect(Stat.learningRate == HyperParam.learningRate.stat)
    }

    @Test func aLiteralNamesAnyStat() {
        let stat: Stat = "val-accuracy"
        #expect(stat == Stat("val-accuracy"))
        #expect(stat.description == "val-accuracy")
        #expect(Stat("val-error-top1") == .valErrorTop1)
    }

    @Test func callbacksTakeTypedOrLiteralNames() {
        #expect(MinSaver(.valErrorTop1).stat == "val-error-top1")
        #expect(MaxSaver("val-accuracy").stat == "val-accuracy")
        #expect(EarlyStopping(stat: .cost, patience: 1, direction: .min).consumedStats == ["cost"])
        #expect(ClassificationError().statNames == ["val-error-top1"])
        #expect(ClassificationError(wrongName: "wrong-top5", summaryName: .valErrorTop5).statNames == ["val-error-top5"])
        #expect(ScheduledHyperParamSetter(.learningRate, schedule: [(1, 0.1)]).param.name == "learning_rate")
    }

    @Test func wellKnownHyperparameters() {
        #expect(HyperParam.learningRate.isBackend)
        #expect(HyperParam.wellKnownNames == ["learning_rate", "momentum", "beta1", "beta2", "epsilon", "weight_decay", "decay", "clip_norm"])
    }

    @Test func monitorsReadTypedNames() throws {
        let loop = LoopState(stepsPerEpoch: 1, startEpoch: 1, maxEpoch: 1)
        let monitors = Monitors(loop: loop)
        try monitors.put(scalar: 0.25, name: "val-error-top1")
        #expect(monitors.latest(Stat.valErrorTop1) == 0.25)
        #expect(monitors.latestPoint(Stat.valErrorTop1)?.value == 0.25)
        #expect(monitors.history(Stat.valErrorTop1).map(\.value) == [0.25])
        #expect(monitors.latest(Stat.cost) == nil)
    }
}
