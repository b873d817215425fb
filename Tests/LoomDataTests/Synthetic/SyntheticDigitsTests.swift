import Testing
@testable import LoomData

@Suite struct SyntheticDigitsTests {
    @Test func sameSeedSameImagesOtherSeedOtherImages() throws {
        let a = SyntheticDigits(count: 20, seed: 1), b = SyntheticDigits(count: 20, seed: 1), c = SyntheticDigits(count: 20, seed: 2)
        #expect(try a.collect() == b.collect())
        #expect(try a.datapoint(at: 7) != c.datapoint(at: 7))
        #expect(a.image(at: 3) != a.image(at: 13), "two samples of one digit differ")
        let image = a.image(at: 5)
        #expect(image.count == 784)
        #expect(image.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(try a.datapoint(at: 5)[1] == .label(5))
    }

    @Test func labelsAreBalancedAndSizesExposed() throws {
        let train = SyntheticDigits.train(count: 1000)
        #expect(train.count == 1000 && train.seed == SyntheticDigits.trainSeed)
        #expect(SyntheticDigits.defaultTrainCount == 60_000 && SyntheticDigits.defaultValidationCount == 10_000)
        var histogram = [Int](repeating: 0, count: 10)
        for index in 0..<train.size { histogram[Int(try train.datapoint(at: index)[1].intValues?[0] ?? -1)] += 1 }
        #expect(histogram == [Int](repeating: 100, count: 10))
        let tiny = SyntheticDigits.tiny()
        #expect(tiny.size == 500 && tiny.side == 8)
        #expect(try tiny.datapoint(at: 0)[0].shape == [8, 8])
    }

    /// Nearest-centroid on 1,000 training and 1,000 held-out samples.
    func centroidAccuracy(_ train: SyntheticDigits, _ test: SyntheticDigits) -> Double {
        let pixels = train.side * train.side
        var centroids = [[Float]](repeating: [Float](repeating: 0, count: pixels), count: 10)
        for index in 0..<train.size {
            let image = train.image(at: index)
            for p in 0..<pixels { centroids[index % 10][p] += image[p] }
        }
        var correct = 0
        for index in 0..<test.size {
            let image = test.image(at: index)
            let perClass = Float(train.size / 10)
            let distances = centroids.map { c in
                var sum: Float = 0
                for p in 0..<pixels { let d = c[p] / perClass - image[p]; sum += d * d }
                return sum
            }
            if distances.firstIndex(of: distances.min() ?? 0) == index % 10 { correct += 1 }
        }
        return Double(correct) / Double(test.size)
    }

    @Test func classesAreDistinguishable() {
        let accuracy = centroidAccuracy(SyntheticDigits(count: 1000, seed: 11), SyntheticDigits(count: 1000, seed: 12))
        #expect(accuracy >= 0.80, "measured 0.863 when written")
        let tiny = centroidAccuracy(SyntheticDigits.tiny(count: 1000, seed: 11), SyntheticDigits.tiny(count: 1000, seed: 12))
        #expect(tiny >= 0.75, "measured 0.85 when written")
    }
}
