#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension SafeTensorsFile {
    /// Writes `header` and then each array's `Float` storage straight to disk with the
    /// same guarantees as ``AtomicFile`` (temporary file in the same directory, fsync,
    /// rename, directory fsync), without assembling the file in one big buffer: a 40 MB
    /// checkpoint costs no 40 MB allocation and copy, only the write itself.
    ///
    /// - Throws: ``FileWriteError``; on error the destination is untouched and the
    ///   temporary file is removed.
    static func streamAtomically(header: [UInt8], tensors: [NamedArray], to url: URL) throws(FileWriteError) {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: path, operation: "create a temporary file", errno: errno) }
        var failure: FileWriteError?
        func writeAll(_ raw: UnsafeRawBufferPointer) {
            guard failure == nil, let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = FileWriteError(path: path, operation: "write", errno: errno)
                    return
                }
                offset += written
            }
        }
        header.withUnsafeBytes { writeAll($0) }
        for tensor in tensors where failure == nil {
            #if _endian(little)
            tensor.values.withUnsafeBytes { writeAll($0) }
            #else
            let swapped = tensor.values.map { $0.bitPattern.littleEndian }
            swapped.withUnsafeBytes { writeAll($0) }
            #endif
        }
        if failure == nil, fsync(fd) != 0 { failure = FileWriteError(path: path, operation: "flush (fsync)", errno: errno) }
        if close(fd) != 0, failure == nil { failure = FileWriteError(path: path, operation: "close", errno: errno) }
        if failure == nil, rename(temporary, path) != 0 {
            failure = FileWriteError(path: path, operation: "rename the temporary file into place", errno: errno)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        AtomicFile.syncDirectory(directory)
    }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
