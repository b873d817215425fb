import Foundation

/// Metadata keys Loom writes into a checkpoint's `__metadata__`.
enum CheckpointKey {
    static let format = "loom.format"
    static let version = "loom.version"
    static let globalStep = "loom.global_step"
    static let epoch = "loom.epoch"
    static let createdAt = "loom.created_at"
    static let callbacks = "loom.callbacks"
    static let dataPosition = "loom.data_position"
    static let rng = "loom.rng"
    static let formatVersion = "1"
}

extension Checkpoint {
    /// The safetensors contents: the arrays plus the metadata described on ``Checkpoint``.
    ///
    /// Every array must be finite; each array's CRC-32C is stored (``checksumsKey``).
    ///
    /// - Throws: ``CheckpointError/invalidJSON(section:detail:)``, ``CheckpointError/invalidName(_:reason:)``
    ///   or ``CheckpointError/nonFinite(array:index:value:path:)``.
    public func safeTensorsFile() throws(CheckpointError) -> SafeTensorsFile {
        try Checkpoint.checkFinite(arrays, path: nil)
        var metadata: [String: String] = [:]
        for (key, value) in userMetadata {
            guard !key.hasPrefix("loom.") else {
                throw .invalidName(key, reason: "user metadata keys must not start with 'loom.' (reserved for Loom)")
            }
            metadata[key] = value
        }
        metadata[CheckpointKey.format] = CheckpointKey.formatVersion
        metadata[CheckpointKey.version] = loomVersion
        metadata[CheckpointKey.globalStep] = String(globalStep)
        metadata[CheckpointKey.epoch] = String(epoch)
        metadata[CheckpointKey.createdAt] = String(createdAt.timeIntervalSince1970)
        metadata[Checkpoint.checksumsKey] = Checkpoint.checksumsJSON(arrays)
        var members: [String] = []
        for key in callbackStates.keys.sorted() {
            let text = try Checkpoint.validatedJSON(callbackStates[key] ?? "", section: "callback state '\(key)'")
            members.append(JSONText.quoted(key) + ":" + text)
        }
        metadata[CheckpointKey.callbacks] = "{" + members.joined(separator: ",") + "}"
        if let dataPosition {
            metadata[CheckpointKey.dataPosition] = try Checkpoint.validatedJSON(dataPosition, section: "data position")
        }
        if let rngState {
            metadata[CheckpointKey.rng] = try Checkpoint.validatedJSON(rngState, section: "RNG state")
        }
        return SafeTensorsFile(tensors: arrays, metadata: metadata)
    }

    /// Reads a checkpoint from safetensors contents, verifying each array against its
    /// stored CRC-32C and that every value is finite.
    ///
    /// - Parameters:
    ///   - file: the decoded file.
    ///   - path: its path, for error messages.
    /// - Throws: ``CheckpointError/notALoomCheckpoint(path:missingKey:)`` when Loom's keys
    ///   are absent, ``CheckpointError/invalidMetadata(path:key:value:expected:)`` when one is malformed,
    ///   ``CheckpointError/checksumMismatch(path:array:stored:computed:)`` for damaged data,
    ///   ``CheckpointError/nonFinite(array:index:value:path:)`` for a NaN or infinity.
    public init(_ file: SafeTensorsFile, path: String) throws(CheckpointError) {
        let metadata = file.metadata
        func required(_ key: String) throws(CheckpointError) -> String {
            guard let value = metadata[key] else { throw .notALoomCheckpoint(path: path, missingKey: key) }
            return value
        }
        func integer(_ key: String) throws(CheckpointError) -> Int {
            let text = try required(key)
            guard let value = Int(text), value >= 0 else {
                throw .invalidMetadata(path: path, key: key, value: text, expected: "a non-negative integer")
            }
            return value
        }
        let globalStep = try integer(CheckpointKey.globalStep)
        let epoch = try integer(CheckpointKey.epoch)
        let version = try required(CheckpointKey.version)
        let createdText = try required(CheckpointKey.createdAt)
        guard let seconds = Double(createdText), seconds.isFinite else {
            throw .invalidMetadata(path: path, key: CheckpointKey.createdAt, value: createdText, expected: "seconds since 1970")
        }
        let callbacksText = try required(CheckpointKey.callbacks)
        try Checkpoint.verify(file.tensors, metadata: metadata, path: path)
        var states: [String: String] = [:]
        let bytes = Array(callbacksText.utf8)
        guard let root = try? JSONDocument.parse(bytes), case let .object(members) = root.value else {
            throw .invalidMetadata(path: path, key: CheckpointKey.callbacks, value: callbacksText, expected: "a JSON object")
        }
        for (key, node) in members {
            states[key] = String(decoding: bytes[node.range], as: UTF8.self)
        }
        self.init(
            arrays: file.tensors, globalStep: globalStep, epoch: epoch,
            createdAt: Date(timeIntervalSince1970: seconds), loomVersion: version, callbackStates: states,
            dataPosition: metadata[CheckpointKey.dataPosition], rngState: metadata[CheckpointKey.rng],
            userMetadata: metadata.filter { !$0.key.hasPrefix("loom.") }
        )
    }

    /// `text` trimmed, after checking that it is one JSON value.
    static func validatedJSON(_ text: String, section: String) throws(CheckpointError) -> String {
        let bytes = Array(text.utf8)
        do {
            let node = try JSONDocument.parse(bytes)
            return String(decoding: bytes[node.range], as: UTF8.self)
        } catch {
            throw .invalidJSON(section: section, detail: error.description)
        }
    }
}
