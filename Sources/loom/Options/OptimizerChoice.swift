import ArgumentParser
import LoomNN

/// The `--optimizer` choice of `loom train`.
enum OptimizerChoice: String, CaseIterable, ExpressibleByArgument {
    /// Adam with the default betas.
    case adam
    /// SGD with momentum 0.9.
    case sgd

    /// A new optimizer of this kind.
    /// - Parameter learningRate: the initial learning rate.
    func make(learningRate: Double) -> Optimizer {
        switch self {
        case .adam: return .adam(learningRate: learningRate)
        case .sgd: return .sgd(learningRate: learningRate, momentum: 0.9)
        }
    }
}
