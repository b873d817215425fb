/// The callbacks every run gets unless replaced (tensorpack `DEFAULT_CALLBACKS`):
/// ``MovingAverageSummary``, ``ProgressBar``, ``MergeAllSummaries``, ``RunUpdateOps``.
public func defaultCallbacks() -> [any Callback] {
    [MovingAverageSummary(), ProgressBar(), MergeAllSummaries(), RunUpdateOps()]
}

/// The monitors every run gets unless replaced (tensorpack `DEFAULT_MONITORS`):
/// ``TFEventWriter``, ``JSONWriter`` and ``ScalarPrinter``.
public func defaultMonitors() -> [any Monitor] {
    [TFEventWriter(), JSONWriter(), ScalarPrinter()]
}
