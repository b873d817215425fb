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

