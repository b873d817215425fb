import LoomTensor

extension Loss {
    /// Mean absolute error over all elements (L1 loss); the gradient at a zero difference is 0.
    /// - Parameters:
    ///   - predictions: Any shape.
    ///   - targets: The same shape.
    /// - Returns: A scalar: `mean(|p − t|)`.
    public static func meanAbsoluteError(_ predictions: Tensor, _ targets: Tensor) -> Tensor {
        precondition(predictions.shape == targets.shape, "meanAbsoluteError: predictions \(predictions.shape) and targets \(targets.shape) differ")
        return (predictions - targets).abs().mean()
    }

    /// Mean Huber loss over all elements: quadratic for small differences, linear for large
    /// ones (PyTorch's `HuberLoss`): with `d = |p − t|`, `0.5·d²` where `d ≤ delta`, else
    /// `delta·(d − 0.5·delta)`. Its gradient is the difference clipped to `±delta`.
    /// - Parameters:
    ///   - predictions: Any shape.
    ///   - targets: The same shape.
    ///   - delta: Where the loss turns linear; positive (default 1).
    /// - Returns: A scalar, the mean over all elements.
    public static func huber(_ predictions: Tensor, _ targets: Tensor, delta: Float = 1) -> Tensor {
        precondition(predictions.shape == targets.shape, "huber: predictions \(predictions.shape) and targets \(targets.shape) differ")
        precondition(delta > 0, "huber: delta \(delta) must be positive")
        let distance = (predictions - targets).abs()
        // quadratic = min(d, delta): 0.5·q² + delta·(d − q) is 0.5·d² inside and the linear branch outside.
        let quadratic = Tensor.minimum(distance, Tensor(delta))
        return (0.5 * quadratic * quadratic + delta * (distance - quadratic)).mean()
    }
}
