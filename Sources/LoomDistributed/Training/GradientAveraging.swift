import LoomNN
import LoomTensor

/// The core of ``DataParallelModelStep`` (the step of every data-parallel backend): after the local backward pass, averages every parameter's
/// gradient and a few extra numbers (the step's scalars, flags) over the ranks in one
/// bucketed allreduce, and puts each average back as the parameter's gradient, so the
/// optimizers that run next make the same update on every rank.
///
/// A parameter without a gradient on a rank counts as zeros there; it gets the average
/// only when some rank had a gradient (presence flags ride with the extras).
struct GradientAveraging {
    private var reducer: BucketedAllreduce
    private var averaged: [[Float]]
    private var buffer: [Float]
    private let parameterCount: Int

    /// How many extras each run averages.
    var extraCount: Int { buffer.count - parameterCount }

    /// Plans the allreduce for `parameters` (in this order on every rank) and `extraCount` extras.
    init(parameters: [(name: String, parameter: Parameter)], extraCount: Int, megabytes: Double) {
        let counts = parameters.map { $0.parameter.value.scalarCount }
        parameterCount = counts.count
        buffer = [Float](repeating: 0, count: counts.count + extraCount)
        reducer = BucketedAllreduce(counts: counts + [buffer.count], megabytes: megabytes)
        averaged = counts.map { [Float](repeating: 0, count: $0) }
    }

    /// Averages the gradients of `parameters` and `extras` (replaced by their averages).
    /// - Throws: a transport error.
    mutating func run(_ parameters: [(name: String, parameter: Parameter)], extras: inout [Float],
                      over communicator: any Communicator) throws(DistributedError) {
        let count = parameterCount
        precondition(parameters.count == count && extras.count == buffer.count - count,
                     "GradientAveraging: planned for \(count) parameters and \(buffer.count - count) extras")
        for index in 0..<count { buffer[index] = parameters[index].parameter.gradient == nil ? 0 : 1 }
        for (offset, value) in extras.enumerated() { buffer[count + offset] = value }
        try reducer.run(over: communicator, mean: true, read: { index, target in
            if index == count {
                buffer.withUnsafeBufferPointer { source in for position in 0..<target.count { target[position] = source[position] } }
            } else if let gradient = parameters[index].parameter.gradient {
                gradient.withUnsafeBufferPointer { source in for position in 0..<target.count { target[position] = source[position] } }
            } else {
                for position in 0..<target.count { target[position] = 0 }
            }
        }, write: { index, source in
            if index == count {
                buffer.withUnsafeMutableBufferPointer { target in for position in 0..<source.count { target[position] = source[position] } }
            } else {
                averaged[index].withUnsafeMutableBufferPointer { target in
                    for position in 0..<source.count { target[position] = source[position] }
                }
            }
        })
        // Replace each local gradient with the average: clear it, then back-propagate the
        // average into the leaf itself (a leaf's backward only accumulates its seed).
        for index in 0..<count {
            let parameter = parameters[index].parameter
            parameter.zeroGradient()
            guard buffer[index] > 0 else { continue }
            parameter.value.backward(seed: Tensor(shape: parameter.shape, scalars: averaged[index]))
        }
        for offset in extras.indices { extras[offset] = buffer[count + offset] }
    }
}
