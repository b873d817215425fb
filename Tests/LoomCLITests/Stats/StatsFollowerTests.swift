import LoomTools
import Testing

@Suite struct StatsFollowerTests {
    private let one = #"[{"loss": 1.0, "epoch_num": 1, "global_step": 10}"#
    private let two = #", {"loss": NaN, "epoch_num": 1, "global_step": 20}"#
    private let three = #", {"loss": 0.5, "epoch_num": 2, "global_step": 30}"#

    @Test func yieldsOnlyAppendedEntries() throws {
        var follower = StatsFollower()
        #expect(try follower.update(text: one + "]", path: "s").map(\.step) == [10])
        #expect(try follower.update(text: one + two + "]", path: "s").map(\.step) == [20])
        #expect(try follower.update(text: one + two + "]", path: "s") == [])
        #expect(try follower.update(text: one + two + three + "]", path: "s").map(\.step) == [30])
        #expect(follower.rows.count == 3)
    }

    @Test func replacedFileYieldsAllItsEntries() throws {
        let old = try StatsFile.parse(one + two + "]", path: "s")
        let new = try StatsFile.parse("[" + three.dropFirst(2) + "]", path: "s")
        #expect(StatsFollower.newRows(old: old, new: new) == new)
        #expect(StatsFollower.newRows(old: old, new: []) == [])
    }

    @Test func corruptReadKeepsState() throws {
        var follower = StatsFollower()
        _ = try follower.update(text: one + "]", path: "s")
        #expect(throws: StatsError.self) { try follower.update(text: one, path: "s") }
        #expect(try follower.update(text: one + two + "]", path: "s").map(\.step) == [20])
    }
}
