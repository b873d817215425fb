#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Tracks the host's CPU and memory per epoch, from Linux's `/proc` (tensorpack
/// `HostMemoryTracker`, extended). Between `beforeEpoch` and `afterEpoch` it measures,
/// and on trigger (every epoch) it puts:
/// - `HostCPU/process(%)`: this process's CPU time (`utime + stime` of
///   `/proc/self/stat`) over the epoch's wall time (injected clock), in percent; above
///   100 when several threads compute;
/// - `HostCPU/machine(%)`: the machine's busy share (`/proc/stat`, all CPUs; idle and
///   iowait count as idle), in percent of all CPUs;
/// - `HostMemory/rss(MB)` and `HostMemory/peak(MB)`: `VmRSS` and `VmHWM` of
///   `/proc/self/status` at the end of the epoch, in MiB.
///
/// Where `/proc` cannot be read (macOS) it logs once that it is disabled. Not chief-only.
public final class HostResourceTracker: Callback {
    /// The stat of the process's CPU use.
    public static let processCPUStat = "HostCPU/process(%)"
    /// The stat of the machine's CPU use.
    public static let machineCPUStat = "HostCPU/machine(%)"
    /// The stat of the resident memory.
    public static let residentMemoryStat = "HostMemory/rss(MB)"
    /// The stat of the peak resident memory.
    public static let peakMemoryStat = "HostMemory/peak(MB)"

    private let reader: ProcReader
    private let ticksPerSecond: Double
    private var context: TrainerContext?
    private var start: (time: Double, process: Double, machine: (busy: Double, total: Double))?
    private var pending: [(String, Double)] = []
    private var isDisabled = false

    /// Creates the tracker.
    /// - Parameters:
    ///   - procRoot: the `/proc` directory (a fake one in tests).
    ///   - clockTicksPerSecond: the unit of `/proc` CPU times (default `sysconf(_SC_CLK_TCK)`).
    public init(procRoot: URL = URL(fileURLWithPath: "/proc"), clockTicksPerSecond: Int? = nil) {
        reader = ProcReader(root: procRoot)
        ticksPerSecond = Double(clockTicksPerSecond ?? Swift.max(1, sysconf(Int32(_SC_CLK_TCK))))
    }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }
    public var producedStats: [String] { [Self.processCPUStat, Self.machineCPUStat, Self.residentMemoryStat, Self.peakMemoryStat] }

    public func setUp(_ context: TrainerContext) throws { self.context = context }

    public func beforeEpoch() throws {
        guard !isDisabled, let context else { return }
        do {
            start = (context.environment.clock.now(), try reader.processTicks(), try reader.machineTicks())
        } catch {
            disable(error)
        }
    }

    public func afterEpoch() throws {
        guard let start, let context else { return }
        self.start = nil
        do {
            let seconds = context.environment.clock.now() - start.time
            let process = try reader.processTicks(), machine = try reader.machineTicks(), memory = try reader.memory()
            pending = []
            if seconds > 0 { pending.append((Self.processCPUStat, (process - start.process) / ticksPerSecond / seconds * 100)) }
            let total = machine.total - start.machine.total
            if total > 0 { pending.append((Self.machineCPUStat, (machine.busy - start.machine.busy) / total * 100)) }
            pending.append((Self.residentMemoryStat, memory.resident / 1024))
            pending.append((Self.peakMemoryStat, memory.peak / 1024))
        } catch {
            disable(error)
        }
    }

    public func trigger() throws {
        guard let context else { return }
        for (name, value) in pending { try context.monitors.put(scalar: value, name: name) }
        pending = []
    }

    private func disable(_ error: ProcReadError) {
        isDisabled = true
        context?.logger.warning("HostResourceTracker is disabled: \(error). Training goes on without host stats.")
    }
}
