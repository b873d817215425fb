import Foundation

extension CheckpointStore {
    /// The copy name for the best value of a stat, e.g. `min-val-error` for
    /// (`val-error`, `.min`); characters other than letters, digits, `.`, `_`, `-`
    /// (such as `/`) become `_`.
    public static func copyName(stat: String, direction: StatDirection) -> String {
        "\(direction.rawValue)-\(fileSafe(stat))"
    }

    /// Atomically copies the checkpoint of `step` to `<name>.safetensors` (replacing an
    /// older copy of that name) and records it in the index (``CheckpointIndex/copies``).
    ///
    /// - Parameters:
    ///   - step: a step the store keeps (recent or preserved).
    ///   - name: the copy's name without extension, e.g. `min-val-error` (see
    ///     ``copyName(stat:direction:)``); letters, digits, `.`, `_`, `-` only.
    ///   - value: the stat value that earned the copy, recorded in the index.
    /// - Returns: the copy's URL.
    /// - Throws: ``CheckpointError/invalidName(_:reason:)``, ``CheckpointError/unknownStep(_:directory:kept:)``,
    ///   ``CheckpointError/unreadable(_:)`` (the source is corrupt: nothing is copied),
    ///   ``CheckpointError/writeFailed(_:)`` (the previous copy is unchanged).
    @discardableResult
    public func copy(step: Int, toName name: String, value: Double? = nil) throws(CheckpointError) -> URL {
        try validateCopyName(name)
        let file = name + ".safetensors"
        try copyFile(step: step, to: file)
        var index = currentIndex()
        index.copies[name] = CheckpointIndex.Copy(file: file, step: step, value: value)
        try writeIndex(index)
        return directory.appendingPathComponent(file)
    }

    /// Offers the checkpoint of `step`, whose stat scored `value`, to the top-k list of
    /// (`stat`, `direction`), and keeps exactly the `k` best as copies.
    ///
    /// Copies are named `<direction>-<stat>-step<step>.safetensors` (e.g.
    /// `min-val-error-step300.safetensors`), so no file is ever renamed; their rank, best
    /// first, is in the index (``CheckpointIndex/topK``) under the list name
    /// ``copyName(stat:direction:)``. A value enters when fewer than `k` are kept or it is
    /// strictly better than the worst; ties keep the earlier step. Offering a step
    /// already in the list updates its value. Order of writes: the new copy, the index,
    /// then deletion of the evicted copy (and any orphan left by a crash).
    ///
    /// - Returns: the list after the update, best first.
    /// - Throws: ``CheckpointError/invalidName(_:reason:)`` for a non-finite value or k < 1,
    ///   and the errors of ``copy(step:toName:value:)``.
    @discardableResult
    public func updateTopK(stat: String, direction: StatDirection, k: Int, value: Double, step: Int) throws(CheckpointError) -> [CheckpointIndex.Copy] {
        guard value.isFinite else { throw .invalidName(stat, reason: "the value \(value) is not finite; it cannot be ranked") }
        guard k >= 1 else { throw .invalidName(stat, reason: "k is \(k); a top-k list keeps at least 1 checkpoint") }
        let listName = Self.copyName(stat: stat, direction: direction)
        var index = currentIndex()
        var list = index.topK[listName] ?? CheckpointIndex.TopK(stat: stat, direction: direction, k: k, copies: [])
        list.k = k
        var copies = list.copies
        if let position = copies.firstIndex(where: { $0.step == step }) {
            copies[position].value = value
        } else {
            let worst = copies.count >= k ? copies[k - 1].value : nil
            if copies.count < k || worst.map({ direction.isBetter(value, than: $0) }) ?? true {
                let file = "\(listName)-step\(step).safetensors"
                try copyFile(step: step, to: file)
                copies.append(CheckpointIndex.Copy(file: file, step: step, value: value))
            }
        }
        copies = ranked(copies, direction: direction)
        let evicted = copies.dropFirst(k)
        list.copies = Array(copies.prefix(k))
        index.topK[listName] = list
        try writeIndex(index)
        for copy in evicted { remove(copy.file) }
        removeOrphans(of: listName, keeping: Set(list.copies.map(\.file)))
        return list.copies
    }

    private func ranked(_ copies: [CheckpointIndex.Copy], direction: StatDirection) -> [CheckpointIndex.Copy] {
        copies.sorted { a, b in
            let (x, y) = (a.value ?? .nan, b.value ?? .nan)
            if direction.isBetter(x, than: y) { return true }
            if direction.isBetter(y, than: x) { return false }
            return a.step < b.step
        }
    }

    private func removeOrphans(of listName: String, keeping: Set<String>) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let prefix = listName + "-step"
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".safetensors") && !keeping.contains(name) {
            let digits = name.dropFirst(prefix.count).dropLast(".safetensors".count)
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { remove(name) }
        }
    }

    /// Validates the source checkpoint's structure and atomically copies it to `file`: a
    /// hard link where the file system allows one (checkpoints are replaced, never changed
    /// in place, so the names may share the file), else a copy of the bytes. The new name
    /// is made durable by the index write that follows.
    private func copyFile(step: Int, to file: String) throws(CheckpointError) {
        guard let source = ownedFile(Self.fileName(step: step)), FileManager.default.fileExists(atPath: source.path) else {
            throw .unknownStep(step, directory: directory.path, kept: checkpointSteps())
        }
        do {
            _ = try SafeTensorsFile.readHeader(contentsOf: source)
        } catch {
            throw .unreadable(error)
        }
        if AtomicFile.link(source, to: directory.appendingPathComponent(file), syncingDirectory: false) { return }
        let data: Data
        do {
            data = try Data(contentsOf: source)
        } catch {
            throw .unreadable(SafeTensorsError(path: source.path, problem: .cannotRead(reason: readFailureReason(source, error))))
        }
        do {
            _ = try SafeTensorsHeader.parse(data, path: source.path)
        } catch {
            throw .unreadable(error)
        }
        do {
            try AtomicFile.write(data, to: directory.appendingPathComponent(file), durability: .contents)
        } catch {
            throw .writeFailed(error)
        }
    }

    private func validateCopyName(_ name: String) throws(CheckpointError) {
        if name.isEmpty || name.hasPrefix(".") || fileSafe(name) != name {
            throw .invalidName(name, reason: "a copy name must be non-empty, not start with '.', and use only letters, digits, '.', '_', '-'")
        }
        if Self.step(fromFileName: name + ".safetensors") != nil || name + ".json" == Self.indexFileName {
            throw .invalidName(name, reason: "this name is used by the store itself; choose another")
        }
    }
}

/// `text` with every character other than ASCII letters, digits, `.`, `_`, `-` replaced by `_`.
func fileSafe(_ text: String) -> String {
    String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") ? $0 : "_" })
}

extension CheckpointStore {
    /// Whether `file` is a name the store gives copies: `<letters, digits, . _ ->.safetensors`
    /// with no directory part and no leading `.`, and not a checkpoint's own name.
    static func isCopyFileName(_ file: String) -> Bool {
        file.hasSuffix(".safetensors") && !file.hasPrefix(".") && fileSafe(file) == file && step(fromFileName: file) == nil
    }

    /// The URL of `name` inside the directory, or nil when `name` is not a plain file name
    /// or the file there is a symbolic link: the store reads, replaces and deletes only
    /// regular files of its own directory.
    func ownedFile(_ name: String) -> URL? {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0") else { return nil }
        let url = directory.appendingPathComponent(name)
        return FileStatus(path: url.path, followingLinks: false)?.kind == .symbolicLink ? nil : url
    }
}
