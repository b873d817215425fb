import Foundation
import LoomRandom
import Testing

/// The generator's sequences are pinned to the values the two former copies (LoomData's and
/// LoomTensor's `SeededGenerator`) gave for the same seeds, so checkpoints, shuffles and
/// initial weights of earlier runs are reproduced bit for bit.
@Suite struct SeededGeneratorTests {
    @Test func seedFortyTwoGivesThePinnedSequence() {
        var generator = SeededGenerator(seed: 42)
        #expect(generator.state == [0xBDD7_3226_2FEB_6E95, 0x28EF_E333_B266_F103, 0x4752_6757_130F_9F52, 0x581C_E1FF_0E4A_E394])
        #expect((0..<4).map { _ in generator.next() } == [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1])
        #expect(generator.nextUnit() == 0.9918039142821028)
        #expect(generator.uniform(-1, 3) == 2.0789578)
        #expect((0..<6).map { _ in generator.below(10) } == [7, 8, 7, 5, 6, 2])
        #expect(generator.normal() == -0.28895873)
        #expect(generator.normal() == 0.593905)
        #expect(generator.permutation(10) == [2, 9, 3, 1, 8, 0, 4, 5, 7, 6])
    }

    @Test func seedZeroAndMixArePinned() {
        var zero = SeededGenerator(seed: 0)
        #expect([zero.next(), zero.next()] == [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A])
        #expect(SeededGenerator.mix(1, 2) == 0x09A2_3C3A_0FFE_DFE9)
        #expect(SeededGenerator.mix(2, 1) != SeededGenerator.mix(1, 2))
        var x: UInt64 = 0
        #expect(SeededGenerator.splitMix(&x) == 0xE220_A839_7B1D_CDAF)
        #expect(x == 0x9E37_79B9_7F4A_7C15)
    }

    @Test func restoredStateContinuesTheSequence() throws {
        var generator = SeededGenerator(seed: 7)
        _ = generator.permutation(5)
        let saved = generator.state
        let expected = (0..<8).map { _ in generator.next() }
        var restored = try SeededGenerator(state: saved)
        #expect((0..<8).map { _ in restored.next() } == expected)
        #expect(restored == generator)
    }

    @Test func badStateIsRejectedWithAMessageSayingTheCheckpointIsDamaged() {
        #expect(throws: RandomStateError.wrongWordCount(3)) { try SeededGenerator(state: [1, 2, 3]) }
        #expect(throws: RandomStateError.wrongWordCount(0)) { try SeededGenerator(state: []) }
        #expect(throws: RandomStateError.allZero) { try SeededGenerator(state: [0, 0, 0, 0]) }
        #expect(RandomStateError.wrongWordCount(3).description
            == "random generator state: expected 4 UInt64 words, found 3; the checkpoint is damaged or from another generator")
        #expect(RandomStateError.allZero.description
            == "random generator state: all four words are zero, which xoshiro256** cannot use; the checkpoint is damaged")
    }

    @Test func codableRoundTripsAndRejectsDamagedState() throws {
        var generator = SeededGenerator(seed: 3)
        _ = generator.next()
        let data = try JSONEncoder().encode(generator)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [UInt64]])
        #expect(object == ["state": generator.state])
        var decoded = try JSONDecoder().decode(SeededGenerator.self, from: data)
        #expect(decoded == generator)
        #expect(decoded.next() == generator.next())
        let damaged = Data(#"{"state": [0, 0, 0, 0]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SeededGenerator.self, from: damaged) }
        do {
            _ = try JSONDecoder().decode(SeededGenerator.self, from: damaged)
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription == RandomStateError.allZero.description)
        } catch {
            Issue.record("expected DecodingError.dataCorrupted, got \(error)")
        }
    }

    @Test func drawsStayInTheirRanges() {
        var generator = SeededGenerator(seed: 11)
        for bound in [1, 2, 3, 7, 1000] {
            #expect((0..<200).allSatisfy { _ in (0..<bound).contains(generator.below(bound)) })
        }
        #expect((0..<1000).allSatisfy { _ in (0..<1).contains(generator.nextUnit()) })
        #expect((0..<1000).allSatisfy { _ in (-2..<5).contains(generator.uniform(-2, 5)) })
        #expect(generator.permutation(50).sorted() == Array(0..<50))
        #expect(generator.permutation(0) == [] && generator.permutation(1) == [0])
        let normals = (0..<20000).map { _ in Double(generator.normal()) }
        let mean = normals.reduce(0, +) / 20000
        let variance = normals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20000
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
    }
}
