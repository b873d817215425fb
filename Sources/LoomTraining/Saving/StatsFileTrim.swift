import Foundation

/// Cuts `stats.json` back to a checkpoint: a run that crashed after its last checkpoint
/// left entries that the resumed run will write again. The entries after the
/// checkpoint's global step are removed (the original file is kept as
/// `stats.json.<MMdd-HHmmss>`), so that ``JSONWriter`` appends to exactly the entries an
/// uninterrupted run had; the kept entries' text is unchanged, byte for byte.
enum StatsFileTrim {
    /// Trims `url` to the leading entries whose `global_step` is at most `globalStep` and
    /// whose `epoch_num` is at most `epoch` (the checkpoint's last finished epoch: a
    /// mid-epoch checkpoint's epoch restarts, so its entries go too).
    /// - Returns: `(kept, dropped, backup)` when entries were dropped; `nil` when the file
    ///   is missing, not a JSON array of objects, or has nothing to drop.
    /// - Throws: ``FileWriteError`` or a file-system error when the backup or the rewrite fails.
    static func trim(_ url: URL, toGlobalStep globalStep: Int, epoch: Int, backupStamp: String) throws -> (kept: Int, dropped: Int, backup: String)? {
        guard let data = try? Data(contentsOf: url), let entries = StatsFileEntries(bytes: [UInt8](data)) else { return nil }
        var kept: [Range<Int>] = []
        for entry in entries.objects {
            guard let step = entry.value.member("global_step")?.intValue,
                  let entryEpoch = entry.value.member("epoch_num")?.intValue else { return nil }
            if step > globalStep || entryEpoch > epoch { break }
            kept.append(entry.range)
        }
        guard kept.count < entries.objects.count else { return nil }
        var backup = url.path + "." + backupStamp
        var index = 1
        while FileManager.default.fileExists(atPath: backup) { backup = url.path + "." + backupStamp + "-\(index)"; index += 1 }
        try FileManager.default.copyItem(atPath: url.path, toPath: backup)
        let texts = kept.map { String(decoding: entries.bytes[$0], as: UTF8.self) }
        try AtomicFile.write("[" + texts.joined(separator: ", ") + "]", to: url)
        return (kept.count, entries.objects.count - kept.count, backup)
    }
}
