/// Watches a ``Tensor/backward(seed:observer:)`` pass, e.g. to time the pullbacks of each
/// layer: it is told the scope of every pullback just before it runs (the scope the op was
/// recorded in, ``Tensor/withRecordingScope(_:_:)``), and when the pass ends.
public protocol BackwardObserver: AnyObject {
    /// A pullback of an op recorded under `scope` (nil: no scope) is about to run.
    /// - Parameter scope: The op's recording scope.
    func pullbackWillRun(scope: String?)

    /// The backward pass finished (every gradient accumulated).
    func backwardDidFinish()
}
