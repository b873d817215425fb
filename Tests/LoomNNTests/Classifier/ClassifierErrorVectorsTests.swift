import LoomNN
import LoomTensor
import Testing

/// A training step computes only the error vectors asked for, and those equal a full step's.
@Suite struct ClassifierErrorVectorsTests {
    func classifier() -> ClassifierModel {
        var generator = SeededGenerator(seed: 5)
        return ClassifierModel(network: Dense(inputSize: 6, outputSize: 7, generator: &generator), inputShape: [6], classes: 7)
    }

    func batch() -> (Tensor, IndexTensor) {
        var generator = SeededGenerator(seed: 9)
        return (Tensor(randomNormal: [12, 6], using: &generator), IndexTensor((0..<12).map { $0 % 7 }))
    }

    @Test func outputNamesMapToTheirVectors() {
        typealias Vectors = ClassifierOutputs.ErrorVectors
        #expect(Vectors(outputs: ["cost", "cross_entropy_loss", "regularize_cost"]) == [])
        #expect(Vectors(outputs: ["cost", "train-error-top1"]) == .top1)
        #expect(Vectors(outputs: ["wrong-top1"]) == .top1)
        #expect(Vectors(outputs: ["train-error-top5"]) == .topK)
        #expect(Vectors(outputs: ["wrong-top5", "wrong-top1"]) == .all)
        #expect(Vectors(outputs: ClassifierOutputs.outputNames) == .all)
    }

    @Test(arguments: [ClassifierOutputs.ErrorVectors.all, .top1, .topK, []])
    func onlyTheAskedVectorsAreComputedAndTheyMatchAFullStep(vectors: ClassifierOutputs.ErrorVectors) {
        let (images, labels) = batch()
        let full = classifier(), partial = classifier()
        let expected = full.trainStep(images: images, labels: labels, optimizer: .sgd(learningRate: 0.1))
        let outputs = partial.trainStep(images: images, labels: labels, optimizer: .sgd(learningRate: 0.1), errorVectors: vectors)
        #expect(expected.computed == .all)
        #expect(expected.wrongTop1.count == 12 && expected.wrongTopK.count == 12)
        #expect(outputs.computed == vectors)
        #expect(outputs.wrongTop1 == (vectors.contains(.top1) ? expected.wrongTop1 : []))
        #expect(outputs.wrongTopK == (vectors.contains(.topK) ? expected.wrongTopK : []))
        #expect(outputs.cost == expected.cost && outputs.crossEntropy == expected.crossEntropy)
        // The update does not depend on the metrics.
        #expect(partial.model.namedParameters().map(\.parameter.value.scalars) == full.model.namedParameters().map(\.parameter.value.scalars))
    }
}
