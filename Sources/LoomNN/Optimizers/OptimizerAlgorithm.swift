/// The update rule an ``Optimizer`` applies, with the hyperparameter names it exposes.
public enum OptimizerAlgorithm: Sendable, Equatable {
    /// SGD with optional (Nesterov) momentum and coupled L2 weight decay (PyTorch's rule):
    /// `g += wd·p; v = μ·v + g; p −= lr·(nesterov ? g + μ·v : v)`.
    case sgd(nesterov: Bool)
    /// Adam with bias correction: `m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
    /// p −= lr·m̂ / (√v̂ + ε)` with `m̂ = m/(1−β1ᵗ)`, `v̂ = v/(1−β2ᵗ)`.
    case adam
    /// Adam with decoupled weight decay: `p −= lr·wd·p` before the Adam step.
    case adamW
    /// RMSProp (PyTorch's rule): `s = ρ·s + (1−ρ)·g²; b = μ·b + g/(√s + ε); p −= lr·b`
    /// (`ρ` is `decay`).
    case rmsProp

    /// The hyperparameters, in display order.
    public var hyperparameters: [OptimizerHyperparameter] {
        switch self {
        case .sgd: return [.learningRate, .momentum, .weightDecay, .clipNorm]
        case .adam: return [.learningRate, .beta1, .beta2, .epsilon, .clipNorm]
        case .adamW: return [.learningRate, .beta1, .beta2, .epsilon, .weightDecay, .clipNorm]
        case .rmsProp: return [.learningRate, .decay, .momentum, .epsilon, .clipNorm]
        }
    }

    /// The hyperparameter names, in display order.
    public var hyperparameterNames: [String] { hyperparameters.map(\.rawValue) }

    /// The per-parameter state slots (`optimizer/<param>/<slot>` in exported state).
    public var slotNames: [String] {
        switch self {
        case .sgd: return ["velocity"]
        case .adam, .adamW: return ["m", "v"]
        case .rmsProp: return ["mean_square", "momentum"]
        }
    }
}
