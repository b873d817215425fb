import LoomFormats

extension StateValue {
    /// The value as compact JSON with sorted keys, as checkpoints store callback states.
    ///
    /// Integral numbers up to 2^53 are written without a fraction (`200`), other finite
    /// numbers in their shortest spelling that reads back to the same `Double` (`0.1`,
    /// `1e-05`); non-finite numbers as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`
    /// (see ``double(_:)``). Strings are escaped as ``JSONText/quoted(_:)`` does. Reading
    /// the text back (``JSONDocument``) gives an equal value. Written directly, without
    /// `JSONEncoder`: a snapshot encodes a dozen states on the training thread, where
    /// Foundation's encoder took about 90 µs per kilobyte.
    public var jsonText: String {
        var text = ""
        append(to: &text)
        return text
    }

    private func append(to text: inout String) {
        switch self {
        case .null: text += "null"
        case let .bool(flag): text += flag ? "true" : "false"
        case let .number(value): Self.append(value, to: &text)
        case let .string(string): text += JSONText.quoted(string)
        case let .array(items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                item.append(to: &text)
            }
            text += "]"
        case let .object(fields):
            text += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                text += JSONText.quoted(key)
                text += ":"
                fields[key, default: .null].append(to: &text)
            }
            text += "}"
        }
    }

    private static func append(_ value: Double, to text: inout String) {
        guard value.isFinite else {
            text += JSONText.quoted(value.isNaN ? "NaN" : value > 0 ? "Infinity" : "-Infinity")
            return
        }
        if value == 0, value.sign == .minus {
            text += "-0.0"
        } else if value == value.rounded(), abs(value) <= 9_007_199_254_740_992 {
            text += String(Int64(value))
        } else {
            text += value.description
        }
    }
}
