/// The callbacks that implement one per-step event, in loop order, each with its row in the
/// run's ``CallbackProfile``.
///
/// Calling through `[any Callback]` retains and releases every callback around every call
/// (about 4 ns of a 7 ns call on the reference machine), because the compiler cannot prove
/// the array's element outlives a call into unknown code. Here each callback sits in a
/// ``Slot`` that this list owns, and ``forEach(_:)`` borrows the slots through unmanaged
/// references: a slot's `let` callback is then read without reference counting. That is
/// sound because the list (and so every slot) is alive for the whole call, and a slot never
/// changes after it was made.
struct StepEventList {
    /// One list per per-step event.
    typealias PerEvent = (before: StepEventList, after: StepEventList, trigger: StepEventList)

    /// One callback and its profile row.
    final class Slot {
        let callback: any Callback
        let row: Int
        init(callback: any Callback, row: Int) {
            self.callback = callback
            self.row = row
        }
    }

    /// Owns the slots that ``references`` point to.
    private let slots: [Slot]
    private let references: [Unmanaged<Slot>]

    /// The callbacks of `callbacks` (the loop's order; index = profile row) that declare
    /// `event` in ``Callback/stepEvents``.
    init(_ callbacks: [any Callback], implementing event: StepEvents) {
        slots = callbacks.indices.compactMap { row in
            callbacks[row].stepEvents.contains(event) ? Slot(callback: callbacks[row], row: row) : nil
        }
        references = slots.map { Unmanaged.passUnretained($0) }
    }

    /// An empty list.
    init() {
        slots = []
        references = []
    }

    /// How many callbacks implement the event.
    var count: Int { slots.count }

    /// Calls `body` with each callback and its profile row, in order.
    @inline(__always)
    func forEach(_ body: (any Callback, Int) throws -> Void) rethrows {
        try withExtendedLifetime(slots) {
            for reference in references {
                try reference._withUnsafeGuaranteedRef { try body($0.callback, $0.row) }
            }
        }
    }
}
