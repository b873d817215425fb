import ArgumentParser
import Foundation
import LoomTraining

/// `loom-bench monitors`: cost of TensorBoard event writing, end to end and on the
/// calling (training) thread.
struct MonitorsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitors",
        abstract: "Benchmarks of the TensorBoard event writer (scalars, histograms, images)."
    )
    @OptionGroup var options: BenchOptions

    @Option(help: "Scalars written per repetition.")
    var scalars = 100_000

    func run() throws {
        var report = BenchReport(area: "monitors")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-bench-monitors-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }

        // Scalars: the put loop alone (training-thread cost), then put + close end to end.
        // "per put ns": wall time of the put loop alone (includes waits when the queue is
        // full); "put cpu ns": CPU time the calling thread spent in it (no waits).
        for maxQueue in [1024, scalars] {
            var putSeconds: [Double] = []
            var putCPU: [Double] = []
            var totalSeconds: [Double] = []
            for repeat_ in 0..<options.repeats {
                let directory = root.appendingPathComponent("scalars-\(maxQueue)-\(repeat_)")
                let writer = try TensorBoardEventWriter(directory: directory, maxQueue: maxQueue)
                var put = 0.0
                let total = try measureSeconds {
                    let cpuStart = threadCPUSeconds()
                    put = try measureSeconds {
                        for step in 0..<scalars { try writer.putScalar("train/loss", Double(step) * 1e-3, step: step) }
                    }
                    putCPU.append(threadCPUSeconds() - cpuStart)
                    try writer.close()
                }
                putSeconds.append(put)
                totalSeconds.append(total)
            }
            report.add("scalars \(scalars), maxQueue \(maxQueue)", [
                ("median s", .number(median(totalSeconds), digits: 4)),
                ("per put ns", .number(median(putSeconds) / Double(scalars) * 1e9, digits: 0)),
                ("put cpu ns", .number(median(putCPU) / Double(scalars) * 1e9, digits: 0)),
                ("puts/s", .number(Double(scalars) / median(totalSeconds), digits: 0)),
            ])
        }

        // Histogram of 1M values: bucketing on the caller, then put + flush.
        var state: UInt64 = 42
        let values = (0..<1_000_000).map { _ -> Float in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state >> 11) % 2_000_001 - 1_000_000) / 250_000
        }
        let histogramWriter = try TensorBoardEventWriter(directory: root.appendingPathComponent("histogram"))
        var bucketSeconds: [Double] = []
        var bucketCPU: [Double] = []
        var histogramSeconds: [Double] = []
        for step in 0..<options.repeats {
            var histogram = Histogram(values: [Float]())
            let cpuStart = threadCPUSeconds()
            bucketSeconds.append(measureSeconds { histogram = Histogram(values: values) })
            bucketCPU.append(threadCPUSeconds() - cpuStart)
            histogramSeconds.append(try measureSeconds {
                try histogramWriter.putHistogram("weights", histogram, step: step)
                try histogramWriter.flush()
            })
        }
        try histogramWriter.close()
        report.add("histogram 1M values", [
            ("median s", .number(median(bucketSeconds) + median(histogramSeconds), digits: 4)),
            ("bucketing ms", .number(median(bucketSeconds) * 1e3, digits: 2)),
            ("bucketing cpu ms", .number(median(bucketCPU) * 1e3, digits: 2)),
            ("put+flush ms", .number(median(histogramSeconds) * 1e3, digits: 2)),
        ])

        // A 16-image 28x28 grayscale batch from floats: conversion, PNG encoding, flush.
        let pixels: [Float] = (0..<(16 * 28 * 28)).map { (index: Int) -> Float in
            index % 3 == 0 ? Float((index &* 7919) % 256) / 255 : 0
        }
        let imageWriter = try TensorBoardEventWriter(directory: root.appendingPathComponent("images"))
        var imageSeconds: [Double] = []
        for step in 0..<options.repeats {
            imageSeconds.append(try measureSeconds {
                let batch = try Image.batch(floats: pixels, count: 16, height: 28, width: 28, channels: 1)
                try imageWriter.putImages("inputs", batch, step: step)
                try imageWriter.flush()
            })
        }
        try imageWriter.close()
        report.add("images 16x28x28 batch", [
            ("median s", .number(median(imageSeconds), digits: 4)),
            ("per image ms", .number(median(imageSeconds) / 16 * 1e3, digits: 3)),
        ])
        report.emit(json: options.json)
    }
}

/// CPU seconds consumed by the calling thread (`CLOCK_THREAD_CPUTIME_ID`): time spent
/// waiting (for a full queue, for the disk) does not count.
private func threadCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
