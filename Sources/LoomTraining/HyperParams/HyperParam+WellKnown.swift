/// The hyperparameters Loom's optimizers expose (LoomNN's `OptimizerHyperparameter`, by
/// name: this module knows no tensor type), for setters:
/// `ScheduledHyperParamSetter(.learningRate, schedule: [(30, 1e-2)])`. A string literal
/// still names any other backend hyperparameter.
extension HyperParam {
    /// `learning_rate`: the step size.
    public static var learningRate: HyperParam { .backend("learning_rate") }
    /// `momentum`: SGD's and RMSProp's momentum factor.
    public static var momentum: HyperParam { .backend("momentum") }
    /// `beta1`: Adam's first-moment decay.
    public static var beta1: HyperParam { .backend("beta1") }
    /// `beta2`: Adam's second-moment decay.
    public static var beta2: HyperParam { .backend("beta2") }
    /// `epsilon`: Adam's and RMSProp's denominator guard.
    public static var epsilon: HyperParam { .backend("epsilon") }
    /// `weight_decay`: the weight decay.
    public static var weightDecay: HyperParam { .backend("weight_decay") }
    /// `decay`: RMSProp's moving-average factor.
    public static var decay: HyperParam { .backend("decay") }
    /// `clip_norm`: the global gradient norm to clip to (0 disables clipping).
    public static var clipNorm: HyperParam { .backend("clip_norm") }

    /// The well-known names above, in that order.
    public static var wellKnownNames: [String] {
        [learningRate, momentum, beta1, beta2, epsilon, weightDecay, decay, clipNorm].map(\.name)
    }

    /// The stat its setters put on each change (``Stat/learningRate`` for ``learningRate``).
    public var stat: Stat { Stat(name) }
}
