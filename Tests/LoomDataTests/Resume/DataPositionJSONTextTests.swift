import Foundation
import Testing
@testable import LoomData

/// The data position as a checkpoint stores it: the text `JSONEncoder` would write, read
/// back by `JSONDecoder` to the same position.
@Suite struct DataPositionJSONTextTests {
    @Test func matchesFoundationsSortedKeyEncodingAndReadsBack() throws {
        let position = DataPosition(epoch: 3, indexInEpoch: 17, flowState: FlowState(
            kind: "batch", rng: [],
            upstream: [FlowState(kind: "shuffle \"a\"", rng: [0, 1, UInt64.max, 0x9E37_79B9_7F4A_7C15],
                                 upstream: [FlowState(kind: "array"), FlowState(kind: "map", rng: [42])])]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(position.jsonText == String(decoding: try encoder.encode(position), as: UTF8.self))
        #expect(try JSONDecoder().decode(DataPosition.self, from: Data(position.jsonText.utf8)) == position)
    }

    @Test func aRealPipelinesPositionRoundTrips() throws {
        let cursor = try DataCursor(try SyntheticDigits.tiny(count: 30).shuffled(seed: 2).batched(7))
        for _ in 0..<5 { _ = try cursor.next() }
        let position = cursor.position
        #expect(try JSONDecoder().decode(DataPosition.self, from: Data(position.jsonText.utf8)) == position)
    }
}
