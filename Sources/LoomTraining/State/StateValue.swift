/// A JSON-like value: what a ``StatefulCallback`` exports and what checkpoints store as
/// JSON. Non-finite numbers are encoded as the strings `"NaN"`, `"Infinity"` and
/// `"-Infinity"` and read back as numbers by ``doubleValue``.
public enum StateValue: Sendable, Equatable, Hashable {
    /// JSON `null`.
    case null
    /// A boolean.
    case bool(Bool)
    /// A number (integers up to 2^53 are exact).
    case number(Double)
    /// A string.
    case string(String)
    /// An ordered list.
    case array([StateValue])
    /// A string-keyed object.
    case object([String: StateValue])

    /// The number (also from `"NaN"`/`"Infinity"`/`"-Infinity"` strings), or `nil`.
    public var doubleValue: Double? {
        switch self {
        case let .number(value): return value
        case .string("NaN"): return .nan
        case .string("Infinity"): return .infinity
        case .string("-Infinity"): return -.infinity
        default: return nil
        }
    }

    /// The number as an exact integer, or `nil`.
    public var intValue: Int? {
        guard case let .number(value) = self, value.rounded() == value, abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }

    /// The string, or `nil`.
    public var stringValue: String? { if case let .string(text) = self { return text } else { return nil } }
    /// The boolean, or `nil`.
    public var boolValue: Bool? { if case let .bool(flag) = self { return flag } else { return nil } }
    /// The array, or `nil`.
    public var arrayValue: [StateValue]? { if case let .array(items) = self { return items } else { return nil } }
    /// The object, or `nil`.
    public var objectValue: [String: StateValue]? { if case let .object(fields) = self { return fields } else { return nil } }

    /// The field `key` of an object (`nil` for a missing key or a non-object).
    public subscript(key: String) -> StateValue? { objectValue?[key] }

    /// A number that survives JSON: non-finite values become their string spelling.
    public static func double(_ value: Double) -> StateValue {
        if value.isNaN { return .string("NaN") }
        if value.isInfinite { return .string(value > 0 ? "Infinity" : "-Infinity") }
        return .number(value)
    }

    /// Reads a required field, with an error naming the callback and the field.
    /// - Throws: ``StateDecodingError`` when the field is missing or has the wrong type.
    public func field<T>(_ key: String, of owner: String, _ read: (StateValue) -> T?) throws -> T {
        guard let value = self[key] else {
            throw StateDecodingError(owner: owner, message: "the field '\(key)' is missing")
        }
        guard let typed = read(value) else {
            throw StateDecodingError(owner: owner, message: "the field '\(key)' has an unexpected type (\(value))")
        }
        return typed
    }
}

/// A saved callback state could not be read back; names the state's owner and the problem.
public struct StateDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The state key or callback name.
    public var owner: String
    /// What is wrong.
    public var message: String
    /// Creates the error.
    public init(owner: String, message: String) {
        self.owner = owner
        self.message = message
    }
    public var description: String {
        "cannot restore the saved state of '\(owner)': \(message); the checkpoint may come from another version or configuration"
    }
}

extension StateValue: Codable {
    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let flag = try? container.decode(Bool.self) { self = .bool(flag) }
        else if let number = try? container.decode(Double.self) { self = .number(number) }
        else if let text = try? container.decode(String.self) { self = .string(text) }
        else if let items = try? container.decode([StateValue].self) { self = .array(items) }
        else { self = .object(try container.decode([String: StateValue].self)) }
    }

    /// Encodes as plain JSON (non-finite numbers as strings).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(flag): try container.encode(flag)
        case let .number(number):
            if number.isFinite { try container.encode(number) } else { try StateValue.double(number).encode(to: encoder) }
        case let .string(text): try container.encode(text)
        case let .array(items): try container.encode(items)
        case let .object(fields): try container.encode(fields)
        }
    }
}
