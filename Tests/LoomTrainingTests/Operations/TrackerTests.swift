import Foundation
import Testing
@testable import LoomTraining

@Suite struct GPUUtilizationTrackerTests {
    /// A fake nvidia-smi: the n-th call reports GPU 0 at 10·n % and GPU 1 at 70 %.
    private func fakeTool(in directory: URL) throws {
        try writeScript("""
        n=$(cat "\(directory.path)/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "\(directory.path)/count"
        [ "$1" = "--query-gpu=index,utilization.gpu,memory.used,memory.total" ] || exit 7
        echo "0, $((n*10)), $((n*1000)), 16000"
        echo "1, 70, [N/A], 16000"
        """, named: "nvidia-smi", in: directory)
    }

    private func path(_ directory: URL) -> [String: String] { ["PATH": "\(directory.path):/usr/bin:/bin"] }

    /// A tracker that samples once per epoch and gives the fake tool's query up to 60 s,
    /// both before killing it and in `afterEpoch`: on a loaded machine the shell script can
    /// take seconds, and a query killed at the default 5 s or still in flight at the
    /// default 1 s wait would drop its sample. The waits end as soon as the query does.
    private func patientTracker() -> GPUUtilizationTracker { GPUUtilizationTracker(interval: 60, queryTimeout: 60, stopWait: 60) }

    /// The tracker's own warnings (not the trainer's note on slow callbacks, which may name it).
    private func warnings(_ harness: Harness) -> [String] {
        harness.messages.filter { $0.hasPrefix("WRN GPUUtilizationTracker") }
    }

    @Test func statsFollowTheSamplesAndTheVisibleDevices() throws {
        let harness = try Harness()
        try fakeTool(in: harness.root)
        let trainer = Trainer(harness.config(OperationsBackend(), callbacks: [patientTracker()], variables: path(harness.root)))
        _ = try trainer.train()
        #expect(trainer.monitors.history("GPUUtil/0").map(\.value) == [10, 20])
        #expect(trainer.monitors.history("GPUMemory/0").map(\.value) == [1000, 2000])
        #expect(trainer.monitors.history("GPUUtil/1").map(\.value) == [70, 70])
        #expect(trainer.monitors.history("GPUMemory/1").isEmpty)

        let other = try Harness()
        try fakeTool(in: other.root)
        var variables = path(other.root)
        variables["CUDA_VISIBLE_DEVICES"] = "1"
        let visible = Trainer(other.config(OperationsBackend(), callbacks: [patientTracker()], variables: variables))
        _ = try visible.train()
        #expect(visible.monitors.statNames == ["GPUUtil/1"])
    }

    @Test func averagingIsPerDeviceOverTheSamplesThatReport() {
        let samples = [[GPUReading(index: 0, utilization: 10, memoryUsed: 100), GPUReading(index: 2, utilization: nil, memoryUsed: 5)],
                       [GPUReading(index: 0, utilization: 30, memoryUsed: 300), GPUReading(index: 2, utilization: 50, memoryUsed: 7)]]
        let all = GPUUtilizationTracker.average(samples, devices: nil)
        #expect(all.map(\.device) == [0, 2])
        #expect(all.map(\.utilization) == [20, 50])
        #expect(all.map(\.memory) == [200, 6])
        #expect(GPUUtilizationTracker.average(samples, devices: [2]).map(\.device) == [2])
        #expect(throws: GPUQueryError(message: "unexpected nvidia-smi output line 'No devices were found'")) {
            try GPUQuery.parse("No devices were found\n")
        }
    }

    @Test func withoutTheToolItIsDisabledOnce() throws {
        let harness = try Harness()
        let trainer = Trainer(harness.config(OperationsBackend(), callbacks: [GPUUtilizationTracker()], variables: ["PATH": harness.root.path]))
        let result = try trainer.train()
        #expect(result.outcome == .completed)
        #expect(harness.messages.filter { $0.contains("GPUUtilizationTracker") } == [
            "WRN GPUUtilizationTracker is disabled: nvidia-smi was not found on PATH (no NVIDIA driver?). Training goes on without GPU stats.",
        ])
        #expect(trainer.monitors.statNames.isEmpty)
    }

    @Test func aToolFailingThreeTimesInARowDisablesTheTrackerOnce() throws {
        let harness = try Harness()
        try writeScript("echo 'NVIDIA-SMI has failed' >&2; exit 9", named: "nvidia-smi", in: harness.root)
        let trainer = Trainer(harness.config(OperationsBackend(), callbacks: [patientTracker()], maxEpoch: 4,
                                             variables: path(harness.root)))
        _ = try trainer.train()
        let lines = warnings(harness)
        let skipped = "WRN GPUUtilizationTracker: 1 of 1 nvidia-smi queries failed this epoch (last: \(harness.root.path)/nvidia-smi exited with status 9 (NVIDIA-SMI has failed)); those samples were skipped"
        #expect(lines == [skipped, skipped,
                          "WRN GPUUtilizationTracker is disabled: 3 nvidia-smi queries in a row failed (last: \(harness.root.path)/nvidia-smi exited with status 9 (NVIDIA-SMI has failed)). Training goes on without GPU stats."])
        #expect(trainer.monitors.statNames.isEmpty)
    }

    /// One failed query skips one sample; the tracker goes on.
    @Test func oneFailedQueryIsSkipped() throws {
        let harness = try Harness()
        try writeScript("""
        n=$(cat "\(harness.root.path)/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "\(harness.root.path)/count"
        [ $n -eq 2 ] && { echo 'timeout' >&2; exit 9; }
        echo "0, $((n*10)), 100, 16000"
        """, named: "nvidia-smi", in: harness.root)
        let trainer = Trainer(harness.config(OperationsBackend(), callbacks: [patientTracker()], maxEpoch: 3,
                                             variables: path(harness.root)))
        _ = try trainer.train()
        #expect(trainer.monitors.history("GPUUtil/0").map(\.value) == [10, 30])
        #expect(warnings(harness) == [
            "WRN GPUUtilizationTracker: 1 of 1 nvidia-smi queries failed this epoch (last: \(harness.root.path)/nvidia-smi exited with status 9 (timeout)); those samples were skipped",
        ])
    }

    @Test func aHangingToolNeverStallsTraining() throws {
        let harness = try Harness()
        try writeScript("sleep 100", named: "nvidia-smi", in: harness.root)
        let tracker = GPUUtilizationTracker(interval: 60, queryTimeout: 0.5, stopWait: 0.1)
        let trainer = Trainer(harness.config(OperationsBackend(), callbacks: [tracker], maxEpoch: 3, variables: path(harness.root)))
        let start = Date()
        let result = try trainer.train()
        let seconds = Date().timeIntervalSince(start)
        #expect(result.outcome == .completed)
        #expect(seconds < 1.5, "training waited \(seconds) s for a hanging nvidia-smi")
        #expect(trainer.monitors.statNames.isEmpty)
    }
}

