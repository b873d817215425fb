import Foundation
@testable import LoomData

/// A flow of `n` datapoints `[float(i), label(i % 10)]`.
func numbers(_ n: Int) throws -> ArrayDataFlow {
    try ArrayDataFlow(columns: [
        .floats(shape: [n], values: (0..<n).map(Float.init)),
        .ints(shape: [n], values: (0..<n).map { Int32($0 % 10) }),
    ])
}

/// The first float of each datapoint, as Int.
func values(_ datapoints: [Datapoint]) -> [Int] {
    datapoints.map { Int($0[0].floatValues?.first ?? -1) }
}

/// An error a map throws in tests.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("loom-data-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let target = url.appendingPathComponent(name)
        try Data(bytes).write(to: target)
        return target
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
