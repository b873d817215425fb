import Foundation
import LoomTools
import Testing

@Suite struct StatsTableTests {
    private func rows() throws -> [StatsRow] { try StatsFile.parse(sampleStats, path: "stats.json") }

    @Test func fullTableFitsEightyColumns() throws {
        let rows = try rows()
        let table = StatsTable(stats: StatsRow.statNames(in: rows), rows: rows, width: 80)
        #expect(table.render(rows) == """
            epoch  step    loss  learning_rate  train-error  val-error
                1   100  2.3026            0.1
                1   200     1.2                        0.45
                2   300     NaN                                0.31235
                3   400     0.8           0.01

            """)
        #expect(table.hidden == ["validation_cross_entropy_loss"])
    }

    @Test func narrowWidthHidesColumnsAndNeverShortensNames() throws {
        let rows = try rows()
        let table = StatsTable(stats: StatsPriority.ordered(StatsRow.statNames(in: rows)), rows: rows, width: 50)
        #expect(table.render(rows) == """
            epoch  step    loss  val-error
                1   100  2.3026
                1   200     1.2
                2   300     NaN    0.31235
                3   400     0.8

            """)
        #expect(table.hidden == ["validation_cross_entropy_loss", "learning_rate", "train-error"])
        #expect(table.hiddenNote == "3 column(s) not shown for lack of width: validation_cross_entropy_loss, learning_rate, train-error; "
            + "choose columns with --stat NAME")
        #expect(table.headerLine.count <= 50)
    }

    @Test func chosenStatsKeepOnlyRowsHavingThem() throws {
        let all = try rows()
        let rows = StatsTable.rows(all, having: ["val-error", "learning_rate"])
        let table = StatsTable(stats: ["val-error", "learning_rate"], rows: rows, width: 80)
        #expect(table.render(rows) == """
            epoch  step  val-error  learning_rate
                1   100                       0.1
                2   300    0.31235
                3   400                      0.01

            """)
    }

    @Test func followWidthKeepsLaterRowsAligned() throws {
        let rows = try rows()
        let table = StatsTable(stats: ["loss"], rows: Array(rows.prefix(1)), width: 80, minimumValueWidth: StatsNumber.typicalWidth)
        #expect(table.headerLine == "epoch         step         loss")
        #expect(table.line(rows[3]) == "    3          400          0.8")
    }

    @Test func decayedValuesPrintAsZero() {
        #expect(StatsNumber.format(1e-100) == "0")
        #expect(StatsNumber.format(-3e-40) == "0")
        #expect(StatsNumber.format(1e-8) == "1e-08")
    }

    @Test func priorityPutsLossesThenValidationThenLearningRateFirst() {
        #expect(StatsPriority.ordered(["fc/W/norm", "learning_rate", "val-error-top1", "cost", "train-error-top1", "validation_cost",
                                       "cross_entropy_loss", "QueueInput/queue_size"])
            == ["cost", "cross_entropy_loss", "val-error-top1", "validation_cost", "learning_rate", "fc/W/norm", "train-error-top1",
                "QueueInput/queue_size"])
    }

    @Test func numbersHaveFiveSignificantDigits() {
        #expect(StatsNumber.format(2.3025851249694824) == "2.3026")
        #expect(StatsNumber.format(123456.7) == "1.2346e+05")
        #expect(StatsNumber.format(0.000012345678) == "1.2346e-05")
        #expect(StatsNumber.format(-.infinity) == "-inf")
        #expect(StatsNumber.format(1e-37) == "0")
        #expect(StatsNumber.format(.nan) == "NaN")
        #expect(StatsNumber.integer(1200) == "1200")
        #expect(StatsNumber.grouped(7850) == "7,850")
        #expect(StatsNumber.grouped(1_234_567) == "1,234,567")
    }

    @Test func jsonLinesRepeatTheFileLiterals() throws {
        let rows = try rows()
        #expect(rows[2].jsonLine() == #"{"loss": NaN, "val-error": 0.31234567, "validation_cross_entropy_loss": Infinity, "epoch_num": 2, "global_step": 300}"#)
        #expect(rows[0].jsonLine(stats: ["learning_rate"]) == #"{"learning_rate": 0.1, "epoch_num": 1, "global_step": 100}"#)
    }

    @Test func statNamesInFirstSeenOrder() throws {
        #expect(StatsRow.statNames(in: try rows()) == ["loss", "learning_rate", "train-error", "val-error", "validation_cross_entropy_loss"])
    }
}
