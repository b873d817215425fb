import Foundation
import LoomData
import LoomFormats

/// The dataset readers: IDX (raw or gzip), CIFAR binary, CSV, NPY.
enum DataTargets {
    /// IDX, gzip-decompressed first when the input is gzip: rank 1 and rank 3 (labels and
    /// images); a parsed file's values fill its shape.
    static func idx(_ input: [UInt8]) {
        var bytes = input
        if Gzip.isGzip(input) {
            do { bytes = try Gzip.decompress(input) } catch { return }
        }
        for rank in [1, 3] {
            do {
                let file = try IDXFile.parse(bytes, file: "fuzz", rank: rank)
                require(file.shape.count == rank, "IDX rank \(file.shape.count), asked for \(rank)")
                require(file.values.count == file.shape.reduce(1, *), "IDX shape \(file.shape) holds \(file.values.count) values")
            } catch {
                require(error is DatasetReadError, "IDX threw \(type(of: error)), not DatasetReadError")
            }
        }
    }

    /// CIFAR-10 and CIFAR-100 batch files: labels below their limits, pixels in 0…1,
    /// images and labels of the same count.
    static func cifar(_ bytes: [UInt8]) {
        for limits in [[10], [20, 100]] {
            do {
                let columns = try CIFAR.parse(bytes, file: "fuzz", labelLimits: limits)
                require(columns.count == 1 + limits.count, "CIFAR gave \(columns.count) columns")
                let n = columns[0].shape.first ?? -1
                require(columns[0].scalarCount == n * 3072, "CIFAR images \(columns[0].shape) hold \(columns[0].scalarCount) values")
                require(columns[0].floatValues?.allSatisfy { (0...1).contains($0) } ?? false, "CIFAR pixel outside 0...1")
                for (k, limit) in limits.enumerated() {
                    let labels = columns[1 + k].intValues ?? []
                    require(labels.count == n && labels.allSatisfy { (0..<Int32(limit)).contains($0) }, "CIFAR label column \(k) broken")
                }
            } catch {
                require(error is DatasetReadError, "CIFAR threw \(type(of: error)), not DatasetReadError")
            }
        }
    }

    /// CSV with and without a header and label column: every row as wide as the first.
    static func csv(_ bytes: [UInt8]) {
        let options: [(header: Bool, label: CSVFile.LabelColumn?)] = [(true, .name("label")), (true, .index(0)), (false, .index(2)), (false, nil)]
        for option in options {
            do {
                let flow = try CSVFile.parse(bytes, file: "fuzz", hasHeader: option.header, label: option.label)
                let features = flow.columns[0]
                require(features.shape.count == 2 && features.shape[0] == flow.size, "CSV features shape \(features.shape), \(flow.size) rows")
                require(features.scalarCount == features.shape.reduce(1, *), "CSV features \(features.shape) hold \(features.scalarCount) values")
                require(flow.columns.count == (option.label == nil ? 1 : 2), "CSV gave \(flow.columns.count) columns")
                if flow.columns.count == 2 { require(flow.columns[1].scalarCount == flow.size, "CSV labels do not match the rows") }
            } catch {
                require(error is DatasetReadError, "CSV threw \(type(of: error)), not DatasetReadError")
            }
        }
    }

    /// NPY: a parsed array's values fill its shape.
    static func npy(_ bytes: [UInt8]) {
        do {
            let array = try NumPyFile.parse(bytes, file: "fuzz")
            require(array.shape.allSatisfy { $0 >= 0 }, "NPY negative dimension in \(array.shape)")
            require(array.scalarCount == array.shape.reduce(1, *), "NPY shape \(array.shape) holds \(array.scalarCount) values")
        } catch {
            require(error is DatasetReadError, "NPY threw \(type(of: error)), not DatasetReadError")
        }
    }
}
