import Foundation

/// The baseline a language model must beat: predicting every character with its frequency
/// in the training text (add-one smoothed so that unseen characters have a probability).
enum UnigramBaseline {
    /// `exp` of the mean cross-entropy of the validation characters under the unigram model.
    static func perplexity(train: some Collection<Int32>, validation: some Collection<Int32>, vocabularySize: Int) -> Double {
        var counts = [Double](repeating: 1, count: vocabularySize)
        for token in train { counts[Int(token)] += 1 }
        let total = counts.reduce(0, +)
        guard !validation.isEmpty else { return .nan }
        let entropy = validation.reduce(0.0) { $0 - log(counts[Int($1)] / total) } / Double(validation.count)
        return exp(entropy)
    }
}
