import Foundation

extension Train {
    /// The options a resumed run must repeat, built from the parsed options: every one that
    /// differs from its default, except those the resume hint sets itself (`--resume`,
    /// `--logdir`, `--epochs`) and those that apply only to a fresh run (`--log-dir-action`,
    /// `--force`). The model and data are not stored in the checkpoint.
    var resumeArguments: [String] {
        var arguments: [String] = []
        func add(_ name: String, _ value: String?, default fallback: String?) {
            guard let value, value != fallback else { return }
            arguments += [name, Self.shellQuoted(value)]
        }
        add("--model", model.rawValue, default: Defaults.model.rawValue)
        add("--data", data.argument, default: Defaults.data.argument)
        add("--hidden", hidden, default: nil)
        add("--image-size", String(imageSize), default: String(Defaults.imageSize))
        add("--train-size", trainSize.map(String.init), default: nil)
        add("--val-size", valSize.map(String.init), default: nil)
        add("--csv-label", csvLabel, default: nil)
        add("--batch-size", String(batchSize), default: String(Defaults.batchSize))
        add("--steps-per-epoch", stepsPerEpoch.map(String.init), default: nil)
        add("--optimizer", optimizer.rawValue, default: Defaults.optimizer.rawValue)
        add("--lr", "\(lr)", default: "\(Defaults.learningRate)")
        add("--lr-schedule", lrSchedule, default: nil)
        add("--seed", String(seed), default: String(Defaults.seed))
        add("--threads", threads.map(String.init), default: nil)
        add("--val-workers", String(valWorkers), default: String(Defaults.validationWorkers))
        if stopOnSaveFailure { arguments.append("--stop-on-save-failure") }
        if distributed { arguments.append("--distributed") }
        return arguments + callbackOptions.resumeArguments
    }

    /// `text` as one shell word: unchanged when it holds only safe characters, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/=+@%")
        if !text.isEmpty, text.allSatisfy({ safe.contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
