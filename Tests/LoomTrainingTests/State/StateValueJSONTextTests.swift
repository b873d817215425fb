import Foundation
import LoomFormats
@testable import LoomTraining
import Testing

/// The JSON checkpoints store callback states in: exact text, and an exact round trip.
@Suite struct StateValueJSONTextTests {
    @Test func writesCompactJSONWithSortedKeys() {
        let value = StateValue.object([
            "z": .array([.number(1), .number(-2), .number(0.1), .number(1e-5), .number(2.5e300)]),
            "a": .object(["flag": .bool(true), "off": .bool(false), "none": .null]),
            "m": .string("tab\there \"quoted\" back\\slash é /"),
            "e": .array([]),
            "o": .object([:]),
        ])
        #expect(value.jsonText == #"{"a":{"flag":true,"none":null,"off":false},"e":[],"m":"tab\there \"quoted\" back\\slash é /","o":{},"# +
            #""z":[1,-2,0.1,1e-05,2.5e+300]}"#)
    }

    @Test func nonFiniteNumbersAreWrittenAsTheirStrings() {
        let value = StateValue.array([.number(.nan), .number(.infinity), .number(-.infinity), .double(.nan)])
        #expect(value.jsonText == #"["NaN","Infinity","-Infinity","NaN"]"#)
        let read = readBack(value.jsonText)
        #expect(read.arrayValue?.compactMap(\.doubleValue).map { $0.isNaN ? "nan" : "\($0)" } == ["nan", "inf", "-inf", "nan"])
    }

    @Test func numbersReadBackBitForBit() {
        let numbers: [Double] = [0, -0.0, 1, -1, 0.1, 1.0 / 3, 1e-5, 123_456_789.125, 9_007_199_254_740_992, 9_007_199_254_740_994,
                                 -9_007_199_254_740_992, 1e300, -1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                 .ulpOfOne, Double(Float.pi), -Double.leastNormalMagnitude]
        let value = StateValue.array(numbers.map(StateValue.number))
        let read = readBack(value.jsonText).arrayValue ?? []
        #expect(read.count == numbers.count)
        for (written, back) in zip(numbers, read) {
            #expect(back.doubleValue?.bitPattern == written.bitPattern, "\(written) came back as \(back)")
        }
        #expect(StateValue.number(200).jsonText == "200")
        #expect(StateValue.number(-0.0).jsonText == "-0.0")
    }

    @Test func nestedStatesRoundTripAndMatchFoundationsDecoding() throws {
        let value = StateValue.object([
            "kept": .array([.array([.number(300), .double(0.0123)]), .array([.number(600), .double(0.011)])]),
            "history": .object(["cost": .array((0..<50).map { .array([.number(Double($0) * 24), .number(1 / Double($0 + 1))]) })]),
            "name": .string("MinSaver[val-error-top1] ✓ \u{1}"),
        ])
        let text = value.jsonText
        #expect(readBack(text) == value)
        // What older checkpoints were written with reads the new text the same way.
        #expect(try JSONDecoder().decode(StateValue.self, from: Data(text.utf8)) == value)
    }

    private func readBack(_ text: String) -> StateValue {
        (try? JSONDocument.parse(text)).map { StateValue($0.value) } ?? .string("not JSON: \(text)")
    }
}
