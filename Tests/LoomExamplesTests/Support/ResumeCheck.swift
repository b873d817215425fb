import Foundation
import LoomTraining
import Testing

/// Checks that a run trained in two invocations (resumed) equals one trained in one go.
enum ResumeCheck {
    /// Expects the checkpoints to hold the same arrays bit for bit (model, every optimizer's
    /// slots, the data position, generator states), the runs' stats.json files to be equal,
    /// and `stats` to be among them.
    static func expectSameRun(_ split: URL, _ whole: URL, checkpoint name: String, stats: [String]) throws {
        let a = try Checkpoint.load(contentsOf: split.appendingPathComponent(name))
        let b = try Checkpoint.load(contentsOf: whole.appendingPathComponent(name))
        #expect(a.globalStep == b.globalStep)
        #expect(a.arrays.map(\.name) == b.arrays.map(\.name))
        let differing = zip(a.arrays, b.arrays).filter { $0 != $1 }.map(\.0.name)
        #expect(differing.isEmpty, "these arrays differ between the resumed and the uninterrupted run: \(differing)")
        // stats.json holds only values of the training (no timings): the whole file must agree.
        let (splitStats, wholeStats) = (try ExampleProcess.stats(split), try ExampleProcess.stats(whole))
        #expect(splitStats.count == wholeStats.count)
        for (x, y) in zip(splitStats, wholeStats) {
            #expect(NSDictionary(dictionary: x).isEqual(to: y), "stats.json entries differ: \(x) and \(y)")
        }
        for stat in stats { #expect(wholeStats.contains { $0[stat] is Double }, "stats.json lacks \(stat)") }
    }
}
