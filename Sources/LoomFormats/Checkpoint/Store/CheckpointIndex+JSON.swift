import Foundation

extension CheckpointIndex {
    /// The index as the bytes of `checkpoint.json`.
    func encoded() -> Data {
        func time(_ date: Date?) -> JSONOutput { date.map { .number($0.timeIntervalSince1970) } ?? .null }
        func entry(_ entry: Entry) -> JSONOutput {
            .object(["file": .string(entry.file), "step": .integer(entry.step), "epoch": .integer(entry.epoch), "time": time(entry.time)])
        }
        func copy(_ copy: Copy) -> JSONOutput {
            .object(["file": .string(copy.file), "step": .integer(copy.step), "value": copy.value.map(JSONOutput.number) ?? .null])
        }
        let root: JSONOutput = .object([
            "format": .integer(format),
            "latest": latest.map(JSONOutput.string) ?? .null,
            "checkpoints": .array(checkpoints.map(entry)),
            "preserved": .array(preserved.map(entry)),
            "firstTime": time(firstTime),
            "lastPreservedTime": time(lastPreservedTime),
            "copies": .object(copies.mapValues(copy)),
            "topK": .object(topK.mapValues { list in
                .object(["stat": .string(list.stat), "direction": .string(list.direction.rawValue),
                         "k": .integer(list.k), "copies": .array(list.copies.map(copy))])
            }),
        ])
        return Data((root.text() + "\n").utf8)
    }

    /// Decodes `checkpoint.json`. Entries naming a file that is not one of the store's own
    /// inside its directory (an absolute path, `..`, a subdirectory, a foreign name) are
    /// left out and reported through `reject`, so the store never reads, overwrites or
    /// deletes such a file.
    ///
    /// - Throws: ``CheckpointIndexError`` when the text is not JSON or not an index.
    static func decode(_ data: Data, reject: (_ entry: String, _ file: String) -> Void) throws(CheckpointIndexError) -> CheckpointIndex {
        let root: JSONDocument.Value
        do {
            root = try JSONDocument.parse([UInt8](data)).value
        } catch {
            throw CheckpointIndexError(detail: error.description)
        }
        guard root.members != nil else { throw CheckpointIndexError(detail: "the top level is not a JSON object") }
        var index = CheckpointIndex()
        index.format = root.member("format")?.intValue ?? 1
        guard index.format == 1 else { throw CheckpointIndexError(detail: "format \(index.format) is newer than this Loom reads (1)") }
        func entries(_ key: String) throws(CheckpointIndexError) -> [Entry] {
            var result: [Entry] = []
            for (position, node) in (root.member(key)?.elements ?? []).enumerated() {
                let value = node.value
                guard let file = value.member("file")?.stringValue, let step = value.member("step")?.intValue,
                      let epoch = value.member("epoch")?.intValue, let seconds = value.member("time")?.doubleValue else {
                    throw CheckpointIndexError(detail: "\(key)[\(position)] lacks file, step, epoch or time")
                }
                guard CheckpointStore.step(fromFileName: file) == step else {
                    reject("\(key)[\(position)]", file)
                    continue
                }
                result.append(Entry(file: file, step: step, epoch: epoch, time: Date(timeIntervalSince1970: seconds)))
            }
            return result
        }
        func copy(_ value: JSONDocument.Value, at path: String) throws(CheckpointIndexError) -> Copy? {
            guard let file = value.member("file")?.stringValue, let step = value.member("step")?.intValue else {
                throw CheckpointIndexError(detail: "\(path) lacks file or step")
            }
            guard CheckpointStore.isCopyFileName(file) else {
                reject(path, file)
                return nil
            }
            return Copy(file: file, step: step, value: value.member("value")?.doubleValue)
        }
        index.checkpoints = try entries("checkpoints")
        index.preserved = try entries("preserved")
        if let latest = root.member("latest")?.stringValue {
            if CheckpointStore.step(fromFileName: latest) != nil { index.latest = latest } else { reject("latest", latest) }
        }
        index.firstTime = root.member("firstTime")?.doubleValue.map(Date.init(timeIntervalSince1970:))
        index.lastPreservedTime = root.member("lastPreservedTime")?.doubleValue.map(Date.init(timeIntervalSince1970:))
        for (name, node) in root.member("copies")?.members ?? [] {
            if let copy = try copy(node.value, at: "copies.\(name)") { index.copies[name] = copy }
        }
        for (name, node) in root.member("topK")?.members ?? [] {
            let value = node.value
            guard let stat = value.member("stat")?.stringValue, let k = value.member("k")?.intValue,
                  let direction = value.member("direction")?.stringValue.flatMap(StatDirection.init(rawValue:)) else {
                throw CheckpointIndexError(detail: "topK.\(name) lacks stat, k or direction (min or max)")
            }
            var kept: [Copy] = []
            for (position, element) in (value.member("copies")?.elements ?? []).enumerated() {
                if let copy = try copy(element.value, at: "topK.\(name).copies[\(position)]") { kept.append(copy) }
            }
            index.topK[name] = TopK(stat: stat, direction: direction, k: k, copies: kept)
        }
        return index
    }
}

/// Why `checkpoint.json` could not be read as an index.
struct CheckpointIndexError: Error, CustomStringConvertible {
    /// What is wrong, e.g. `at byte 12: expected a value`.
    var detail: String
    var description: String { detail }
}
