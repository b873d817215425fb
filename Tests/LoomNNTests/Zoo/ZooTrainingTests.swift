import LoomNN
import LoomTensor
import LoomTensorTestSupport
import Testing

/// A generated task: each class has a fixed random template; a sample is its class's
/// template plus uniform noise in ±0.5. Labels cycle through the classes.
struct TemplateTask {
    let shape: [Int]
    let classes: Int
    let templates: [Tensor]

    init(shape: [Int], classes: Int, seed: UInt64 = 7) {
        self.shape = shape
        self.classes = classes
        var generator = SeededGenerator(seed: seed)
        templates = (0..<classes).map { _ in Tensor(randomNormal: shape, using: &generator) }
    }

    func batch(_ size: Int, generator: inout SeededGenerator) -> (images: Tensor, labels: IndexTensor) {
        let labels = (0..<size).map { $0 % classes }
        let images = Tensor.stack(labels.map { templates[$0] + Tensor(randomUniform: shape, in: -0.5...0.5, using: &generator) })
        return (images, IndexTensor(labels))
    }
}

/// Each zoo model trains on the template task with a fixed seed; its training loss must fall
/// below the stated threshold within the stated number of steps (chance level is ln 4 ≈ 1.39).
@Suite struct ZooTrainingTests {
    func train(_ classifier: ClassifierModel, optimizer: Optimizer, steps: Int, batch: Int) -> (first: Float, last: Float) {
        let task = TemplateTask(shape: classifier.inputShape, classes: classifier.classes)
        var generator = SeededGenerator(seed: 11)
        var first: Float = 0, last: Float = 0
        for step in 0..<steps {
            let (images, labels) = task.batch(batch, generator: &generator)
            let outputs = classifier.trainStep(images: images, labels: labels, optimizer: optimizer)
            classifier.model.applyUpdateOps()
            if step == 0 { first = outputs.crossEntropy }
            last = outputs.crossEntropy
        }
        return (first, last)
    }

    @Test func mlpLossFallsBelowPointOneInThirtySteps() {
        let classifier = Zoo.mlp(inputShape: [1, 8, 8], classes: 4, hidden: [32, 32], seed: 1)
        let (first, last) = train(classifier, optimizer: .adam(learningRate: 0.01), steps: 30, batch: 16)
        #expect(first > 0.8)
        #expect(last < 0.1)
    }

    @Test func lenetLossFallsBelowPointOneInThirtySteps() throws {
        let classifier = try Zoo.lenet(inputShape: [1, 8, 8], classes: 4, channels: (4, 8), hidden: 16, seed: 2)
        let (first, last) = train(classifier, optimizer: .adam(learningRate: 0.01), steps: 30, batch: 16)
        #expect(first > 0.8)
        #expect(last < 0.1)
    }

    @Test func cnnLossFallsBelowPointOneInThirtySteps() throws {
        let classifier = try Zoo.cnn(inputShape: [1, 16, 16], classes: 4, seed: 4)
        let (first, last) = train(classifier, optimizer: .adam(learningRate: 0.003), steps: 30, batch: 16)
        #expect(first > 0.8)
        #expect(last < 0.1)
    }

    @Test func resnet20LossFallsBelowPointTwoInTwentySteps() throws {
        let classifier = try Zoo.resnet20(inputShape: [1, 8, 8], classes: 4, widths: [4, 8, 8], seed: 3)
        let (first, last) = train(classifier, optimizer: .sgd(learningRate: 0.1, momentum: 0.9), steps: 20, batch: 8)
        #expect(first > 0.8)
        #expect(last < 0.2)
        // The running statistics moved (update ops were applied) and evaluation mode works.
        let moved = classifier.model.namedBuffers().first { $0.name == "bn0/mean/EMA" }?.buffer.value.scalars ?? []
        #expect(moved.contains { $0 != 0 })
        var generator = SeededGenerator(seed: 12)
        let (images, labels) = TemplateTask(shape: [1, 8, 8], classes: 4).batch(8, generator: &generator)
        let outputs = classifier.step(images: images, labels: labels, training: false)
        #expect(outputs.wrongTop1.count == 8 && outputs.wrongTopK.count == 8 && outputs.k == 4)
        #expect(classifier.model.pendingUpdateCount == 0)
    }

    @Test func outputsCarryTheDocumentedNames() {
        let classifier = Zoo.logisticRegression(inputShape: [3], classes: 7, weightDecay: 0.01)
        let outputs = classifier.step(images: testValues([5, 3]), labels: IndexTensor([0, 1, 2, 3, 6]), training: true)
        #expect(outputs.namedOutputs.map(\.name) == ClassifierOutputs.outputNames)
        #expect(outputs.namedOutputs.map(\.shape) == [[], [], [], [], [], [5], [5]])
        #expect(outputs.k == 5)
        #expect(outputs.regularization > 0)
        #expect(close([outputs.cost], [outputs.crossEntropy + outputs.regularization]))
        #expect(outputs.errorTop1 == outputs.wrongTop1.reduce(0, +) / 5)
        let again = classifier.step(images: testValues([5, 3]), labels: [Int32(0), 1, 2, 3, 6], training: true)
        #expect(again.wrongTop1 == outputs.wrongTop1 && again.cost == outputs.cost)
    }
}
