import LoomTensor

/// Max or average pooling over NCHW input.
public final class Pooling: Layer {
    /// Which reduction a window applies.
    public enum Kind: Sendable, Equatable {
        /// The window's maximum.
        case max
        /// The window's mean.
        case average
    }

    /// The reduction.
    public let kind: Kind
    /// Window height and width.
    public let size: (Int, Int)
    /// Vertical and horizontal step (defaults to the window size).
    public let stride: (Int, Int)
    /// Border handling.
    public let padding: Padding2D

    /// Creates a pooling layer.
    /// - Parameters:
    ///   - kind: Max or average.
    ///   - size: Window height and width.
    ///   - stride: Step; `nil` uses the window size.
    ///   - padding: Border handling (default `.valid`).
    public init(_ kind: Kind, size: (Int, Int), stride: (Int, Int)? = nil, padding: Padding2D = .valid) {
        self.kind = kind
        self.size = size
        self.stride = stride ?? size
        self.padding = padding
    }

    /// Max pooling (`MaxPool2D`).
    public static func max(size: (Int, Int), stride: (Int, Int)? = nil, padding: Padding2D = .valid) -> Pooling {
        Pooling(.max, size: size, stride: stride, padding: padding)
    }

    /// Average pooling (`AvgPool2D`).
    public static func average(size: (Int, Int), stride: (Int, Int)? = nil, padding: Padding2D = .valid) -> Pooling {
        Pooling(.average, size: size, stride: stride, padding: padding)
    }

    /// Pools `[N, C, H, W]` input.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        switch kind {
        case .max: return Tensor.maxPool2d(input, kernel: size, stride: stride, padding: padding)
        case .average: return Tensor.avgPool2d(input, kernel: size, stride: stride, padding: padding)
        }
    }
}
