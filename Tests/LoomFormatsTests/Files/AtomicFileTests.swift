import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesWholeFile() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("stats.json")
        try AtomicFile.write("first", to: url)
        try AtomicFile.write("second version", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second version")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    /// Without flushing everything (the file's name, or anything) a write still replaces the
    /// whole file through a temporary name and keeps the previous version when the disk
    /// refuses the bytes.
    @Test(arguments: [AtomicFile.Durability.none, .contents])
    func aWriteThatIsNotFullyDurableIsStillAtomic(durability: AtomicFile.Durability) throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent(".loom.lock")
        try AtomicFile.write("process 1\n", to: url, durability: durability)
        try AtomicFile.write("process 22\n", to: url, durability: durability)
        #expect(try String(contentsOf: url, encoding: .utf8) == "process 22\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == [".loom.lock"])
        guard let disk = try SmallDisk(kilobytes: 64) else { return }
        defer { disk.unmount() }
        let small = disk.url.appendingPathComponent("holder")
        try AtomicFile.write("good", to: small, durability: durability)
        #expect(throws: FileWriteError.self) { try AtomicFile.write(Data(count: 1 << 20), to: small, durability: durability) }
        #expect(try String(contentsOf: small, encoding: .utf8) == "good")
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.url.path).filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test func missingDirectoryIsAClearError() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("no/such/dir/file.txt")
        #expect {
            try AtomicFile.write("x", to: url)
        } throws: { error in
            guard let error = error as? FileWriteError else { return false }
            return error.path == url.path && error.description.contains("No such file or directory")
        }
    }

    /// A full disk (a 64 KiB tmpfs) fails the write with ENOSPC and keeps the old file.
    @Test func fullDiskKeepsPreviousVersion() throws {
        guard let disk = try SmallDisk(kilobytes: 64) else { return }
        defer { disk.unmount() }
        let url = disk.url.appendingPathComponent("model.safetensors")
        try AtomicFile.write("good", to: url)
        #expect {
            try AtomicFile.write(Data(count: 1 << 20), to: url)
        } throws: { error in
            (error as? FileWriteError)?.code == ENOSPC
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "good")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: disk.url.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}

/// `stat(2)` without Foundation's owner lookups.
@Suite struct FileStatusTests {
    @Test func describesFilesDirectoriesAndLinks() throws {
        let dir = try TemporaryDirectory()
        let file = dir.url.appendingPathComponent("hyper.txt")
        try AtomicFile.write("learning_rate: 0.1\n", to: file)
        let link = dir.url.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: file.path)

        let status = try #require(FileStatus(path: file.path))
        #expect(status.kind == .regular)
        #expect(status.size == 19)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        let modified = try #require(attributes[.modificationDate] as? Date)
        #expect(abs(Double(status.modified.seconds) + Double(status.modified.nanoseconds) * 1e-9 - modified.timeIntervalSince1970) < 1e-3)
        #expect(FileStatus(path: dir.url.path)?.kind == .directory)
        #expect(FileStatus(path: link.path)?.kind == .regular)
        #expect(FileStatus(path: link.path, followingLinks: false)?.kind == .symbolicLink)
        #expect(FileStatus(path: dir.url.appendingPathComponent("missing").path) == nil)
    }

    @Test func aRewriteChangesTheStatus() throws {
        let dir = try TemporaryDirectory()
        let file = dir.url.appendingPathComponent("hyper.txt")
        try AtomicFile.write("a", to: file)
        let first = try #require(FileStatus(path: file.path))
        #expect(FileStatus(path: file.path) == first)
        try AtomicFile.write("ab", to: file)
        #expect(FileStatus(path: file.path) != first)
    }
}
