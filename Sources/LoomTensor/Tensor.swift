/// Placeholder: replaced by the tensor engine.
public struct Tensor {}
