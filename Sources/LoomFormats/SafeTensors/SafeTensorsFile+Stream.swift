import Foundation

extension SafeTensorsFile {
    /// Writes `header` and then each array's `Float` storage straight to disk through
    /// ``AtomicFile/write(to:_:)`` (temporary file in the same directory, fsync, rename,
    /// directory fsync), without assembling the file in one big buffer: a 40 MB
    /// checkpoint costs no 40 MB allocation and copy, only the write itself.
    ///
    /// - Throws: ``FileWriteError``; on error the destination is untouched and the
    ///   temporary file is removed.
    static func streamAtomically(header: [UInt8], tensors: [NamedArray], to url: URL,
                                 durability: AtomicFile.Durability = .full) throws(FileWriteError) {
        try AtomicFile.write(to: url, durability: durability) { sink in
            header.withUnsafeBytes { sink.write($0) }
            for tensor in tensors {
                #if _endian(little)
                tensor.values.withUnsafeBytes { sink.write($0) }
                #else
                let swapped = tensor.values.map { $0.bitPattern.littleEndian }
                swapped.withUnsafeBytes { sink.write($0) }
                #endif
            }
        }
    }
}
