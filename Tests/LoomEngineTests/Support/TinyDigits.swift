import Foundation
import LoomData
import LoomEngine
import LoomNN

/// Small models on `SyntheticDigits.tiny()` (8×8) for fast debug-build tests.
enum TinyDigits {
    /// The shuffled, batched tiny training data.
    static func batches(count: Int = 200, batchSize: Int = 16, seed: UInt64 = 7) throws -> BatchData<ShuffleData<SyntheticDigits>> {
        try BatchData(ShuffleData(SyntheticDigits.tiny(count: count), seed: seed), batchSize: batchSize)
    }

    /// A small MLP for 8×8 digits.
    static func mlp(seed: UInt64 = 3) throws -> ClassifierModel {
        var recipe = ClassifierRecipe(.mlp)
        recipe.hidden = [32]
        return try recipe.makeClassifier(sampleShape: [8, 8], classes: 10, seed: seed)
    }

    /// A small ResNet (with BatchNorm) for 8×8 digits.
    static func resnet(seed: UInt64 = 3) throws -> ClassifierModel {
        var recipe = ClassifierRecipe(.resnet20)
        recipe.channels = [4, 4, 4]
        recipe.blocks = 1
        return try recipe.makeClassifier(sampleShape: [8, 8], classes: 10, seed: seed)
    }
}
