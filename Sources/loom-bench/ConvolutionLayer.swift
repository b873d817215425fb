import LoomTensor

/// A convolution layer `loom-bench kernels` times: the digit models' and ResNet-20's.
struct ConvolutionLayer {
    var name: String
    var input: [Int], weight: [Int]
    var padding: Padding2D

    /// The layers measured, batch 64: LeNet's and the digit CNN's 5×5 layers, ResNet-20's
    /// 3×3 layers of its first and last stage.
    static let benchmarked = [
        ConvolutionLayer(name: "lenet1 64x1x28x28 * 32x1x5x5", input: [64, 1, 28, 28], weight: [32, 1, 5, 5], padding: .valid),
        ConvolutionLayer(name: "cnn2 64x32x12x12 * 64x32x5x5", input: [64, 32, 12, 12], weight: [64, 32, 5, 5], padding: .valid),
        ConvolutionLayer(name: "resnet1 64x16x32x32 * 16x16x3x3", input: [64, 16, 32, 32], weight: [16, 16, 3, 3], padding: .same),
        ConvolutionLayer(name: "resnet3 64x64x8x8 * 64x64x3x3", input: [64, 64, 8, 8], weight: [64, 64, 3, 3], padding: .same),
    ]

    /// Multiply–adds × 2 of direct summation: what the forward pass computes, whatever the
    /// algorithm.
    var flops: Double {
        let output = (try? Tensor.conv2dShape(input: input, weight: weight, padding: padding)) ?? input
        return 2 * Double(output.reduce(1, *)) * Double(weight[1] * weight[2] * weight[3])
    }
}
