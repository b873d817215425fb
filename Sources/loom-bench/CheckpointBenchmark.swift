import ArgumentParser
import Foundation
import LoomTraining
#if canImport(Glibc)
import Glibc
#endif

/// `loom-bench checkpoint`: saving and loading a 10 M-parameter checkpoint against writing
/// and fsyncing the same bytes raw (in Swift and with `dd ... conv=fsync`). Bar: save < 2× raw.
struct CheckpointBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkpoint", abstract: "Checkpoint save/load against raw fsync'd writes.")
    @OptionGroup var options: BenchOptions

    @Option(help: "Parameters in the model (split over --arrays arrays).")
    var parameters = 10_000_000

    @Option(help: "Number of arrays.")
    var arrays = 20

    @Option(help: "Directory to write in (default: the system temporary directory).")
    var directory: String?

    func run() throws {
        let base = URL(fileURLWithPath: directory ?? FileManager.default.temporaryDirectory.path)
            .appendingPathComponent("loom-bench-checkpoint-\(getpid())")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let perArray = parameters / arrays
        let tensors = (0..<arrays).map { index in
            NamedArray(name: "layer\(index)/W", shape: [perArray], values: (0..<perArray).map { Float($0 % 1000) * 0.001 + Float(index) })
        }
        let store = CheckpointStore(directory: base, maxToKeep: 2, warn: { _ in })
        let bytes = try Checkpoint(arrays: tensors, globalStep: 0, epoch: 0, createdAt: Date()).encoded().count
        var save: [Double] = [], raw: [Double] = [], dd: [Double] = [], load: [Double] = [], encode: [Double] = []
        for repeat_ in 1...options.repeats {
            let checkpoint = Checkpoint(arrays: tensors, globalStep: repeat_, epoch: 1, createdAt: Date())
            encode.append(try measureSeconds { _ = try checkpoint.encoded() })
            save.append(try measureSeconds { try store.save(checkpoint) })
            load.append(try measureSeconds { _ = try store.loadLatest() })
            raw.append(try measureSeconds { try writeRaw(bytes: bytes, to: base.appendingPathComponent("raw.bin").path) })
            dd.append(try measureSeconds { try runDD(megabytes: (bytes + (1 << 20) - 1) >> 20, to: base.appendingPathComponent("dd.bin").path) })
        }
        let megabytes = Double(bytes) / 1e6
        var report = BenchReport(area: "checkpoint")
        func row(_ name: String, _ times: [Double]) {
            let seconds = median(times)
            report.add(name, [("MB", .number(megabytes, digits: 1)), ("median ms", .number(seconds * 1000, digits: 1)),
                              ("MB/s", .number(megabytes / seconds, digits: 0)), ("vs raw", .number(seconds / median(raw), digits: 2))])
        }
        row("encode only (memory)", encode)
        row("CheckpointStore.save (fsync)", save)
        row("raw write+fsync (Swift)", raw)
        row("dd bs=1M conv=fsync", dd)
        row("CheckpointStore.loadLatest", load)
        report.emit(json: options.json)
    }
}

/// Writes `bytes` bytes in 1 MiB chunks to `path`, fsyncs and closes it.
private func writeRaw(bytes: Int, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw ValidationError("cannot open \(path)") }
    defer { close(fd) }
    let chunk = [UInt8](repeating: 1, count: 1 << 20)
    var left = bytes
    while left > 0 {
        let count = min(left, chunk.count)
        let written = chunk.withUnsafeBytes { write(fd, $0.baseAddress, count) }
        guard written > 0 else { throw ValidationError("write to \(path) failed") }
        left -= written
    }
    guard fsync(fd) == 0 else { throw ValidationError("fsync of \(path) failed") }
}

/// Runs `dd if=/dev/zero of=path bs=1M count=megabytes conv=fsync`.
private func runDD(megabytes: Int, to path: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/dd")
    process.arguments = ["if=/dev/zero", "of=\(path)", "bs=1M", "count=\(megabytes)", "conv=fsync"]
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw ValidationError("dd failed") }
}
