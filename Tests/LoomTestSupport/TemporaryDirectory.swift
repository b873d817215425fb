import Foundation

/// A fresh directory under the system's temporary directory, removed with its contents
/// when released.
public final class TemporaryDirectory {
    /// The directory.
    public let url: URL

    /// Creates the directory.
    /// - Parameter prefix: the start of its name, e.g. `loom-test`.
    public init(prefix: String = "loom-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` inside the directory and returns its URL.
    @discardableResult
    public func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let target = url.appendingPathComponent(name)
        try Data(bytes).write(to: target)
        return target
    }

    /// Writes `text` to `name` inside the directory and returns its URL.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> URL {
        try file(name, Array(text.utf8))
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
