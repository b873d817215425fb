import Foundation

/// The contents of a safetensors file: named `Float` arrays and a string→string metadata map.
///
/// Layout (the format of Hugging Face's `safetensors`): u64 little-endian header length N,
/// N bytes of JSON header padded with spaces to a multiple of 8, then the raw
/// little-endian tensor bytes. Loom writes every tensor as `F32`, in sorted-name order,
/// contiguous from the start of the data section (which is therefore 8-byte aligned);
/// the header puts `__metadata__` first. Python's `safetensors.numpy.load_file` and
/// `safe_open(...).metadata()` read what Loom writes. Reading accepts the dtypes of
/// ``SafeTensorsDType`` and converts them to `Float`.
public struct SafeTensorsFile: Sendable, Equatable {
    /// The arrays, in the order they were given or read (sorted by name when written).
    public var tensors: [NamedArray]
    /// The `__metadata__` map.
    public var metadata: [String: String]

    /// Creates file contents from arrays and metadata.
    public init(tensors: [NamedArray], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The complete file as one buffer.
    ///
    /// - Parameter path: the destination, used only in error messages.
    /// - Throws: ``SafeTensorsError`` with ``SafeTensorsError/Problem/duplicateNameOnWrite(_:)``
    ///   when two arrays share a name.
    public func encoded(path: String = "checkpoint data") throws(SafeTensorsError) -> Data {
        let (headerBytes, sorted) = try layout(path: path)
        let dataStart = headerBytes.count
        let offset = sorted.reduce(0) { $0 + $1.values.count * 4 }
        // One uninitialised buffer (no zero fill), handed to Data without a copy.
        let total = dataStart + offset
        let base = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1), alignment: 16)
        headerBytes.withUnsafeBytes { bytes in
            if let source = bytes.baseAddress { base.copyMemory(from: source, byteCount: bytes.count) }
        }
        var position = dataStart
        for tensor in sorted {
            tensor.values.withUnsafeBytes { bytes in
                guard let source = bytes.baseAddress else { return }
                #if _endian(little)
                base.advanced(by: position).copyMemory(from: source, byteCount: bytes.count)
                #else
                for (i, value) in tensor.values.enumerated() {
                    base.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: position + i * 4, as: UInt32.self)
                }
                #endif
            }
            position += tensor.values.count * 4
        }
        let data = Data(bytesNoCopy: base, count: total, deallocator: .custom { pointer, _ in pointer.deallocate() })
        return data
    }

    /// The file's first bytes (u64 length and padded JSON header) and the arrays in file order.
    func layout(path: String) throws(SafeTensorsError) -> (header: [UInt8], tensors: [NamedArray]) {
        let sorted = tensors.sorted { $0.name < $1.name }
        for (index, tensor) in sorted.enumerated().dropFirst() where sorted[index - 1].name == tensor.name {
            throw SafeTensorsError(path: path, problem: .duplicateNameOnWrite(tensor.name))
        }
        var members: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(JSONText.quoted($0)):\(JSONText.quoted(metadata[$0] ?? ""))" }
            members.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for tensor in sorted {
            let end = offset + tensor.values.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            members.append("\(JSONText.quoted(tensor.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var json = Array(("{" + members.joined(separator: ",") + "}").utf8)
        json.append(contentsOf: repeatElement(UInt8(ascii: " "), count: (8 - json.count % 8) % 8))
        return (withUnsafeBytes(of: UInt64(json.count).littleEndian, Array.init) + json, sorted)
    }

    /// Decodes and validates a whole file held in memory.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - path: the file's path, for error messages.
    /// - Throws: ``SafeTensorsError`` describing the first problem (see ``SafeTensorsHeader``).
    public static func decode(_ data: Data, path: String) throws(SafeTensorsError) -> SafeTensorsFile {
        let result: Result<SafeTensorsFile, SafeTensorsError> = data.withUnsafeBytes { raw in
            do throws(SafeTensorsError) {
                let header = try SafeTensorsHeader.parse(raw, fileSize: raw.count, path: path)
                var tensors: [NamedArray] = []
                tensors.reserveCapacity(header.entries.count)
                for entry in header.entries {
                    let count = entry.elementCount
                    let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                        if let target = buffer.baseAddress, let source = raw.baseAddress, count > 0 {
                            entry.dtype.convert(source + header.dataStart + entry.dataOffsets.lowerBound, count: count, into: target)
                        }
                        initialized = count
                    }
                    tensors.append(NamedArray(name: entry.name, shape: entry.shape, values: values))
                }
                tensors.sort { $0.name < $1.name }
                return .success(SafeTensorsFile(tensors: tensors, metadata: header.metadata))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads and validates the file at `url` (memory-mapped, bulk-copied).
    ///
    /// - Throws: ``SafeTensorsError``: ``SafeTensorsError/Problem/cannotRead(reason:)`` when the
    ///   file cannot be opened, otherwise the format problem found.
    public static func read(contentsOf url: URL) throws(SafeTensorsError) -> SafeTensorsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw SafeTensorsError(path: url.path, problem: .cannotRead(reason: readFailureReason(url, error)))
        }
        return try decode(data, path: url.path)
    }

    /// Reads and validates only the header of the file at `url` (its tensors' names,
    /// dtypes, shapes and the metadata), without reading the data.
    ///
    /// - Throws: ``SafeTensorsError`` as ``read(contentsOf:)``; a truncated data section
    ///   is detected from the file size.
    public static func readHeader(contentsOf url: URL) throws(SafeTensorsError) -> SafeTensorsHeader {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw SafeTensorsError(path: url.path, problem: .cannotRead(reason: readFailureReason(url, error)))
        }
        defer { try? handle.close() }
        do {
            let fileSize = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
            var prefix = try handle.read(upToCount: 8) ?? Data()
            if prefix.count == 8 {
                let declared = prefix.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
                if declared <= SafeTensorsHeader.maximumHeaderLength, declared > 0 {
                    prefix += try handle.read(upToCount: Int(declared)) ?? Data()
                }
            }
            return try prefix.withUnsafeBytes { raw throws(SafeTensorsError) in
                try SafeTensorsHeader.parse(raw, fileSize: fileSize, path: url.path)
            }
        } catch let error as SafeTensorsError {
            throw error
        } catch {
            throw SafeTensorsError(path: url.path, problem: .cannotRead(reason: readFailureReason(url, error)))
        }
    }

    /// Writes the file atomically (``AtomicFile``: temporary file, fsync, rename, directory fsync).
    ///
    /// - Throws: ``SafeTensorsError`` for duplicate names (nothing is written), or
    ///   ``FileWriteError`` when the disk refuses the write (the previous file is unchanged).
    public func write(to url: URL) throws {
        let (header, sorted) = try layout(path: url.path)
        try SafeTensorsFile.streamAtomically(header: header, tensors: sorted, to: url)
    }
}

/// A short reason for a failed read: "no such file" for a missing file, else the system's text.
func readFailureReason(_ url: URL, _ error: any Error) -> String {
    if !FileManager.default.fileExists(atPath: url.path) { return "the file does not exist" }
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
}
