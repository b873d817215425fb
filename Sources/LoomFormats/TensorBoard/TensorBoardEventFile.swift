#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One open TensorBoard event file and the encoded records not yet written to it.
///
/// Event files are append-only streams, so they are not written through `AtomicFile`
/// (rewriting the whole file at each flush would cost O(n²)). A crash mid-write leaves
/// at most one torn record at the end; its length and CRC expose it, and TensorBoard
/// (and ``TFRecordReader``) stop there with every earlier record intact.
///
/// Used by one thread at a time: created by the writer's initialiser, then owned by
/// its background thread.
final class TensorBoardEventFile: @unchecked Sendable {
    let directory: URL
    let hostname: String
    private(set) var url: URL
    private var descriptor: Int32 = -1
    private var buffer: [UInt8] = []
    private var scratch: [UInt8] = []

    /// Creates (exclusively) `events.out.tfevents.<seconds>.<hostname>` in `directory`,
    /// with a `.1`, `.2`… suffix if that name is taken, and writes the file-version record.
    init(directory: URL, hostname: String, wallTime: Double) throws(TensorBoardWriterError) {
        self.directory = directory
        self.hostname = hostname
        self.url = directory
        try open(wallTime: wallTime)
    }

    /// Bytes encoded but not yet handed to the operating system.
    var bufferedBytes: Int { buffer.count }

    private func open(wallTime: Double) throws(TensorBoardWriterError) {
        let seconds = wallTime.isFinite ? Int64(wallTime.rounded(.down)) : 0
        let base = "events.out.tfevents.\(seconds).\(hostname)"
        for attempt in 0..<1000 {
            let candidate = directory.appendingPathComponent(attempt == 0 ? base : "\(base).\(attempt)")
            let fd = Glibc_open(candidate.path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
            if fd >= 0 {
                url = candidate
                descriptor = fd
                let header = TensorBoardEvent(wallTime: wallTime, step: 0, fileVersion: TensorBoardEvent.currentFileVersion)
                append(header.encoded())
                try write()
                return
            }
            if errno != EEXIST {
                throw .cannotOpen(path: candidate.path, reason: String(cString: strerror(errno)))
            }
        }
        throw .cannotOpen(path: directory.appendingPathComponent(base).path, reason: "1000 files of that name already exist")
    }

    /// Frames and buffers one event payload.
    func append(_ payload: [UInt8]) {
        TFRecord.append(payload, to: &buffer)
    }

    /// Encodes, frames and buffers a one-scalar event (the hot path: no allocations
    /// once the buffers have grown).
    func appendScalar(tag: String, value: Float, step: Int64, wallTime: Double) {
        TensorBoardEvent.encodeScalar(tag: tag, value: value, step: step, wallTime: wallTime, into: &scratch)
        scratch.withUnsafeBytes { TFRecord.append(payload: $0, to: &buffer) }
    }

    /// Hands the buffered records to the operating system.
    func write() throws(TensorBoardWriterError) {
        var failure: TensorBoardWriterError?
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, let base = raw.baseAddress {
                let written = Glibc_write(descriptor, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = .writeFailed(path: url.path, operation: "write", reason: String(cString: strerror(errno)))
                    return
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if let failure { throw failure }
    }

    /// Writes the buffer, syncs the file to disk and checks that the file still has a
    /// name (a deleted file or log directory would otherwise swallow writes silently).
    func sync() throws(TensorBoardWriterError) {
        try write()
        if fsync(descriptor) != 0 {
            throw .writeFailed(path: url.path, operation: "flush (fsync)", reason: String(cString: strerror(errno)))
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_nlink == 0 {
            throw .writeFailed(path: url.path, operation: "keep writing", reason: "the file was deleted (was the log directory removed?)")
        }
    }

    /// Syncs and closes the current file, then opens a new one named after `wallTime`.
    func startNewFile(wallTime: Double) throws(TensorBoardWriterError) {
        try close()
        try open(wallTime: wallTime)
    }

    /// Syncs and closes the file; safe to call twice.
    func close() throws(TensorBoardWriterError) {
        guard descriptor >= 0 else { return }
        defer {
            _ = Glibc_close(descriptor)
            descriptor = -1
        }
        try sync()
    }

    /// Drops buffered bytes and closes without syncing (after a failure).
    func abandon() {
        buffer.removeAll()
        if descriptor >= 0 { _ = Glibc_close(descriptor) }
        descriptor = -1
    }

    deinit { abandon() }
}

@inline(__always) private func Glibc_open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

@inline(__always) private func Glibc_close(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}
