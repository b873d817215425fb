import LoomNN
import LoomTensor
import Testing

@Suite struct ZooNamingTests {
    @Test func mlpAndLogisticRegressionNames() {
        let mlp = Zoo.mlp(inputShape: [1, 4, 4], classes: 3)
        #expect(mlp.model.stateNames == ["fc1/W", "fc1/b", "fc2/W", "fc2/b", "fc/W", "fc/b"])
        #expect(mlp.model.stateArrays().map(\.shape) == [[16, 256], [256], [256, 256], [256], [256, 3], [3]])
        #expect(Zoo.logisticRegression(inputShape: [784], classes: 10).model.stateNames == ["fc/W", "fc/b"])
    }

    @Test func lenetNamesAdaptToTheInput() throws {
        let lenet = try Zoo.lenet(inputShape: [1, 28, 28], classes: 10)
        #expect(lenet.model.stateNames == ["conv1/W", "conv1/b", "conv2/W", "conv2/b", "fc1/W", "fc1/b", "fc/W", "fc/b"])
        #expect(lenet.model.stateArrays().map(\.shape) == [[20, 1, 5, 5], [20], [50, 20, 5, 5], [50], [2450, 500], [500], [500, 10], [10]])
        let small = try Zoo.lenet(inputShape: [3, 8, 8], classes: 4, channels: (4, 6), hidden: 16)
        #expect(small.model.stateArrays().map(\.shape)[4] == [24, 16])
        #expect(throws: ZooError.unsupportedInput(model: "lenet", shape: [784], reason: "it needs [C, H, W] images of at least 4x4")) {
            try Zoo.lenet(inputShape: [784], classes: 10)
        }
    }

    @Test func cnnIsTheDigitNetWithoutPadding() throws {
        let cnn = try Zoo.cnn(inputShape: [1, 28, 28], classes: 10)
        #expect(cnn.model.stateNames == ["conv1/W", "conv1/b", "conv2/W", "conv2/b", "fc1/W", "fc1/b", "fc/W", "fc/b"])
        // 28 → conv 24 → pool 12 → conv 8 → pool 4: 64 · 4 · 4 = 1,024 features.
        #expect(cnn.model.stateArrays().map(\.shape) == [[32, 1, 5, 5], [32], [64, 32, 5, 5], [64], [1024, 128], [128], [128, 10], [10]])
        let logits = Tensor.withoutGradients { cnn.model(Tensor(zeros: [2, 1, 28, 28])) }
        #expect(logits.shape == [2, 10])
        #expect(try Zoo.cnn(inputShape: [3, 17, 16], classes: 2).model.stateArrays().map(\.shape)[4] == [64, 128])
        #expect(throws: ZooError.unsupportedInput(model: "cnn", shape: [1, 15, 28], reason: "it needs [C, H, W] images of at least 16x16")) {
            try Zoo.cnn(inputShape: [1, 15, 28], classes: 10)
        }
    }

    @Test func resnet20Names() throws {
        let resnet = try Zoo.resnet20(inputShape: [3, 32, 32], classes: 10)
        let bn = ["gamma", "beta"]
        var parameters = ["conv0/W"] + bn.map { "bn0/\($0)" }
        var buffers = ["bn0/mean/EMA", "bn0/variance/EMA"]
        for stage in 1...3 {
            for block in 1...3 {
                let path = "stage\(stage)/block\(block)/"
                parameters += [path + "conv1/W"] + bn.map { path + "bn1/\($0)" } + [path + "conv2/W"] + bn.map { path + "bn2/\($0)" }
                buffers += ["bn1", "bn2"].flatMap { [path + "\($0)/mean/EMA", path + "\($0)/variance/EMA"] }
                if stage > 1 && block == 1 {
                    parameters += [path + "shortcut/conv/W"] + bn.map { path + "shortcut/bn/\($0)" }
                    buffers += [path + "shortcut/bn/mean/EMA", path + "shortcut/bn/variance/EMA"]
                }
            }
        }
        parameters += ["fc/W", "fc/b"]
        #expect(resnet.model.namedParameters().map(\.name) == parameters)
        #expect(resnet.model.namedBuffers().map(\.name) == buffers)
        #expect(resnet.model.namedParameters().count == 65)
        // conv0+bn0 464, stage1 14,016, stage2 51,648, stage3 205,696 (with projections), fc 650.
        #expect(resnet.model.parameterCount == 272_474)
        let convs = resnet.model.namedParameters().filter { $0.name.hasSuffix("conv1/W") || $0.name.hasSuffix("conv2/W") }
        #expect(convs.count == 18)
    }
}

/// The zoo's convolutional nets apply each ReLU after its max pooling: exactly what ReLU
/// then pooling gives.
@Suite struct ZooPoolingOrderTests {
    /// Outputs and input gradients, bit for bit, on values with negative windows, zeros,
    /// ties and a negative zero.
    @Test func reluAfterPoolingEqualsReluBeforePooling() {
        var generator = SeededGenerator(seed: 5)
        var values = Tensor(randomNormal: [3, 4, 6, 6], using: &generator).scalars
        for index in Swift.stride(from: 0, to: values.count, by: 7) { values[index] = 0 }
        values[0] = -0.0
        values[1] = values[6]
        let weights = Tensor(randomNormal: [3, 4, 3, 3], using: &generator)
        func run(_ layers: (Tensor) -> Tensor) -> (output: [Float], gradient: [Float]) {
            let input = Tensor(shape: [3, 4, 6, 6], scalars: values).requiringGradient()
            let output = layers(input)
            (output * weights).sum().backward()
            return (output.scalars, input.grad?.scalars ?? [])
        }
        let before = run { Tensor.maxPool2d($0.relu(), kernel: (2, 2)) }
        let after = run { Tensor.maxPool2d($0, kernel: (2, 2)).relu() }
        #expect(after.output == before.output)
        #expect(after.gradient == before.gradient)
        #expect(before.output.contains(0) && before.output.contains { $0 > 0 })
        #expect(before.gradient.contains { $0 != 0 })
    }
}
