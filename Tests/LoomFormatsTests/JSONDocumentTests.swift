import Testing
@testable import LoomFormats

@Suite struct JSONDocumentTests {
    @Test func nonFiniteLiteralsAreNumbers() throws {
        let root = try JSONDocument.parse(#"{"a": NaN, "b": Infinity, "c": -Infinity, "d": -0.5e1, "e": [1, null, true, "x"]}"#)
        #expect(root.value.member("a")?.doubleValue?.isNaN == true)
        #expect(root.value.member("b")?.doubleValue == .infinity)
        #expect(root.value.member("c")?.doubleValue == -.infinity)
        #expect(root.value.member("d")?.doubleValue == -5)
        #expect(root.value.member("e")?.elements?.count == 4)
        #expect(root.value.member("a")?.intValue == nil)
        #expect(root.value.member("e")?.elements?.first?.value.intValue == 1)
    }

    @Test func rangesCoverEachValueExactly() throws {
        let text = #"[ {"loss": NaN},{"x": 1} ]"#
        let elements = try #require(try JSONDocument.parse(text).value.elements)
        let bytes = Array(text.utf8)
        #expect(elements.map { String(decoding: bytes[$0.range], as: UTF8.self) } == [#"{"loss": NaN}"#, #"{"x": 1}"#])
    }

    @Test func malformedTextIsAnErrorWithItsOffset() {
        let cases: [(String, JSONDocument.ParseError)] = [
            ("Nan", .init(offset: 0, message: "expected a value")),
            ("-Inf", .init(offset: 1, message: "expected a value")),
            ("[1,]", .init(offset: 3, message: "expected a value")),
            (#"{"a" 1}"#, .init(offset: 5, message: "expected ':' after member name")),
            ("[1] 2", .init(offset: 4, message: "unexpected text after the JSON value")),
            (String(repeating: "[", count: 200), .init(offset: 128, message: "nesting deeper than 128 levels")),
        ]
        for (text, error) in cases {
            #expect(throws: error) { _ = try JSONDocument.parse(text) }
        }
    }

    @Test func outputReadsBack() throws {
        let output = JSONOutput.object(["b": .array([.number(.nan), .integer(3), .null]), "a": .string("q\"\n"), "c": .object([:])])
        let text = output.text()
        #expect(text == "{\n  \"a\": \"q\\\"\\n\",\n  \"b\": [\n    NaN,\n    3,\n    null\n  ],\n  \"c\": {}\n}")
        let root = try JSONDocument.parse(text).value
        #expect(root.member("a")?.stringValue == "q\"\n")
        #expect(root.member("b")?.elements?.first?.value.doubleValue?.isNaN == true)
    }
}
