import Testing
@testable import LoomTraining

/// Declares the per-step events it was given.
private final class Declaring: Callback {
    let name: String
    let stepEvents: StepEvents
    init(_ name: String, _ stepEvents: StepEvents) {
        self.name = name
        self.stepEvents = stepEvents
    }
}

@Suite struct StepEventListTests {
    private func visit(_ list: StepEventList) -> [String] {
        var visited: [String] = []
        list.forEach { callback, row in visited.append("\(callback.name)@\(row)") }
        return visited
    }

    /// Each list keeps the loop's order, skips callbacks that do not declare its event, and
    /// gives each callback its row in the whole list (the profile's row).
    @Test func listsKeepOrderAndProfileRows() {
        let callbacks: [any Callback] = [
            Declaring("A", .all), Declaring("B", []), Declaring("C", [.afterStep, .triggerStep]), Declaring("D", .beforeStep),
        ]
        #expect(visit(StepEventList(callbacks, implementing: .beforeStep)) == ["A@0", "D@3"])
        #expect(visit(StepEventList(callbacks, implementing: .afterStep)) == ["A@0", "C@2"])
        #expect(visit(StepEventList(callbacks, implementing: .triggerStep)) == ["A@0", "C@2"])
        #expect(StepEventList(callbacks, implementing: .afterStep).count == 2)
        #expect(visit(StepEventList()) == [])
    }

    /// The list keeps its callbacks alive on its own: the caller's references may go.
    @Test func listOwnsItsCallbacks() {
        var callbacks: [any Callback]? = [Declaring("A", .all)]
        weak let first = callbacks?[0]
        let list = StepEventList(callbacks ?? [], implementing: .afterStep)
        callbacks = nil
        #expect(first != nil)
        #expect(visit(list) == ["A@0"])
    }

    /// An error from the body leaves the loop at once.
    @Test func errorsLeaveAtOnce() {
        struct Failure: Error {}
        let list = StepEventList([Declaring("A", .all), Declaring("B", .all)], implementing: .beforeStep)
        var visited: [String] = []
        #expect(throws: Failure.self) {
            try list.forEach { callback, _ in
                visited.append(callback.name)
                throw Failure()
            }
        }
        #expect(visited == ["A"])
    }
}
