/// A value copied out of a training or inference step: a plain Swift scalar or a shaped
/// `Float` array, never a tensor (docs/Architecture.md section 1).
public enum StepValue: Sendable, Equatable {
    /// A scalar, such as a loss.
    case scalar(Double)
    /// A row-major array of `Float` values with its dimensions.
    case array(shape: [Int], values: [Float])

    /// The scalar value; for a one-element array its only element; otherwise `nil`.
    public var scalarValue: Double? {
        switch self {
        case let .scalar(value): return value
        case let .array(_, values): return values.count == 1 ? Double(values[0]) : nil
        }
    }
}

/// A summary a backend computes when asked (``StepRequest/summaries``): a named scalar,
/// histogram, image or text, put as is into the ``Monitors`` hub.
public enum Summary: Sendable, Equatable {
    /// A scalar summary.
    case scalar(name: String, value: Double)
    /// A histogram summary (for example of a layer's weights).
    case histogram(name: String, value: Histogram)
    /// An image summary.
    case image(name: String, value: Image)
    /// A text summary.
    case text(name: String, value: String)

    /// The summary's name.
    public var name: String {
        switch self {
        case let .scalar(name, _), let .histogram(name, _), let .image(name, _), let .text(name, _): return name
        }
    }
}
