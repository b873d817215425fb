/// The callbacks every run gets unless replaced (tensorpack `DEFAULT_CALLBACKS`):
/// ``MovingAverageSummary``, ``ProgressBar``, ``MergeAllSummaries``, ``RunUpdateOps``.
public func defaultCallbacks() -> [any Callback] {
    [MovingAverageSummary(), ProgressBar(), MergeAllSummaries(), RunUpdateOps()]
}

/// The monitors every run gets unless replaced (tensorpack `DEFAULT_MONITORS`):
/// ``JSONWriter`` and ``ScalarPrinter`` (the TensorBoard event writer joins when it lands).
public func defaultMonitors() -> [any Monitor] {
    [JSONWriter(), ScalarPrinter()]
}
