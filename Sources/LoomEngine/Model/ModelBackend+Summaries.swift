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

    /// A histogram and the L2 norm of every parameter of `model`.
    static func summaries(of model: Model) -> [Summary] {
        var summaries: [Summary] = []
        for (name, parameter) in model.namedParameters() {
            let (histogram, sumSquares) = parameter.value.withUnsafeBufferPointer { values in
                let histogram = Histogram(values: values)
                // The histogram's sum of squares is the norm's, unless it left non-finite values out.
                guard Int(histogram.count) != values.count else { return (histogram, histogram.sumSquares) }
                return (histogram, values.reduce(0) { $0 + Double($1) * Double($1) })
            }
            summaries.append(.histogram(name: name, value: histogram))
            summaries.append(.scalar(name: "\(name)/norm", value: sumSquares.squareRoot()))
        }
        return summaries
    }
}
