import Foundation

extension CheckpointStore {
    /// The index as on disk; when `checkpoint.json` is missing (but checkpoints exist) or
    /// corrupt, an index rebuilt from the `model-<step>.safetensors` files, after a warning.
    ///
    /// A rebuilt index lists the newest ``maxToKeep`` readable checkpoints as recent and
    /// marks older ones preserved, so that nothing is deleted because the index was lost;
    /// the bookkeeping of copies and top-k lists cannot be recovered (their files stay).
    public func currentIndex() -> CheckpointIndex {
        let indexURL = directory.appendingPathComponent(Self.indexFileName)
        let problem: String
        if let data = FileManager.default.contents(atPath: indexURL.path) {
            do {
                return try CheckpointIndex.decode(data) { entry, file in
                    warn(CheckpointWarning(
                        file: Self.indexFileName,
                        message: "\(Self.indexFileName): entry \(entry) names '\(file)', which is not a checkpoint file of this log directory; ignored it (Loom never reads, overwrites or deletes such a file)"
                    ))
                }
            } catch {
                problem = "is corrupt (\(error))"
            }
        } else {
            guard !checkpointSteps().isEmpty else { return CheckpointIndex() }
            problem = "is missing"
        }
        let index = rebuiltIndex()
        let found = index.checkpoints.count + index.preserved.count
        warn(CheckpointWarning(
            file: Self.indexFileName,
            message: "checkpoint index '\(Self.indexFileName)' in '\(directory.path)' \(problem); rebuilt it from the \(found) readable checkpoint file(s) on disk"
        ))
        return index
    }

    /// The latest checkpoint the index names (no file is read), or nil when there is none.
    public func latest() -> CheckpointIndex.Entry? {
        currentIndex().checkpoints.last
    }

    /// The steps of the `model-<step>.safetensors` files in the directory, ascending.
    public func checkpointSteps() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.compactMap(Self.step(fromFileName:)).sorted()
    }

    /// The step in a name of the form `model-<step>.safetensors`, else nil.
    public static func step(fromFileName name: String) -> Int? {
        guard name.hasPrefix("model-"), name.hasSuffix(".safetensors") else { return nil }
        let digits = name.dropFirst("model-".count).dropLast(".safetensors".count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    /// Atomically writes `index` as `checkpoint.json`.
    func writeIndex(_ index: CheckpointIndex) throws(CheckpointError) {
        let url = directory.appendingPathComponent(Self.indexFileName)
        do {
            try AtomicFile.write(index.encoded(), to: url)
        } catch {
            throw .writeFailed(error)
        }
    }

    private func rebuiltIndex() -> CheckpointIndex {
        var entries: [CheckpointIndex.Entry] = []
        for step in checkpointSteps() {
            let url = url(step: step)
            guard let header = try? SafeTensorsFile.readHeader(contentsOf: url) else { continue }
            let epoch = header.metadata[CheckpointKey.epoch].flatMap { Int($0) } ?? 0
            let seconds = header.metadata[CheckpointKey.createdAt].flatMap { Double($0) } ?? 0
            entries.append(CheckpointIndex.Entry(file: url.lastPathComponent, step: step, epoch: epoch, time: Date(timeIntervalSince1970: seconds)))
        }
        var index = CheckpointIndex()
        let recent = max(0, entries.count - maxToKeep)
        index.preserved = Array(entries[..<recent])
        index.checkpoints = Array(entries[recent...])
        index.latest = index.checkpoints.last?.file
        index.firstTime = entries.first?.time
        index.lastPreservedTime = index.preserved.last?.time
        return index
    }
}
