import Foundation
import LoomTraining

extension CheckpointReport {
    /// Callback states longer than this are shortened with `…`.
    public static let stateWidth = 60

    /// The report as text, each line ending in a newline.
    public var text: String {
        var lines = ["file: \(path)"]
        if let checkpoint {
            lines += [
                "Loom checkpoint, format \(metadata["loom.format"] ?? "?"), written by Loom \(checkpoint.loomVersion)",
                "global step: \(checkpoint.globalStep)",
                "epoch: \(checkpoint.epoch)",
                "created at: \(checkpoint.createdAt.ISO8601Format())",
                "callback states (\(checkpoint.callbackStates.count)):",
            ]
            for key in checkpoint.callbackStates.keys.sorted() {
                lines.append("  \(key): \(Self.shortened(checkpoint.callbackStates[key] ?? "", to: Self.stateWidth))")
            }
            lines.append("data position: \(checkpoint.dataPosition == nil ? "not stored" : "stored")")
            lines.append("RNG state: \(checkpoint.rngState == nil ? "not stored" : "stored")")
            lines += Self.metadataLines("user metadata", checkpoint.userMetadata)
        } else {
            lines += Self.metadataLines("not a Loom checkpoint; metadata", metadata)
        }
        lines.append("arrays (\(entries.count)):")
        lines += variableTable().map { "  " + $0 }
        lines.append("total: \(StatsNumber.grouped(parameterCount)) parameters in \(entries.count) arrays")
        return lines.map { $0 + "\n" }.joined()
    }

    /// The aligned table of arrays: name, shape, dtype, elements (and statistics).
    func variableTable() -> [String] {
        var header = ["name", "shape", "dtype", "elements"]
        if summaries != nil { header += ["min", "max", "mean", "l2"] }
        var rows = [header]
        for entry in entries {
            var row = [entry.name, "[" + entry.shape.map(String.init).joined(separator: ", ") + "]", entry.dtype.rawValue, StatsNumber.grouped(entry.elementCount)]
            if let summaries {
                let summary = summaries[entry.name]
                row += [summary?.minimum, summary?.maximum, summary?.mean, summary?.l2Norm].map { $0.map(StatsNumber.format) ?? "" }
            }
            rows.append(row)
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < 3 ? cell + padding : padding + cell
            }
            .joined(separator: "  ")
            .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    private static func metadataLines(_ title: String, _ metadata: [String: String]) -> [String] {
        guard !metadata.isEmpty else { return ["\(title): none"] }
        return ["\(title) (\(metadata.count)):"] + metadata.keys.sorted().map { "  \($0): \(shortened(metadata[$0] ?? "", to: stateWidth))" }
    }

    private static func shortened(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
