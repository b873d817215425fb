import LoomDistributed

/// Runs named checks on every rank; the verdict of each is agreed over the group (a check
/// fails when it fails on any rank) and printed by rank 0 as `PASS name` / `FAIL name: why`.
final class CheckRunner {
    let communicator: any Communicator
    private(set) var failures = 0

    init(communicator: any Communicator) {
        self.communicator = communicator
    }

    /// Runs `body`; it returns nil on success or a reason.
    func check(_ name: String, _ body: () throws -> String?) throws {
        let reason: String?
        do { reason = try body() } catch { reason = "threw \(error)" }
        var failed = [reason == nil ? 0.0 : 1.0]
        try communicator.allreduce(&failed, operation: .sum)
        if failed[0] > 0 {
            failures += 1
            if let reason { say("FAIL \(name): rank \(communicator.rank): \(reason)", everyRank: true) } else { say("FAIL \(name): failed on another rank") }
        } else {
            say("PASS \(name)")
        }
    }

    func say(_ line: String, everyRank: Bool = false) {
        if everyRank || communicator.isChief { print(line) }
    }

    /// Whether `value` is the same on every rank (exact).
    func agreed(_ value: Double) throws -> Bool {
        var high = [value], low = [value]
        try communicator.allreduce(&high, operation: .max)
        try communicator.allreduce(&low, operation: .min)
        return high[0] == low[0]
    }
}
