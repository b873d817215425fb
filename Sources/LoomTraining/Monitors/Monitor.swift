/// A consumer of the stats put into the ``Monitors`` hub: an event-file writer,
/// `stats.json`, a printer, or your own. A monitor is also a callback (registered after
/// all other callbacks), so it can flush or print on `triggerStep`/`triggerEpoch` and
/// close in `afterTrain`.
public protocol Monitor: Callback {
    /// A scalar was put at `globalStep`.
    func process(scalar value: Double, name: String, globalStep: Int) throws
    /// A histogram was put at `globalStep`.
    func process(histogram: Histogram, name: String, globalStep: Int) throws
    /// An image was put at `globalStep`.
    func process(image: Image, name: String, globalStep: Int) throws
    /// A text was put at `globalStep`.
    func process(text: String, name: String, globalStep: Int) throws
}

extension Monitor {
    public var chiefOnly: Bool { false }
    public func process(scalar value: Double, name: String, globalStep: Int) throws {}
    public func process(histogram: Histogram, name: String, globalStep: Int) throws {}
    public func process(image: Image, name: String, globalStep: Int) throws {}
    public func process(text: String, name: String, globalStep: Int) throws {}
}

/// One recorded value of a scalar stat.
public struct StatPoint: Sendable, Equatable {
    /// The global step at which it was put.
    public var globalStep: Int
    /// The value.
    public var value: Double
    /// Creates a point.
    public init(globalStep: Int, value: Double) {
        self.globalStep = globalStep
        self.value = value
    }
}