@Suite struct HostResourceTrackerTests {
    private func writeProc(_ root: URL, processTicks: (Int, Int), cpu: String, rss: Int, peak: Int) throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("self"), withIntermediateDirectories: true)
        let stat = "4242 (loom (trainer) x) R 1 4242 4242 0 -1 4194304 100 0 0 0 \(processTicks.0) \(processTicks.1) 0 0 20 0 3 0 1 2 3\n"
        try Data(stat.utf8).write(to: root.appendingPathComponent("self/stat"))
        try Data("cpu  \(cpu)\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1\n".utf8).write(to: root.appendingPathComponent("stat"))
        let status = "Name:\tloom\nVmPeak:\t  999999 kB\nVmHWM:\t  \(peak) kB\nVmRSS:\t  \(rss) kB\nThreads:\t3\n"
        try Data(status.utf8).write(to: root.appendingPathComponent("self/status"))
    }

    @Test func cpuAndMemoryPerEpochFromAFakeProc() throws {
        let harness = try Harness()
        let proc = harness.root.appendingPathComponent("proc")
        try writeProc(proc, processTicks: (100, 50), cpu: "100 0 100 700 100 0 0 0 0 0", rss: 102_400, peak: 204_800)
        let change = LambdaCallback(afterEpoch: { _ in
            try writeProc(proc, processTicks: (200, 100), cpu: "250 0 250 1000 100 0 0 0 0 0", rss: 204_800, peak: 307_200)
        })
        let backend = OperationsBackend()
        backend.clock = harness.clock
        backend.secondsPerStep = 1
        let tracker = HostResourceTracker(procRoot: proc, clockTicksPerSecond: 100)
        let trainer = Trainer(harness.config(backend, callbacks: [change, tracker], maxEpoch: 1))
        _ = try trainer.train()
        // 150 ticks = 1.5 s of CPU over 3 s of wall time; the machine: 300 busy of 600 ticks.
        #expect(trainer.monitors.history(HostResourceTracker.processCPUStat).map(\.value) == [50])
        #expect(trainer.monitors.history(HostResourceTracker.machineCPUStat).map(\.value) == [50])
        #expect(trainer.monitors.history(HostResourceTracker.residentMemoryStat).map(\.value) == [200])
        #expect(trainer.monitors.history(HostResourceTracker.peakMemoryStat).map(\.value) == [300])
    }

    @Test func aMissingProcDisablesItOnce() throws {
        let harness = try Harness()
        let missing = harness.root.appendingPathComponent("nowhere")
        let trainer = Trainer(harness.config(OperationsBackend(), callbacks: [HostResourceTracker(procRoot: missing)]))
        _ = try trainer.train()
        #expect(harness.messages.filter { $0.contains("HostResourceTracker") } == [
            "WRN HostResourceTracker is disabled: \(missing.path)/self/stat cannot be read. Training goes on without host stats.",
        ])
        #expect(trainer.monitors.statNames.isEmpty)
    }

    @Test func theRealProcGivesPlausibleValues() throws {
        guard FileManager.default.fileExists(atPath: "/proc/self/stat") else { return }
        let harness = try Harness()
        let trainer = Trainer(harness.config(OperationsBackend(), callbacks: [HostResourceTracker()], maxEpoch: 1))
        _ = try trainer.train()
        let rss = trainer.monitors.latest(HostResourceTracker.residentMemoryStat) ?? 0
        let peak = trainer.monitors.latest(HostResourceTracker.peakMemoryStat) ?? 0
        #expect(rss > 1 && peak >= rss)
    }
}
