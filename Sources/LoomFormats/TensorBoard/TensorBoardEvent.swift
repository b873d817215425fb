/// One record of a TensorBoard event file: TensorFlow's `Event` message, restricted to
/// what Loom writes and reads (the file version marker, summaries and session starts).
public struct TensorBoardEvent: Sendable, Equatable {
    /// Seconds since 1970 when the value was recorded.
    public var wallTime: Double
    /// The training step the values belong to.
    public var step: Int64
    /// `"brain.Event:2"` in the first record of a file, nil in the others.
    public var fileVersion: String?
    /// The summary values of this event (usually one).
    public var values: [TensorBoardSummaryValue]
    /// Whether this is a `SessionLog` with status `START`: training (re)started at ``step``.
    /// TensorBoard then drops the values it read before at this step or later, the tail a
    /// crashed run wrote after its last checkpoint.
    public var startsSession: Bool

    /// Creates an event.
    public init(wallTime: Double, step: Int64, fileVersion: String? = nil, values: [TensorBoardSummaryValue] = [],
                startsSession: Bool = false) {
        self.wallTime = wallTime
        self.step = step
        self.fileVersion = fileVersion
        self.values = values
        self.startsSession = startsSession
    }

    /// The file version TensorBoard expects in the first record of every event file.
    public static let currentFileVersion = "brain.Event:2"
}

/// One tagged value inside an event's summary.
public struct TensorBoardSummaryValue: Sendable, Equatable {
    /// The series name shown by TensorBoard, e.g. `train/loss`.
    public var tag: String
    /// The value.
    public var value: TensorBoardValue

    /// Creates a tagged value.
    public init(tag: String, value: TensorBoardValue) {
        self.tag = tag
        self.value = value
    }
}

/// The kinds of summary value Loom writes: scalars, histograms, images and text.
public enum TensorBoardValue: Sendable, Equatable {
    /// A scalar (`Summary.Value.simple_value`, a 32-bit float as TensorBoard stores it).
    case scalar(Float)
    /// A histogram (`Summary.Value.histo`).
    case histogram(Histogram)
    /// An encoded image (`Summary.Value.image`).
    case image(TensorBoardEncodedImage)
    /// Text for TensorBoard's text plugin (a string tensor with plugin name `"text"`).
    case text(String)

    /// A short name of the kind: `scalar`, `histogram`, `image` or `text`.
    public var kind: String {
        switch self {
        case .scalar: return "scalar"
        case .histogram: return "histogram"
        case .image: return "image"
        case .text: return "text"
        }
    }
}

/// An image as stored in an event file (`Summary.Image`): size, colour space and the
/// encoded (PNG) bytes.
public struct TensorBoardEncodedImage: Sendable, Equatable {
    /// Height in pixels.
    public var height: Int
    /// Width in pixels.
    public var width: Int
    /// 1 grayscale, 2 grayscale + alpha, 3 RGB, 4 RGBA.
    public var colorspace: Int
    /// The encoded image file (PNG for images Loom writes).
    public var encoded: [UInt8]

    /// Creates an encoded image record.
    public init(height: Int, width: Int, colorspace: Int, encoded: [UInt8]) {
        self.height = height
        self.width = width
        self.colorspace = colorspace
        self.encoded = encoded
    }

    /// PNG-encodes `image` (colour space = its channel count).
    public init(_ image: Image) {
        self.init(height: image.height, width: image.width, colorspace: image.channels, encoded: image.pngData())
    }
}
