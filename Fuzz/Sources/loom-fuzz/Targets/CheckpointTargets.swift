import Foundation
@testable import LoomFormats

/// safetensors files (header and body), Loom checkpoints loaded from bytes, and the
/// checkpoint store's index `checkpoint.json`.
enum CheckpointTargets {
    /// The header alone and the whole file: entries lie inside the data, sizes match
    /// shapes, and a decoded file survives encoding and decoding again.
    static func safeTensors(_ bytes: [UInt8]) {
        let data = Data(bytes)
        if let header = try? SafeTensorsHeader.parse(data, path: "fuzz") {
            let dataBytes = bytes.count - header.dataStart
            for entry in header.entries {
                require(entry.dataOffsets.lowerBound >= 0 && entry.dataOffsets.upperBound <= dataBytes, "safetensors entry \(entry.name) outside the data")
                require(entry.dataOffsets.count == entry.elementCount * entry.dtype.byteSize, "safetensors entry \(entry.name) size does not match its shape")
            }
        }
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile.decode(data, path: "fuzz") } catch { return }
        for tensor in file.tensors {
            require(tensor.values.count == tensor.shape.reduce(1, *), "safetensors tensor \(tensor.name) \(tensor.shape) holds \(tensor.values.count) values")
        }
        do {
            let again = try SafeTensorsFile.decode(try file.encoded(path: "fuzz"), path: "fuzz")
            require(again.metadata == file.metadata, "safetensors metadata changed on re-encoding")
            require(again.tensors.map(\.name) == file.tensors.map(\.name) && again.tensors.map(\.shape) == file.tensors.map(\.shape),
                    "safetensors tensors changed on re-encoding")
            require(zip(again.tensors, file.tensors).allSatisfy { $0.values.map(\.bitPattern) == $1.values.map(\.bitPattern) },
                    "safetensors values changed on re-encoding")
        } catch {
            require(false, "a decoded safetensors file does not encode and decode again: \(error)")
        }
    }

    /// A Loom checkpoint from bytes: what loads encodes and loads again, unchanged.
    static func checkpoint(_ bytes: [UInt8]) {
        let checkpoint: Checkpoint
        do {
            checkpoint = try Checkpoint(try SafeTensorsFile.decode(Data(bytes), path: "fuzz"), path: "fuzz")
        } catch {
            return
        }
        do {
            let again = try Checkpoint(try SafeTensorsFile.decode(try checkpoint.encoded(path: "fuzz"), path: "fuzz"), path: "fuzz")
            require(again.globalStep == checkpoint.globalStep && again.epoch == checkpoint.epoch, "checkpoint counters changed on re-encoding")
            require(again.callbackStates.keys.sorted() == checkpoint.callbackStates.keys.sorted(), "checkpoint callback states changed on re-encoding")
            require(again.arrays.map(\.name) == checkpoint.arrays.map(\.name), "checkpoint arrays changed on re-encoding")
        } catch {
            require(false, "a loaded checkpoint does not encode and load again: \(error)")
        }
    }

    /// `checkpoint.json`: kept entries name the store's own files.
    static func checkpointIndex(_ bytes: [UInt8]) {
        guard let index = try? CheckpointIndex.decode(Data(bytes), reject: { _, _ in }) else { return }
        for entry in index.checkpoints + index.preserved {
            require(CheckpointStore.step(fromFileName: entry.file) == entry.step, "checkpoint.json kept a foreign file \(entry.file)")
        }
        for copy in index.copies.values + index.topK.values.flatMap(\.copies) {
            require(CheckpointStore.isCopyFileName(copy.file), "checkpoint.json kept a foreign copy \(copy.file)")
        }
    }
}
