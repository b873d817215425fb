import Foundation

/// Everything a run needs to resume exactly (docs/Architecture.md section 5), stored in ONE
/// safetensors file so that no companion file can disagree with it.
///
/// The arrays (model variables and optimizer state, as the backend names them) are the
/// file's tensors; everything else lives in its `__metadata__` as strings:
///
/// | key | value |
/// |---|---|
/// | `loom.format` | `"1"` |
/// | `loom.version` | ``loomVersion`` |
/// | `loom.global_step`, `loom.epoch` | decimal integers |
/// | `loom.created_at` | seconds since 1970 (a `Double`, round-trips exactly) |
/// | `loom.callbacks` | a JSON object: callback stable key → that callback's JSON state |
/// | `loom.data_position`, `loom.rng` | JSON texts, present when set |
/// | any other key | ``userMetadata``, unchanged |
public struct Checkpoint: Sendable, Equatable {
    /// Model variables and optimizer state.
    public var arrays: [NamedArray]
    /// Finished training steps when the checkpoint was taken.
    public var globalStep: Int
    /// The trainer's epoch counter when the checkpoint was taken.
    public var epoch: Int
    /// The Loom version that wrote the checkpoint.
    public var loomVersion: String
    /// When the checkpoint was taken (from the injected clock).
    public var createdAt: Date
    /// Each stateful callback's state as JSON text, keyed by the callback's stable key
    /// (e.g. `MinSaver(val-error)`). Whitespace around a JSON text is not kept.
    public var callbackStates: [String: String]
    /// The data pipeline's position (JSON text), if the run records one.
    public var dataPosition: String?
    /// The random number generators' state (JSON text), if the run records one.
    public var rngState: String?
    /// Extra metadata strings; keys must not start with `loom.`.
    public var userMetadata: [String: String]

    /// Creates a checkpoint.
    ///
    /// - Parameters:
    ///   - arrays: model and optimizer state, with unique names.
    ///   - globalStep: finished steps.
    ///   - epoch: the epoch counter.
    ///   - createdAt: the time, from the run's clock.
    ///   - loomVersion: defaults to this build's ``LoomVersion/string``.
    ///   - callbackStates: stable key → JSON text (see ``setCallbackState(_:forKey:)``).
    ///   - dataPosition: JSON text or nil.
    ///   - rngState: JSON text or nil.
    ///   - userMetadata: extra strings (keys not starting with `loom.`).
    public init(
        arrays: [NamedArray], globalStep: Int, epoch: Int, createdAt: Date,
        loomVersion: String = LoomVersion.string, callbackStates: [String: String] = [:],
        dataPosition: String? = nil, rngState: String? = nil, userMetadata: [String: String] = [:]
    ) {
        self.arrays = arrays
        self.globalStep = globalStep
        self.epoch = epoch
        self.createdAt = createdAt
        self.loomVersion = loomVersion
        self.callbackStates = callbackStates
        self.dataPosition = dataPosition
        self.rngState = rngState
        self.userMetadata = userMetadata
    }

    /// Reads a Loom checkpoint file (validated; see ``SafeTensorsHeader``).
    ///
    /// - Throws: ``CheckpointError/unreadable(_:)`` for a missing or corrupt file,
    ///   ``CheckpointError/notALoomCheckpoint(path:missingKey:)`` for a safetensors file
    ///   without Loom's metadata, ``CheckpointError/invalidMetadata(path:key:value:expected:)``.
    public static func load(contentsOf url: URL) throws(CheckpointError) -> Checkpoint {
        let file: SafeTensorsFile
        do {
            file = try SafeTensorsFile.read(contentsOf: url)
        } catch {
            throw .unreadable(error)
        }
        return try Checkpoint(file, path: url.path)
    }

    /// The checkpoint as one complete file in memory.
    ///
    /// - Throws: ``CheckpointError/invalidJSON(section:detail:)`` for a JSON section that
    ///   does not parse, ``CheckpointError/invalidName(_:reason:)`` for a user key starting
    ///   with `loom.` or two arrays with one name.
    public func encoded(path: String = "checkpoint data") throws(CheckpointError) -> Data {
        let file = try safeTensorsFile()
        do {
            return try file.encoded(path: path)
        } catch {
            throw Checkpoint.encodingError(error)
        }
    }

    /// Writes the checkpoint atomically (as ``AtomicFile`` does, streamed from the arrays),
    /// as durable as `durability` says (file and name by default).
    ///
    /// - Throws: as ``encoded(path:)``, or ``CheckpointError/writeFailed(_:)`` when the disk
    ///   refuses (the previous file at `url`, if any, is unchanged).
    public func write(to url: URL, durability: AtomicFile.Durability = .full) throws(CheckpointError) {
        let file = try safeTensorsFile()
        let layout: (header: [UInt8], tensors: [NamedArray])
        do {
            layout = try file.layout(path: url.path)
        } catch {
            throw Checkpoint.encodingError(error)
        }
        do {
            try SafeTensorsFile.streamAtomically(header: layout.header, tensors: layout.tensors, to: url, durability: durability)
        } catch {
            throw .writeFailed(error)
        }
    }

    private static func encodingError(_ error: SafeTensorsError) -> CheckpointError {
        if case let .duplicateNameOnWrite(name) = error.problem {
            return .invalidName(name, reason: "two arrays have this name; array names must be unique")
        }
        return .unreadable(error)
    }
}
