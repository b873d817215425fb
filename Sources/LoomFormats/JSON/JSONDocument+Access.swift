extension JSONDocument.Value {
    /// The members of an object, or nil.
    public var members: [(key: String, node: JSONDocument.Node)]? {
        if case let .object(members) = self { return members }
        return nil
    }

    /// The elements of an array, or nil.
    public var elements: [JSONDocument.Node]? {
        if case let .array(elements) = self { return elements }
        return nil
    }

    /// The last member named `key` of an object, or nil.
    public func member(_ key: String) -> JSONDocument.Value? {
        members?.last { $0.key == key }?.node.value
    }

    /// A number's value (`NaN`, `Infinity` and `-Infinity` included), or nil.
    public var doubleValue: Double? {
        guard case let .number(text) = self else { return nil }
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }

    /// A number written as an integer that fits `Int` (e.g. `3`, not `3.0`), or nil.
    public var intValue: Int? {
        guard case let .number(text) = self else { return nil }
        return Int(text)
    }

    /// A string, or nil.
    public var stringValue: String? {
        if case let .string(text) = self { return text }
        return nil
    }
}
