import Foundation
import LoomTools
import Testing
import LoomTestSupport

@Suite struct StatsFileTests {
    @Test func directoryResolvesToItsStatsFile() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(sampleStats, to: "stats.json")
        let file = try StatsFile.load(StatsFile.resolve(directory.url.path))
        #expect(file.path == directory.url.appendingPathComponent("stats.json").path)
        #expect(file.rows.count == 4)
        #expect(file.rows[1].fields == [
            StatsField(name: "loss", value: 1.2, literal: "1.2"),
            StatsField(name: "train-error", value: 0.45, literal: "0.45"),
            StatsField(name: "epoch_num", value: 1, literal: "1"),
            StatsField(name: "global_step", value: 200, literal: "200"),
        ])
        #expect(file.rows[2].value("loss")?.isNaN == true)
    }

    @Test func missingFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("stats.json").path
        #expect(throws: StatsError.missing(path: path)) { try StatsFile.load(StatsFile.resolve(directory.url.path)) }
        #expect(StatsError.missing(path: "/r/stats.json").description
            == "no stats file at '/r/stats.json': pass a run's log directory (train_log/<name>) or its stats.json")
    }

    @Test func corruptFiles() {
        let cases: [(String, String, Int)] = [
            ("", "the file is empty", 0),
            ("[{\"a\": 1},", "unexpected end of text, expected a value", 10),
            ("{\"a\": 1}", "expected a JSON array", 0),
            ("[{\"a\": 1}, 2]", "expected an object (each entry is a JSON object)", 11),
            ("[{\"a\": 1} {\"b\": 2}]", "expected ',' or ']' in an array", 10),
            ("[{\"a\": nope}]", "expected a value", 7),
            ("[{\"a\": 1}] x", "unexpected text after the JSON value", 11),
        ]
        for (text, detail, offset) in cases {
            #expect(throws: StatsError.corrupt(path: "s.json", detail: detail, offset: offset)) { try StatsFile.parse(text, path: "s.json") }
        }
        #expect(StatsError.corrupt(path: "s.json", detail: "the file is empty", offset: 0).description
            == "'s.json' is not a valid stats.json: the file is empty at byte 0; expected a JSON array of objects as Loom's JSONWriter writes")
    }

    @Test func nonNumericMembersAreSkipped() throws {
        let rows = try StatsFile.parse(#"[{"note": "a\"b", "flag": true, "x": null, "v": [1, {"k": NaN}], "loss": -Infinity, "global_step": 1}]"#, path: "s")
        #expect(rows == [StatsRow(fields: [
            StatsField(name: "loss", value: -.infinity, literal: "-Infinity"),
            StatsField(name: "global_step", value: 1, literal: "1"),
        ])])
    }

    @Test func unknownStatListsTheKnownOnes() throws {
        let file = StatsFile(path: "/r/stats.json", rows: try StatsFile.parse(sampleStats, path: "/r/stats.json"))
        #expect(throws: StatsError.unknownStat("acc", path: "/r/stats.json", known: file.statNames)) { try file.validate(stats: ["loss", "acc"]) }
        #expect(StatsError.unknownStat("acc", path: "/r/stats.json", known: ["loss", "val-error"]).description
            == "unknown stat 'acc' in '/r/stats.json'; known stats: loss, val-error")
    }
}
