import LoomFormats

extension StateValue {
    /// The state value of parsed JSON (numbers as `Double`; `NaN`/`Infinity` literals too).
    init(_ json: JSONDocument.Value) {
        switch json {
        case .null: self = .null
        case let .bool(flag): self = .bool(flag)
        case .number: self = .number(json.doubleValue ?? .nan)
        case let .string(text): self = .string(text)
        case let .array(elements): self = .array(elements.map { StateValue($0.value) })
        case let .object(members):
            var object: [String: StateValue] = [:]
            for (key, node) in members { object[key] = StateValue(node.value) }
            self = .object(object)
        }
    }
}
