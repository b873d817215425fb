/// The reference-counted Float32 buffer behind a ``Tensor``, allocated from ``BufferPool``.
///
/// `Tensor` is a value type: it checks `isKnownUniquelyReferenced` before every write and
/// copies the buffer when it is shared (copy-on-write), exactly as `Array` does.
///
/// `@unchecked Sendable`: the buffer is written only while it is uniquely referenced (a
/// fresh result being filled by a kernel, or a `Tensor` that passed the uniqueness check),
/// so no two threads ever observe a write to the same storage. This is the contract
/// `Array` relies on; a lock would add cost to every element access and protect nothing.
final class TensorStorage: @unchecked Sendable {
    /// Start of the 64-byte aligned buffer; valid for `max(count, 1)` floats.
    let pointer: UnsafeMutablePointer<Float>
    /// Number of floats stored.
    let count: Int

    /// Allocates storage whose contents are undefined until written.
    init(uninitializedCount count: Int) {
        precondition(count >= 0, "Tensor: negative element count \(count)")
        self.count = count
        let raw = BufferPool.shared.allocate(byteCount: Swift.max(count, 1) * MemoryLayout<Float>.stride)
        pointer = raw.bindMemory(to: Float.self, capacity: Swift.max(count, 1))
    }

    /// Allocates storage filled with `value`.
    convenience init(repeating value: Float, count: Int) {
        self.init(uninitializedCount: count)
        pointer.initialize(repeating: value, count: count)
    }

    /// Allocates a copy of `source`.
    convenience init(copying source: UnsafeBufferPointer<Float>) {
        self.init(uninitializedCount: source.count)
        if let base = source.baseAddress { pointer.update(from: base, count: source.count) }
    }

    /// A new storage with the same contents.
    func copy() -> TensorStorage {
        TensorStorage(copying: UnsafeBufferPointer(start: pointer, count: count))
    }

    /// The contents as a buffer pointer (read only by convention).
    var buffer: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: pointer, count: count) }

    /// The contents as a mutable buffer pointer; only for uniquely referenced storage.
    var mutableBuffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    /// Runs `body` with the buffer seen as `count` Int32 values (the same size and
    /// alignment as Float): a kernel's integer side data, such as max pooling's winners,
    /// reuses pooled buffers this way.
    func withInt32s<Result>(_ body: (UnsafeMutablePointer<Int32>) -> Result) -> Result {
        pointer.withMemoryRebound(to: Int32.self, capacity: Swift.max(count, 1), body)
    }

    deinit { BufferPool.shared.release(UnsafeMutableRawPointer(pointer), byteCount: Swift.max(count, 1) * MemoryLayout<Float>.stride) }
}
