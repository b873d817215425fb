import Foundation
import LoomData

/// A CSV file split into training and validation rows (the last `validationShare` of the
/// rows validate), for `loom train --data csv:FILE`.
enum CSVSplit {
    /// Reads `file` with its label column and splits it.
    /// - Throws: ``TrainCommandError/data(_:)`` for a missing or malformed file.
    static func load(file: String, options: TrainDataOptions) throws -> TrainDataSet<ArrayDataFlow, ArrayDataFlow> {
        guard FileManager.default.fileExists(atPath: file) else {
            throw TrainCommandError.data("the CSV file '\(file)' does not exist")
        }
        let label: CSVFile.LabelColumn = options.csvLabel.map { Int($0).map(CSVFile.LabelColumn.index) ?? .name($0) } ?? .name("label")
        let table: ArrayDataFlow
        do {
            table = try CSVFile.read(URL(fileURLWithPath: file), hasHeader: true, label: label)
        } catch {
            throw TrainCommandError.data("cannot read \(file): \(error) (the label column is set with --csv-label NAME|INDEX)")
        }
        guard table.columns.count == 2, let labels = table.columns[1].intValues, let top = labels.max(), labels.min() ?? 0 >= 0 else {
            throw TrainCommandError.data("\(file) needs a non-negative integer label column (set with --csv-label NAME|INDEX)")
        }
        let held = Int((Double(table.size) * options.validationShare).rounded())
        guard table.size >= 2, held >= 1, held < table.size else {
            throw TrainCommandError.data("\(file) has \(table.size) rows; at least 2 are needed to split off validation rows")
        }
        let trainRows = min(table.size - held, options.trainSize ?? .max)
        let train = try rows(of: table, in: 0..<trainRows)
        let validation = try rows(of: table, in: (table.size - held)..<(table.size - held + min(held, options.validationSize ?? .max)))
        let features = Array(table.columns[0].shape.dropFirst())
        return TrainDataSet(train: train, validation: validation, sampleShape: features, classes: max(2, Int(top) + 1),
                            summary: "CSV \(file): \(train.size) training, \(validation.size) validation rows, "
                                + "\(features.reduce(1, *)) features, \(Int(top) + 1) classes")
    }

    /// The rows `range` of every column of `table`.
    static func rows(of table: ArrayDataFlow, in range: Range<Int>) throws -> ArrayDataFlow {
        try ArrayDataFlow(columns: table.columns.map { column in
            let width = column.shape.dropFirst().reduce(1, *)
            let shape = [range.count] + column.shape.dropFirst()
            let span = (range.lowerBound * width)..<(range.upperBound * width)
            switch column {
            case let .floats(_, values): return .floats(shape: shape, values: Array(values[span]))
            case let .ints(_, values): return .ints(shape: shape, values: Array(values[span]))
            }
        })
    }
}
