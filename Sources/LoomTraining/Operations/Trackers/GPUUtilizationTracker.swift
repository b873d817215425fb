import Foundation

/// Tracks the utilisation and memory of NVIDIA GPUs during each epoch (tensorpack
/// `GPUUtilizationTracker`), without ever stalling training.
///
/// Between `beforeEpoch` and `afterEpoch` a background thread runs `nvidia-smi
/// --query-gpu=index,utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits`
/// (found on the `PATH` of the environment's variables) at once and then about every
/// `interval` seconds. Each query is killed after `queryTimeout` seconds, and
/// `afterEpoch` waits at most `stopWait` seconds for a query in flight. On trigger
/// (every epoch) it puts, per device, the epoch's averages:
/// - `GPUUtil/<index>`: utilisation in percent;
/// - `GPUMemory/<index>`: memory used, in MiB (as nvidia-smi reports it).
///
/// Devices: `devices`, else `CUDA_VISIBLE_DEVICES` (numeric indices, from the
/// environment's variables), else every GPU the tool lists. Without the tool, with an
/// empty `CUDA_VISIBLE_DEVICES`, or when a query fails or times out, it logs once that
/// it is disabled and does nothing more. Runs on every process (not chief-only).
public final class GPUUtilizationTracker: Callback {
    /// The stat name of device `index`'s utilisation (percent).
    public static func utilizationStat(_ index: Int) -> String { "GPUUtil/\(index)" }
    /// The stat name of device `index`'s memory used (MiB).
    public static func memoryStat(_ index: Int) -> String { "GPUMemory/\(index)" }

    private let requestedDevices: [Int]?
    private let interval: Double
    private let queryTimeout: Double
    private let stopWait: Double
    private let toolName: String
    private var devices: [Int]?
    private var tool: URL?
    private var context: TrainerContext?
    private var sampler: GPUSampler?
    private var averages: [(device: Int, utilization: Double?, memory: Double?)] = []
    private(set) var isDisabled = false
    /// Failed queries in a row after which the tracker stops querying for the rest of the run.
    static let maxConsecutiveFailures = 3
    private var failuresInARow = 0

    /// Creates the tracker.
    /// - Parameters:
    ///   - devices: GPU indices to track (default: `CUDA_VISIBLE_DEVICES`, else all).
    ///   - interval: seconds between samples (default 1).
    ///   - queryTimeout: seconds before a hanging `nvidia-smi` is killed (default 5).
    ///   - stopWait: the longest `afterEpoch` waits for a query in flight (default 1 s).
    ///   - tool: the program to run (default `nvidia-smi`, looked up on `PATH`).
    public init(devices: [Int]? = nil, interval: Double = 1, queryTimeout: Double = 5, stopWait: Double = 1,
                tool: String = "nvidia-smi") {
        requestedDevices = devices
        self.interval = interval
        self.queryTimeout = queryTimeout
        self.stopWait = stopWait
        toolName = tool
    }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }
    public var producedStats: [String] {
        guard let devices, !isDisabled else { return [] }
        return devices.flatMap { [Self.utilizationStat($0), Self.memoryStat($0)] }
    }

    public func setUp(_ context: TrainerContext) throws {
        guard interval > 0, queryTimeout > 0, stopWait >= 0 else {
            throw OperationsError.invalidArgument(callback: name, message: "interval and queryTimeout must be positive, stopWait 0 or more")
        }
        self.context = context
        if let requestedDevices {
            devices = requestedDevices
        } else if let visible = context.environment.variables["CUDA_VISIBLE_DEVICES"] {
            let parts = visible.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let indices = parts.compactMap { Int($0) }.filter { $0 >= 0 }
            if indices.isEmpty || indices.count != parts.count {
                return disable("CUDA_VISIBLE_DEVICES='\(visible)' names no GPU by number")
            }
            devices = indices
        }
        guard let tool = ChildProcess.locate(toolName, variables: context.environment.variables) else {
            return disable("\(toolName) was not found on PATH (no NVIDIA driver?)")
        }
        self.tool = tool
    }

    public func beforeEpoch() throws {
        guard !isDisabled, let tool, let context else { return }
        let environment = context.environment.variables, timeout = queryTimeout
        averages = []
        sampler = GPUSampler(interval: interval, failuresInARow: failuresInARow,
                             maxConsecutiveFailures: Self.maxConsecutiveFailures) { () throws(GPUQueryError) -> [GPUReading] in
            try GPUQuery.run(tool, environment: environment, timeout: timeout)
        }
    }

    public func afterEpoch() throws {
        guard let sampler else { return }
        self.sampler = nil
        let (samples, failures, inARow, gaveUp, _) = sampler.stop(waiting: stopWait)
        failuresInARow = inARow
        if gaveUp, let last = failures.last {
            return disable("\(Self.maxConsecutiveFailures) \(toolName) queries in a row failed (last: \(last.message))")
        }
        if let last = failures.last {
            context?.logger.warning("""
                GPUUtilizationTracker: \(failures.count) of \(failures.count + samples.count) \(toolName) queries failed this epoch \
                (last: \(last.message)); those samples were skipped
                """)
        }
        averages = Self.average(samples, devices: devices)
    }

    public func trigger() throws {
        guard let context else { return }
        for entry in averages {
            if let utilization = entry.utilization { try context.monitors.put(scalar: utilization, name: Self.utilizationStat(entry.device)) }
            if let memory = entry.memory { try context.monitors.put(scalar: memory, name: Self.memoryStat(entry.device)) }
        }
        averages = []
    }

    public func afterTrain() throws {
        // Never wait here: a query in flight is killed by its own timeout.
        _ = sampler?.stop(waiting: 0)
        sampler = nil
    }

    /// Per device (the given ones, else every one seen, in index order), the mean
    /// utilisation and memory used over the samples that report them.
    static func average(_ samples: [[GPUReading]], devices: [Int]?) -> [(device: Int, utilization: Double?, memory: Double?)] {
        var utilization: [Int: [Double]] = [:], memory: [Int: [Double]] = [:]
        var seen = Set<Int>()
        for sample in samples {
            for reading in sample where devices?.contains(reading.index) ?? true {
                seen.insert(reading.index)
                if let value = reading.utilization { utilization[reading.index, default: []].append(value) }
                if let value = reading.memoryUsed { memory[reading.index, default: []].append(value) }
            }
        }
        func mean(_ values: [Double]?) -> Double? {
            guard let values, !values.isEmpty else { return nil }
            return values.reduce(0, +) / Double(values.count)
        }
        return seen.sorted().map { ($0, mean(utilization[$0]), mean(memory[$0])) }
    }

    private func disable(_ reason: String) {
        guard !isDisabled else { return }
        isDisabled = true
        context?.logger.warning("GPUUtilizationTracker is disabled: \(reason). Training goes on without GPU stats.")
    }
}
