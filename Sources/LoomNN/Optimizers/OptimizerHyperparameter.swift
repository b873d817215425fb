/// The name of an ``Optimizer`` hyperparameter, typed: `.learningRate` instead of
/// `"learning_rate"` (the raw value is the name backends, checkpoints, schedules and
/// `hyper.txt` use). Which ones an optimizer has: ``OptimizerAlgorithm/hyperparameters``.
public enum OptimizerHyperparameter: String, Sendable, CaseIterable {
    /// `learning_rate`: the step size.
    case learningRate = "learning_rate"
    /// `momentum`: SGD's and RMSProp's momentum factor.
    case momentum
    /// `beta1`: Adam's first-moment decay.
    case beta1
    /// `beta2`: Adam's second-moment decay.
    case beta2
    /// `epsilon`: Adam's and RMSProp's denominator guard.
    case epsilon
    /// `weight_decay`: SGD's coupled L2 or AdamW's decoupled decay.
    case weightDecay = "weight_decay"
    /// `decay`: RMSProp's moving-average factor ρ.
    case decay
    /// `clip_norm`: the global gradient norm to clip to (0 disables clipping).
    case clipNorm = "clip_norm"
}
