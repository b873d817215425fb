/// A JSON value to write: Loom's JSON writer for its own small files (`checkpoint.json`).
/// Objects are written with sorted keys, two-space indentation and one member per line;
/// non-finite numbers as `NaN`, `Infinity`, `-Infinity`, which ``JSONDocument`` reads back.
package indirect enum JSONOutput {
    case object([String: JSONOutput])
    case array([JSONOutput])
    case string(String)
    case number(Double)
    case integer(Int)
    case null

    /// The value as pretty-printed JSON text.
    package func text(indent: Int = 0) -> String {
        let inner = String(repeating: " ", count: indent + 2)
        let outer = String(repeating: " ", count: indent)
        switch self {
        case let .object(members):
            guard !members.isEmpty else { return "{}" }
            let lines = members.keys.sorted().map { key in inner + JSONText.quoted(key) + ": " + (members[key] ?? .null).text(indent: indent + 2) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + outer + "}"
        case let .array(elements):
            guard !elements.isEmpty else { return "[]" }
            return "[\n" + elements.map { inner + $0.text(indent: indent + 2) }.joined(separator: ",\n") + "\n" + outer + "]"
        case let .string(text): return JSONText.quoted(text)
        case let .number(value): return JSONText.number(value)
        case let .integer(value): return String(value)
        case .null: return "null"
        }
    }
}
