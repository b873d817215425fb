import LoomFormats
import Testing

/// The one "smaller or larger is better" type.
@Suite struct StatDirectionTests {
    @Test func minImprovesBelowTheMargin() {
        #expect(StatDirection.min.improves(0.7, on: 1, by: 0.2))
        #expect(!StatDirection.min.improves(0.8, on: 1, by: 0.2))
        #expect(!StatDirection.min.improves(.nan, on: 1, by: 0))
        #expect(StatDirection.min.isBetter(0.9, than: 1))
        #expect(!StatDirection.min.isBetter(1, than: 1))
    }

    @Test func maxImprovesAboveTheMargin() {
        #expect(StatDirection.max.improves(1.3, on: 1, by: 0.2))
        #expect(!StatDirection.max.improves(1.2, on: 1, by: 0.2))
        #expect(StatDirection.max.isBetter(2, than: 1))
        #expect(!StatDirection.max.isBetter(.nan, than: 1))
    }

    @Test func bestOfValues() {
        #expect(StatDirection.min.best(of: [3, 1, 2]) == 1)
        #expect(StatDirection.max.best(of: [3, 1, 2]) == 3)
        #expect(StatDirection.max.best(of: []) == nil)
    }

    @Test func rawValuesAreThoseOfCheckpointJSON() {
        #expect(StatDirection(rawValue: "min") == .min)
        #expect(StatDirection(rawValue: "max") == .max)
        #expect(StatDirection(rawValue: "auto") == nil)
    }
}
