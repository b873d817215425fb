import LoomNN
import LoomTraining

extension ModelBackend {
    /// For every parameter: its name (a histogram) and `<name>/norm` (its L2 norm).
    public var summaryNames: [String] { Self.summaryNames(of: model) }

    /// A histogram and the L2 norm of every parameter's current values.
    func makeSummaries() -> [Summary] { Self.summaries(of: model) }

    /// The summary names of `model`'s parameters (shared with other backends of a `Model`).
    static func summaryNames(of model: Model) -> [String] {
        model.namedParameters().flatMap { [$0.name, "\($0.name)/norm"] }
    }

    /// A histogram and the L2 norm of every parameter of `model`. The norm is computed now;
    /// the histogram gets a copy of the values and counts them when first read, which
    /// ``LoomTraining/TFEventWriter`` leaves to its writer thread (and a run without a
    /// monitor that reads histograms never does).
    static func summaries(of model: Model) -> [Summary] {
        var summaries: [Summary] = []
        for (name, parameter) in model.namedParameters() {
            let (values, sumSquares) = parameter.value.withUnsafeBufferPointer { ([Float]($0), $0.sumOfSquares()) }
            summaries.append(.histogram(name: name, value: Histogram(deferredValues: values)))
            summaries.append(.scalar(name: "\(name)/norm", value: sumSquares.squareRoot()))
        }
        return summaries
    }
}
