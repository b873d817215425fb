import Foundation
import LoomTraining
import Testing

/// Checks that a run trained in two invocations (resumed) equals one trained in one go.
enum ResumeCheck {
    /// Expects the checkpoints to hold the same arrays bit for bit (model, every optimizer's
    /// slots, the data position, generator states) and the runs' stats to agree on `stats`
    /// at every global step where they were put.
    static func expectSameRun(_ split: URL, _ whole: URL, checkpoint name: String, stats: [String]) throws {
        let a = try Checkpoint.load(contentsOf: split.appendingPathComponent(name))
        let b = try Checkpoint.load(contentsOf: whole.appendingPathComponent(name))
        #expect(a.globalStep == b.globalStep)
        #expect(a.arrays.map(\.name) == b.arrays.map(\.name))
        let differing = zip(a.arrays, b.arrays).filter { $0 != $1 }.map(\.0.name)
        #expect(differing.isEmpty, "these arrays differ between the resumed and the uninterrupted run: \(differing)")
        let (splitStats, wholeStats) = (try ExampleProcess.stats(split), try ExampleProcess.stats(whole))
        for stat in stats {
            let values = { (entries: [[String: Any]]) in entries.compactMap { entry in (entry[stat] as? Double).map { "\(entry["global_step"] ?? "?"): \($0)" } } }
            #expect(!values(wholeStats).isEmpty, "stats.json lacks \(stat)")
            #expect(values(splitStats) == values(wholeStats), "\(stat) differs between the resumed and the uninterrupted run")
        }
    }
}
