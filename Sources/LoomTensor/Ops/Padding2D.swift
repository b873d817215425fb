/// How a 2-D convolution or pooling window treats the border.
public enum Padding2D: Sendable, Equatable {
    /// No padding: windows stay inside the input.
    case valid
    /// TensorFlow "same": output size `ceil(input / stride)`, padding split evenly with the
    /// extra row/column at the bottom/right.
    case same
    /// Explicit padding in elements on each side.
    case explicit(top: Int, bottom: Int, left: Int, right: Int)

    /// Symmetric explicit padding.
    public static func symmetric(_ height: Int, _ width: Int) -> Padding2D {
        .explicit(top: height, bottom: height, left: width, right: width)
    }

    /// The padding `(top, bottom, left, right)` for an input and window.
    func resolve(height: Int, width: Int, kernel: (Int, Int), stride: (Int, Int)) -> (top: Int, bottom: Int, left: Int, right: Int) {
        switch self {
        case .valid: return (0, 0, 0, 0)
        case let .explicit(top, bottom, left, right): return (top, bottom, left, right)
        case .same:
            func split(_ size: Int, _ window: Int, _ step: Int) -> (Int, Int) {
                let output = (size + step - 1) / step
                let total = Swift.max((output - 1) * step + window - size, 0)
                return (total / 2, total - total / 2)
            }
            let (top, bottom) = split(height, kernel.0, stride.0)
            let (left, right) = split(width, kernel.1, stride.1)
            return (top, bottom, left, right)
        }
    }
}

/// The resolved geometry of a 2-D window operation over an NCHW input.
struct WindowGeometry: Sendable {
    var batch: Int, channels: Int, height: Int, width: Int
    var kernelHeight: Int, kernelWidth: Int
    var strideHeight: Int, strideWidth: Int
    var top: Int, left: Int
    var outputHeight: Int, outputWidth: Int

    /// Validates and resolves the geometry.
    /// - Throws: `ShapeError` naming the op and the shapes when the input is not rank 4,
    ///   a stride is not positive, or the output would be empty.
    init(op: String, input: [Int], kernel: (Int, Int), stride: (Int, Int), padding: Padding2D, detail: String = "") throws(ShapeError) {
        guard input.count == 4 else { throw ShapeError(op: op, "input \(input)\(detail) must be rank 4 (NCHW)") }
        guard stride.0 > 0, stride.1 > 0, kernel.0 > 0, kernel.1 > 0 else {
            throw ShapeError(op: op, "input \(input)\(detail): kernel \(kernel) and stride \(stride) must be positive")
        }
        batch = input[0]; channels = input[1]; height = input[2]; width = input[3]
        kernelHeight = kernel.0; kernelWidth = kernel.1; strideHeight = stride.0; strideWidth = stride.1
        let pad = padding.resolve(height: height, width: width, kernel: kernel, stride: stride)
        guard pad.top >= 0, pad.bottom >= 0, pad.left >= 0, pad.right >= 0 else {
            throw ShapeError(op: op, "input \(input)\(detail): negative padding \(padding)")
        }
        top = pad.top; left = pad.left
        let paddedHeight = height + pad.top + pad.bottom, paddedWidth = width + pad.left + pad.right
        guard paddedHeight >= kernel.0, paddedWidth >= kernel.1 else {
            throw ShapeError(op: op, "input \(input)\(detail): window \(kernel.0)x\(kernel.1) is larger than the padded input \(paddedHeight)x\(paddedWidth)")
        }
        outputHeight = (paddedHeight - kernel.0) / stride.0 + 1
        outputWidth = (paddedWidth - kernel.1) / stride.1 + 1
    }
}
