import Foundation

/// One `nvidia-smi` reading of one GPU.
struct GPUReading: Equatable, Sendable {
    var index: Int
    /// Utilisation in percent, or `nil` when the driver reports none (`[N/A]`).
    var utilization: Double?
    /// Memory used, in MiB.
    var memoryUsed: Double?
    /// Total memory, in MiB.
    var memoryTotal: Double?
}

/// Runs and parses `nvidia-smi --query-gpu=index,utilization.gpu,memory.used,memory.total
/// --format=csv,noheader,nounits`.
enum GPUQuery {
    /// The arguments of the query.
    static let arguments = ["--query-gpu=index,utilization.gpu,memory.used,memory.total", "--format=csv,noheader,nounits"]

    /// Parses the tool's output: one `index, util, used, total` line per GPU; fields that
    /// are not numbers (`[N/A]`, `[Not Supported]`) read as `nil`.
    /// - Throws: a message naming the first line that has no numeric index or too few fields.
    static func parse(_ text: String) throws(GPUQueryError) -> [GPUReading] {
        var readings: [GPUReading] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) { continue }
            guard fields.count >= 4, let index = Int(fields[0]) else {
                throw GPUQueryError(message: "unexpected nvidia-smi output line '\(line)'")
            }
            readings.append(GPUReading(index: index, utilization: Double(fields[1]), memoryUsed: Double(fields[2]),
                                       memoryTotal: Double(fields[3])))
        }
        return readings
    }

    /// Runs the tool at `executable` (blocking, at most `timeout` seconds).
    /// - Throws: a message naming the exit status or timeout and the standard error's tail.
    static func run(_ executable: URL, environment: [String: String], timeout: Double) throws(GPUQueryError) -> [GPUReading] {
        let result = ChildProcess.run(executable: executable, arguments: arguments, environment: environment, timeout: timeout)
        guard result.succeeded else {
            let tail = result.standardErrorTail(maxLines: 2)
            throw GPUQueryError(message: "\(executable.path) \(result.failureSummary(timeout: timeout))" + (tail.isEmpty ? "" : " (\(tail))"))
        }
        return try parse(String(decoding: result.standardOutput, as: UTF8.self))
    }
}

/// Why a GPU query failed.
struct GPUQueryError: Error, Equatable, Sendable {
    var message: String
}
