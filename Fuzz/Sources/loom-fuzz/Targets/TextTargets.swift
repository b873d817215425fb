import Foundation
import LoomFormats
import LoomTools
@testable import LoomTraining

/// The JSON reader, `stats.json` (as `loom stats` and the stats writer read it) and
/// `hyper.txt`.
enum TextTargets {
    /// JSONDocument: every node's range lies inside its parent's, and its bytes parse
    /// again to a value of the same kind.
    static func json(_ bytes: [UInt8]) {
        guard let root = try? JSONDocument.parse(bytes) else { return }
        checkRanges(root, within: 0..<bytes.count, bytes: bytes, depth: 0)
    }

    private static func checkRanges(_ node: JSONDocument.Node, within parent: Range<Int>, bytes: [UInt8], depth: Int) {
        require(node.range.lowerBound >= parent.lowerBound && node.range.upperBound <= parent.upperBound && !node.range.isEmpty,
                "JSON range \(node.range) outside \(parent)")
        if depth < 3 {
            let again = try? JSONDocument.parse(Array(bytes[node.range]))
            require(again.map { kind($0.value) == kind(node.value) } ?? false, "JSON bytes \(node.range) do not parse again to the same kind")
        }
        switch node.value {
        case let .object(members): for member in members { checkRanges(member.node, within: node.range, bytes: bytes, depth: depth + 1) }
        case let .array(elements): for element in elements { checkRanges(element, within: node.range, bytes: bytes, depth: depth + 1) }
        case let .number(text): require(node.value.doubleValue != nil, "JSON number '\(text)' has no value")
        default: break
        }
    }

    private static func kind(_ value: JSONDocument.Value) -> String {
        switch value {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .null: "null"
        }
    }

    /// `stats.json`: rows from `StatsFile.parse`; the writer's entries lie in the file and
    /// each is an object.
    static func stats(_ bytes: [UInt8]) {
        _ = try? StatsFile.parse(String(decoding: bytes, as: UTF8.self), path: "fuzz")
        guard let entries = StatsFileEntries(bytes: bytes) else { return }
        for object in entries.objects {
            require(object.range.lowerBound >= 0 && object.range.upperBound <= bytes.count, "stats.json entry range \(object.range) outside the file")
            require(bytes[object.range.lowerBound] == UInt8(ascii: "{") && bytes[object.range.upperBound - 1] == UInt8(ascii: "}"),
                    "stats.json entry at \(object.range) is not an object's bytes")
        }
    }

    /// `hyper.txt`: values only for known names, and finite.
    static func hyper(_ bytes: [UInt8]) {
        let known = ["learning_rate", "momentum", "weight_decay"]
        if case let .values(values) = HyperFile.parse(String(decoding: bytes, as: UTF8.self), fileName: "hyper.txt", known: known) {
            require(values.keys.allSatisfy(known.contains) && values.values.allSatisfy(\.isFinite), "hyper.txt gave \(values)")
        }
    }
}
