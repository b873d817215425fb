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
        guard let text = try? String(contentsOf: url, encoding: .utf8), let objects = topLevelObjects(text) else { return nil }
        var kept: [Substring] = []
        for object in objects {
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(object.utf8)) as? [String: Any],
                  let step = parsed["global_step"] as? Int, let entryEpoch = parsed["epoch_num"] as? Int else { return nil }
            if step > globalStep || entryEpoch > epoch { break }
            kept.append(object)
        }
        guard kept.count < objects.count else { return nil }
        var backup = url.path + "." + backupStamp
        var index = 1
        while FileManager.default.fileExists(atPath: backup) { backup = url.path + "." + backupStamp + "-\(index)"; index += 1 }
        try FileManager.default.copyItem(atPath: url.path, toPath: backup)
        try AtomicFile.write("[" + kept.joined(separator: ", ") + "]", to: url)
        return (kept.count, objects.count - kept.count, backup)
    }

    /// The texts of the objects of a top-level JSON array, or `nil` when `text` is not one.
    static func topLevelObjects(_ text: String) -> [Substring]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.first == "[", trimmed.last == "]" else { return nil }
        var objects: [Substring] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start: String.Index?
        for index in trimmed.indices {
            let character = trimmed[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{":
                if depth == 1 { start = index }
                depth += 1
            case "}":
                depth -= 1
                if depth == 1, let begin = start { objects.append(trimmed[begin...index]) }
            case "[": depth += 1
            case "]": depth -= 1
            default: break
            }
        }
        return depth == 0 ? objects : nil
    }
}
