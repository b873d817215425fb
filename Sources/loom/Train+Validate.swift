import ArgumentParser

extension Train {
    /// Checks the options before anything is read: a bad one is one line on standard error
    /// and exit code 2 (`loom train: error: …`).
    func validate() throws {
        for (name, value) in [("--epochs", epochs), ("--batch-size", batchSize), ("--val-workers", valWorkers),
                              ("--image-size", imageSize)] where value < 1 {
            throw ValidationError("\(name) must be at least 1, got \(value)")
        }
        if let stepsPerEpoch, stepsPerEpoch < 1 { throw ValidationError("--steps-per-epoch must be at least 1, got \(stepsPerEpoch)") }
        if let trainSize, trainSize < batchSize {
            throw ValidationError("--train-size \(trainSize) is smaller than one batch (--batch-size \(batchSize))")
        }
        if let valSize, valSize < 1 { throw ValidationError("--val-size must be at least 1, got \(valSize)") }
        guard lr.isFinite, lr > 0 else { throw ValidationError("--lr must be a positive number, got \(lr)") }
        if force, logDirAction != .delete { throw ValidationError("--force applies only to --log-dir-action delete") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if resume, logdir == nil { throw ValidationError("--resume needs --logdir naming the run to continue") }
        if distributed {
            #if !MPI
            throw ValidationError("--distributed needs Loom built with MPI: swift build --traits MPI (and Open MPI installed)")
            #endif
        }
        if let hidden { _ = try Self.parseHidden(hidden) }
        if let lrSchedule { _ = try Self.parseSchedule(lrSchedule) }
    }

    /// Parses `--hidden` (positive widths separated by commas).
    static func parseHidden(_ text: String) throws -> [Int] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        let widths = items.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !widths.isEmpty, widths.count == items.count, widths.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--hidden '\(text)' must be positive widths separated by commas, e.g. 256,256")
        }
        return widths
    }

    /// Parses `--lr-schedule` (`EPOCH:VALUE,…`, epochs ≥ 1 increasing, values positive).
    static func parseSchedule(_ text: String) throws -> [(Int, Double)] {
        var schedule: [(Int, Double)] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let epoch = Int(parts[0]), let value = Double(parts[1]), epoch >= 1, value.isFinite, value > 0,
                  epoch > schedule.last?.0 ?? 0 else {
                throw ValidationError("--lr-schedule '\(text)' must be EPOCH:VALUE pairs with increasing epochs ≥ 1 and positive values, e.g. 3:1e-4,5:1e-5")
            }
            schedule.append((epoch, value))
        }
        guard !schedule.isEmpty else { throw ValidationError("--lr-schedule is empty; give EPOCH:VALUE pairs, e.g. 3:1e-4") }
        return schedule
    }
}
