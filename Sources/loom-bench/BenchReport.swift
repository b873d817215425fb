import Foundation
import LoomTraining

/// One measured result: a name plus ordered numeric or text fields.
struct BenchRow {
    /// What was measured, e.g. "gemm 512x512x512 blas".
    var name: String
    /// Column name and value, in display order.
    var fields: [(String, BenchValue)]
}

/// A cell of a benchmark table.
enum BenchValue {
    case number(Double, digits: Int)
    case integer(Int)
    case text(String)

    var display: String {
        switch self {
        case let .number(value, digits): return String(format: "%.\(digits)f", value)
        case let .integer(value): return String(value)
        case let .text(value): return value
        }
    }

    var json: String {
        switch self {
        case let .number(value, _): return value.isFinite ? String(value) : "null"
        case let .integer(value): return String(value)
        case let .text(value): return JSONText.quoted(value)
        }
    }
}

/// Collects rows and prints them as an aligned table or as JSON lines.
struct BenchReport {
    /// The benchmark area, e.g. "kernels"; included in JSON output.
    var area: String
    var rows: [BenchRow] = []

    init(area: String) { self.area = area }

    mutating func add(_ name: String, _ fields: [(String, BenchValue)]) {
        rows.append(BenchRow(name: name, fields: fields))
    }

    /// Prints every row (table or JSON lines) to standard output.
    func emit(json: Bool) {
        if json {
            for row in rows {
                var parts = ["\"area\":\(JSONText.quoted(area))", "\"name\":\(JSONText.quoted(row.name))"]
                for (key, value) in row.fields { parts.append("\(JSONText.quoted(key)):\(value.json)") }
                print("{" + parts.joined(separator: ",") + "}")
            }
            return
        }
        var columns: [String] = []
        for row in rows { for (key, _) in row.fields where !columns.contains(key) { columns.append(key) } }
        let header = ["benchmark"] + columns
        var table = [header]
        for row in rows {
            let lookup = Dictionary(row.fields.map { ($0.0, $0.1.display) }, uniquingKeysWith: { a, _ in a })
            table.append([row.name] + columns.map { lookup[$0] ?? "" })
        }
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        for (index, line) in table.enumerated() {
            let cells = line.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }
            print(cells.joined(separator: "  "))
            if index == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }
}

/// Median of a non-empty list of measurements.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Wall-clock seconds taken by `body`, measured with a monotonic clock.
func measureSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
