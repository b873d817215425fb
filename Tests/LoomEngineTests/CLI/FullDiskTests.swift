import Foundation
import LoomTraining
import Testing
import LoomTestSupport

/// A full disk is loud: every failed save is reported, the summary says what was not
/// saved, and `loom train` exits non-zero when its final checkpoint could not be written.
@Suite struct FullDiskTests {
    /// Options whose checkpoints (~230 KB) cannot fit a 96 KB disk, while the logs do.
    private let options = ["--image-size", "8", "--train-size", "160", "--val-size", "100", "--hidden", "256", "--batch-size", "16",
                           "--steps-per-epoch", "5", "--threads", "1"]

    @Test func lostCheckpointsAreListedAndTheExitStatusIsNonZero() throws {
        guard let disk = try SmallDisk(kilobytes: 96) else { return }
        defer { disk.unmount() }
        guard let result = try LoomProcess.run(["train", "--epochs", "2", "--logdir", disk.url.appendingPathComponent("run").path] + options,
                                               in: disk.url) else { return }
        #expect(result.status == 1, "stdout: \(result.stdout.suffix(800))")
        #expect(result.stderr.hasPrefix("loom train: error: the final checkpoint (global_step 10) could not be written: "), "\(result.stderr)")
        #expect(result.stdout.contains("NOT SAVED:         the checkpoints of global_step 5, 10 could not be written ("))
        #expect(result.stdout.contains("                   no checkpoint of this run was written"))
        #expect(result.stdout.contains("ERR ModelSaver: could not save the checkpoint of global_step 5: "))
    }

    @Test func stopOnSaveFailureStopsAtTheFirstLostCheckpoint() throws {
        guard let disk = try SmallDisk(kilobytes: 96) else { return }
        defer { disk.unmount() }
        guard let result = try LoomProcess.run(["train", "--epochs", "3", "--stop-on-save-failure", "--logdir",
                                                disk.url.appendingPathComponent("run").path] + options, in: disk.url) else { return }
        #expect(result.status == 1)
        #expect(result.stdout.contains("Training stopped (the checkpoint of global_step 5 could not be saved ("), "\(result.stdout.suffix(800))")
    }
}
