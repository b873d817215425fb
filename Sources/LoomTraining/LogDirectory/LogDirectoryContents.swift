import Foundation

/// What a Loom log directory may hold, to tell a Loom log directory from any other:
/// `--log-dir-action delete` deletes only a directory whose every entry is Loom's own.
enum LogDirectoryContents {
    /// Exact names of the files a run writes.
    static let fileNames: Set<String> = [
        "log.log", "stats.json", "checkpoint.json", "hyper.txt", "sendstat.log", "INJECT_SHELL.tmp", LogDirectoryLock.fileName,
        AttachLocation.pathFileName,
    ]

    /// Whether `name` (an entry of the log directory) is a file Loom writes there.
    static func isLoomFile(_ name: String) -> Bool {
        if fileNames.contains(name) { return true }
        if name.hasPrefix("stats.json.") || name.hasPrefix("events.out.tfevents.") { return true }
        if name.hasSuffix(".safetensors"), name.hasPrefix("model-") || name.hasPrefix("min-") || name.hasPrefix("max-") { return true }
        if name.hasPrefix("trace-"), name.hasSuffix(".json") { return true }
        return isTemporaryFile(name)
    }

    /// Whether `name` is an atomic write's temporary file (`.<name>.tmp-<pid>-<n>`).
    static func isTemporaryFile(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(".tmp-")
    }

    /// The entries of `directory` that Loom did not write (a user's own files, other
    /// directories), each as a path relative to `directory`; `DumpTensors/` may hold only `.npy` files.
    static func foreignEntries(in directory: URL) -> [String] {
        let fileManager = FileManager.default
        var foreign: [String] = []
        for name in ((try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []).sorted() {
            let url = directory.appendingPathComponent(name)
            let type = (try? fileManager.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
            if type == .typeDirectory, AttachLocation.isBindDirectory(name) {
                let inner = (try? fileManager.contentsOfDirectory(atPath: url.path)) ?? []
                if !inner.allSatisfy({ $0 == AttachLocation.bindName }) { foreign.append(name + "/") }
            } else if type == .typeSocket {
                if name != AttachLocation.socketName { foreign.append(name) }
            } else if type == .typeDirectory {
                guard name == "DumpTensors" else { foreign.append(name + "/"); continue }
                for inner in ((try? fileManager.contentsOfDirectory(atPath: url.path)) ?? []).sorted() where !inner.hasSuffix(".npy") {
                    foreign.append(name + "/" + inner)
                }
            } else if type != .typeRegular || !isLoomFile(name) {
                foreign.append(name)
            }
        }
        return foreign
    }

    /// Deletes the temporary files that a killed or failed write left in `directory`;
    /// returns their names. Call only while holding the directory's lock.
    static func removeStaleTemporaryFiles(in directory: URL) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter(isTemporaryFile).sorted()
        return names.filter { (try? FileManager.default.removeItem(at: directory.appendingPathComponent($0))) != nil }
    }
}
