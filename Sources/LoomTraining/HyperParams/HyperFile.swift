import Foundation

/// The `hyper.txt` format read by ``HumanHyperParamSetter``: one `name:value` per line,
/// whitespace around the name and the value allowed, `#` starts a comment, blank lines
/// are ignored. A file is accepted only as a whole: every line must be well-formed, name
/// a known hyperparameter once, and hold a finite number; and the file must end with a
/// newline (otherwise it may be half-written by an editor that is still saving).
public enum HyperFile {
    /// The outcome of reading a file's text.
    public enum Parsed: Equatable, Sendable {
        /// Every line is valid: the values by name.
        case values([String: Double])
        /// The last line has no newline yet; the message says so.
        case incomplete(String)
        /// One message per bad line (the file is rejected as a whole).
        case problems([String])
    }

    /// Parses `text`.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - fileName: the name used in messages (e.g. `hyper.txt`).
    ///   - known: the hyperparameter names a line may set.
    /// - Returns: the values, or why the file cannot be applied yet.
    public static func parse(_ text: String, fileName: String, known: [String]) -> Parsed {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() } else if let last = lines.last {
            return .incomplete("\(fileName): the last line `\(last)` does not end with a newline yet (the file may still be being saved); nothing applied until it does")
        }
        var values: [String: Double] = [:]
        var firstLine: [String: Int] = [:]
        var problems: [String] = []
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let content = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespaces)
            if content.isEmpty { continue }
            let shown = raw.trimmingCharacters(in: .whitespaces)
            let parts = content.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let valueText = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            guard parts.count == 2, !name.isEmpty, let value = Double(valueText), value.isFinite else {
                problems.append("\(fileName) line \(number): expected `name:value` with a finite number, found `\(shown)`")
                continue
            }
            guard known.contains(name) else {
                let hint = NameSuggestion.closest(to: name, in: known).map { "; did you mean `\($0)`?" } ?? ""
                let list = known.isEmpty ? "none" : known.sorted().joined(separator: ", ")
                problems.append("\(fileName) line \(number): unknown hyperparameter `\(name)` (known: \(list))\(hint)")
                continue
            }
            if let first = firstLine[name] {
                problems.append("\(fileName) line \(number): `\(name)` is already set on line \(first); give each hyperparameter once")
                continue
            }
            firstLine[name] = number
            values[name] = value
        }
        return problems.isEmpty ? .values(values) : .problems(problems)
    }

    /// The 1-based number of the line that sets `name` in `text`, if any.
    public static func lineNumber(of name: String, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.firstIndex { line in
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            return content.split(separator: ":", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces) == name
        }.map { $0 + 1 }
    }

    /// A file listing `values` with a short explanation, for users to edit.
    public static func template(_ values: [(String, Double)]) -> String {
        var text = "# Loom hyperparameters: edit a value and save; it applies at the next trigger.\n"
        text += "# One `name:value` per line; `#` starts a comment.\n"
        for (name, value) in values { text += "\(name):\(value)\n" }
        return text
    }
}
