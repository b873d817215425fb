import LoomDistributed

/// Allreduce, broadcast and bucketing against values computed by hand.
func communicationChecks(_ runner: CheckRunner) throws {
    let communicator = runner.communicator
    let size = communicator.size, rank = communicator.rank
    try runner.check("allreduce sum and mean") {
        var values: [Float] = [Float(rank + 1), 2, -Float(rank)]
        try communicator.allreduceSum(&values)
        let expected: [Float] = [Float(size * (size + 1) / 2), Float(2 * size), -Float(size * (size - 1) / 2)]
        guard values == expected else { return "sum \(values), expected \(expected)" }
        var mean: [Float] = [Float(rank), 4]
        try communicator.allreduceMean(&mean)
        let expectedMean: [Float] = [Float(size - 1) / 2, 4]
        return mean == expectedMean ? nil : "mean \(mean), expected \(expectedMean)"
    }
    try runner.check("allreduce max and min of doubles") {
        var high = [Double(rank) * 1.5], low = [Double(rank) * 1.5]
        try communicator.allreduce(&high, operation: .max)
        try communicator.allreduce(&low, operation: .min)
        return high == [Double(size - 1) * 1.5] && low == [0] ? nil : "max \(high), min \(low)"
    }
    try runner.check("broadcast floats and bytes from rank 0") {
        var floats: [Float] = rank == 0 ? [3.25, -1, 7] : [0, 0, 0]
        try communicator.broadcast(&floats)
        var bytes: [UInt8] = rank == 0 ? Array("chief says hi".utf8) : []
        try communicator.broadcast(&bytes)
        guard floats == [3.25, -1, 7] else { return "floats \(floats)" }
        return String(decoding: bytes, as: UTF8.self) == "chief says hi" ? nil : "bytes \(bytes)"
    }
    try runner.check("broadcast with mismatched lengths is an error, not corruption") {
        var floats = [Float](repeating: 1, count: 3 + rank)
        do {
            try communicator.broadcast(&floats)
            return size == 1 ? nil : "no error for lengths that differ"
        } catch let error as DistributedError {
            guard case let .sizeMismatch(_, local, smallest, largest) = error, local == 3 + rank, smallest == 3, largest == 2 + size
            else { return "wrong error \(error)" }
            return nil
        }
    }
    try runner.check("bucketed allreduce of many arrays in small buckets") {
        let counts = [3, 1, 5, 2, 8, 1]
        var arrays = counts.enumerated().map { index, count in (0..<count).map { Float(index * 10 + $0 + rank) } }
        var reducer = BucketedAllreduce(counts: counts, megabytes: 6.0 * 4 / 1_048_576)
        guard reducer.plan.buckets.count == 5 else { return "planned \(reducer.plan.buckets.count) buckets, expected 5" }
        try reducer.run(&arrays, over: communicator, mean: true)
        let expected = counts.enumerated().map { index, count in (0..<count).map { Float(index * 10 + $0) + Float(size - 1) / 2 } }
        return arrays == expected ? nil : "got \(arrays), expected \(expected)"
    }
}
