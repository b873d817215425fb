/// A callback that decides *when* another callback runs (``PeriodicTrigger``,
/// ``EnableCallbackIf``, ``PeriodicCallback``). The trainer looks through wrappers
/// wherever it needs the callbacks themselves: stateful callbacks' resume state, the
/// debug console's hooks, savers finding the model saver, setters finding their peers.
public protocol CallbackWrapper: Callback {
    /// The callback this wrapper schedules.
    var wrapped: any Callback { get }
}

extension Callback {
    /// This callback followed by every callback it wraps, outermost first.
    public var unwrapped: [any Callback] {
        var result: [any Callback] = [self]
        var current: any Callback = self
        while let wrapper = current as? any CallbackWrapper {
            current = wrapper.wrapped
            result.append(current)
        }
        return result
    }
}

extension Sequence where Element == any Callback {
    /// Every callback with wrappers opened: each wrapper followed by what it wraps.
    public var unwrapped: [any Callback] { flatMap(\.unwrapped) }
}
