import Testing
@testable import LoomData

@Suite struct ImageAugmentationTests {
    /// A 2-channel 3×3 image: channel c, row y, column x holds 100c + 10y + x.
    let image: [Float] = [0, 1, 2, 10, 11, 12, 20, 21, 22, 100, 101, 102, 110, 111, 112, 120, 121, 122]

    @Test func shiftCropsThePaddedImage() {
        // Offset (1, -1): output (y, x) = input (y + 1, x - 1), zero outside.
        #expect(ImageAugmentation.shifted(image, shape: [2, 3, 3], rows: 1, columns: -1) == [
            0, 10, 11, 0, 20, 21, 0, 0, 0,
            0, 110, 111, 0, 120, 121, 0, 0, 0,
        ])
        #expect(ImageAugmentation.shifted(image, shape: [2, 3, 3], rows: 0, columns: 0) == image)
        #expect(ImageAugmentation.shifted([1, 2, 3, 4], shape: [2, 2], rows: -2, columns: 0) == [0, 0, 0, 0])
        #expect(ImageAugmentation.shifted([1, 2, 3, 4], shape: [2, 2], rows: 0, columns: 5) == [0, 0, 0, 0])
        #expect(ImageAugmentation.flippedHorizontally(image, shape: [2, 3, 3]) == [
            2, 1, 0, 12, 11, 10, 22, 21, 20,
            102, 101, 100, 112, 111, 110, 122, 121, 120,
        ])
    }

    @Test func applyDrawsTheCropThenTheFlip() throws {
        let augmentation = ImageAugmentation([.padAndRandomCrop(padding: 1), .horizontalFlip])
        let datapoint: Datapoint = [.floats(shape: [2, 3, 3], values: image), .label(7)]
        for seed in UInt64(0)..<20 {
            var generator = SeededGenerator(seed: seed), replay = SeededGenerator(seed: seed)
            let result = try augmentation.apply(datapoint, using: &generator)
            let rows = replay.below(3) - 1, columns = replay.below(3) - 1, flip = replay.below(2) == 1
            var expected = ImageAugmentation.shifted(image, shape: [2, 3, 3], rows: rows, columns: columns)
            if flip { expected = ImageAugmentation.flippedHorizontally(expected, shape: [2, 3, 3]) }
            #expect(result == [.floats(shape: [2, 3, 3], values: expected), .label(7)])
            #expect(generator == replay)
        }
        var generator = SeededGenerator(seed: 1)
        #expect(throws: DataFlowError.self) { try augmentation.apply([.label(1)], using: &generator) }
    }

    @Test func augmentedFlowsAreDeterministicPerSeedEpochAndIndexAndResumeExactly() throws {
        let count = 12
        let images = try ArrayDataFlow(columns: [.floats(shape: [count, 1, 4, 4], values: (0..<(count * 16)).map(Float.init))])
        let augmentation = ImageAugmentation([.padAndRandomCrop(padding: 2), .horizontalFlip])
        func flow(seed: UInt64) throws -> MapData<ArrayDataFlow> {
            let flow = MapData(images, seed: seed, augmentation: augmentation)
            try flow.resetState()
            return flow
        }
        let a = try flow(seed: 5), b = try flow(seed: 5)
        let firstA = try a.collect(), secondA = try a.collect()
        let firstB = try b.collect(), secondB = try b.collect(), otherSeed = try flow(seed: 6).collect()
        #expect(firstA == firstB && secondA == secondB)
        #expect(firstA != secondA)  // each epoch draws new crops
        #expect(firstA != otherSeed)
        // Every output is one of the 50 crops/flips of its input.
        for (index, datapoint) in firstA.enumerated() {
            let input = try images.datapoint(at: index)[0].floatValues ?? []
            var candidates: [[Float]] = []
            for r in -2...2 {
                for c in -2...2 {
                    let crop = ImageAugmentation.shifted(input, shape: [1, 4, 4], rows: r, columns: c)
                    candidates += [crop, ImageAugmentation.flippedHorizontally(crop, shape: [1, 4, 4])]
                }
            }
            #expect(candidates.contains(datapoint[0].floatValues ?? []))
        }
        // Resume: restore the state saved before epoch 2, skip 5, and continue.
        let fresh = try flow(seed: 5)
        _ = try fresh.collect()
        let saved = fresh.state
        let resumed = try flow(seed: 5)
        try resumed.restore(saved)
        var iterator = resumed.makeIterator()
        #expect(try iterator.skip(5) == 5)
        var rest: [Datapoint] = []
        while let datapoint = try iterator.next() { rest.append(datapoint) }
        #expect(rest == Array(secondA[5...]))
    }
}
