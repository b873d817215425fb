import Foundation
import LoomTestSupport
import Testing
@testable import LoomData

@Suite struct TextWindowsTests {
    @Test func vocabularyIsTheSortedCharactersAndRoundTrips() throws {
        let vocabulary = CharacterVocabulary(text: "hello, world\n")
        #expect(vocabulary.characters == ["\n", " ", ",", "d", "e", "h", "l", "o", "r", "w"])
        let ids = try vocabulary.encode("hello")
        #expect(ids == [5, 4, 6, 6, 7])
        #expect(vocabulary.decode(ids) == "hello")
        #expect(vocabulary.decode([Int32(3), 42]) == "d\u{FFFD}")
        #expect(throws: VocabularyError.unknownCharacter("x", offset: 2)) { try vocabulary.encode("lox") }
    }

    @Test func windowsAreInputsAndTheirNextTokens() throws {
        let tokens: [Int32] = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]
        let windows = try TextWindows(tokens: tokens, length: 3)
        // Starts 0, 3, 6 (a window starting at 9 would need tokens up to 12).
        #expect(windows.count == 3)
        #expect(try windows.collect() == [
            [.ints(shape: [3], values: [10, 11, 12]), .ints(shape: [3], values: [11, 12, 13])],
            [.ints(shape: [3], values: [13, 14, 15]), .ints(shape: [3], values: [14, 15, 16])],
            [.ints(shape: [3], values: [16, 17, 18]), .ints(shape: [3], values: [17, 18, 19])],
        ])
        let overlapping = try TextWindows(tokens: tokens, length: 4, stride: 2)
        #expect(overlapping.count == 3)  // starts 0, 2, 4; the last target ends at token 9
        #expect(try overlapping.datapoint(at: 2) == [.ints(shape: [4], values: [14, 15, 16, 17]), .ints(shape: [4], values: [15, 16, 17, 18])])
        let batch = try BatchData(windows, batchSize: 2).collect()
        #expect(batch[0][1] == .ints(shape: [2, 3], values: [11, 12, 13, 14, 15, 16]))
        #expect(throws: DataFlowError.self) { try TextWindows(tokens: [1, 2, 3], length: 3) }
        #expect(throws: DataFlowError.self) { try windows.datapoint(at: 3) }
    }

    @Test func vocabularyIsSavedBesideTheRunAndCheckedOnResume() throws {
        let directory = try TemporaryDirectory()
        let run = directory.url.appendingPathComponent("run")
        let text = "ab\u{e9}c\u{1F600}\"\\"
        let first = try CharacterVocabulary.prepared(for: text, in: run)
        let file = run.appendingPathComponent(CharacterVocabulary.fileName)
        let json = try String(contentsOf: file, encoding: .utf8)
        #expect(json.hasPrefix("{\"characters\":[") && json.contains("\"format\":\"loom-character-vocabulary\""))
        #expect(try CharacterVocabulary.load(from: file) == first)
        // A resumed run on the same text reads the file back (an unchanged file is reused).
        #expect(try CharacterVocabulary.prepared(for: String(text.reversed()), in: run) == first)
        #expect(try String(contentsOf: file, encoding: .utf8) == json)
        // Another text stops the run with a message saying what to do.
        #expect(throws: VocabularyError.mismatch(path: file.path, saved: 7, found: 3)) { try CharacterVocabulary.prepared(for: "xyz", in: run) }
        try "{\"format\":\"other\",\"characters\":[]}".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: VocabularyError.self) { try CharacterVocabulary.load(from: file) }
    }

    @Test func readsUTF8TextFiles() throws {
        let directory = try TemporaryDirectory()
        let url = try directory.write("caf\u{e9}\n", to: "text.txt")
        #expect(try TextWindows.readText(url) == "caf\u{e9}\n")
        let bad = try directory.file("bad.txt", [0x61, 0xFF, 0x62])
        #expect(throws: DatasetReadError.self) { try TextWindows.readText(bad) }
    }
}
