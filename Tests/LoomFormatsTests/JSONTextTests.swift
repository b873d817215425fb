import Testing
@testable import LoomFormats

/// JSON string literals as Loom writes them in file headers and checkpoint states.
@Suite struct JSONTextTests {
    @Test func plainTextIsOnlyQuoted() {
        #expect(JSONText.quoted("model-300 é ✓ /path") == #""model-300 é ✓ /path""#)
        #expect(JSONText.quoted("") == #""""#)
    }

    @Test func quotesBackslashesAndControlCharactersAreEscaped() {
        #expect(JSONText.quoted("a\"b\\c\nd\re\tf") == #""a\"b\\c\nd\re\tf""#)
        #expect(JSONText.quoted("\u{0}\u{1}\u{8}\u{C}\u{1F}é\"") == #""\u0000\u0001\u0008\u000c\u001fé\"""#)
    }

    @Test func everyStringReadsBackUnchanged() throws {
        let texts = ["", "plain", "\"quoted\" {\"json\":[1,2]}", "tab\tnew\nline\u{7}", "é ✓ 😀 \\ \u{1F}", String(repeating: "\"x\\", count: 300)]
        for text in texts {
            let parsed = try JSONDocument.parse("[" + JSONText.quoted(text) + "]")
            #expect(parsed.value.elements?.first?.value.stringValue == text)
        }
    }
}
