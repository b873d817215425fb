import LoomNN
import LoomTraining

extension ClassifierBackend {
    /// For every parameter: its name (a histogram) and `<name>/norm` (its L2 norm).
    public var summaryNames: [String] {
        classifier.model.namedParameters().flatMap { [$0.name, "\($0.name)/norm"] }
    }

    /// A histogram and the L2 norm of every parameter's current values.
    func makeSummaries() -> [Summary] {
        var summaries: [Summary] = []
        for (name, parameter) in classifier.model.namedParameters() {
            let values = parameter.value.scalars
            var sum: Double = 0
            for value in values { sum += Double(value) * Double(value) }
            summaries.append(.histogram(name: name, value: Histogram(values: values)))
            summaries.append(.scalar(name: "\(name)/norm", value: sum.squareRoot()))
        }
        return summaries
    }
}
