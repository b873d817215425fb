import LoomData
import LoomNN
import LoomTraining

extension ModelBackend {
    /// The prefix of group `index`'s optimizer arrays: `optimizer/` for a single group,
    /// `optimizer/<group>/` for several.
    func optimizerPrefix(_ index: Int) -> String {
        groups.count == 1 ? "optimizer/" : "optimizer/\(groups[index].name)/"
    }

    /// The model's parameters and buffers (`fc1/W`, `bn1/mean/EMA`, …), then each group's
    /// optimizer state: `optimizer/step`, `optimizer/<param>/<slot>` with one group;
    /// `optimizer/<group>/step`, `optimizer/<group>/<param>/<slot>` with several. Every
    /// slot of every parameter is listed (zeros before its first update), so a
    /// checkpoint matches a fresh backend.
    ///
    /// Each export writes into the arrays of the previous one where the checkpoint that
    /// held them has been written and released (`SnapshotArrays`); call it from the thread
    /// that trains, as the trainer does.
    public func exportState() throws -> [NamedArray] {
        var arrays = model.stateArrays(reusing: &snapshotArrays).map { NamedArray(name: $0.name, shape: $0.shape, values: $0.values) }
        for (index, group) in groups.enumerated() {
            arrays += group.optimizer.checkpointArrays(for: groupParameters[index], prefix: optimizerPrefix(index), reusing: &snapshotArrays)
        }
        return arrays
    }

    /// Restores a state made by ``exportState()``; nothing changes unless all of it fits.
    /// - Throws: ``EngineError/state(_:)`` naming the missing, unexpected or mis-shaped arrays.
    public func importState(_ arrays: [NamedArray]) throws {
        let modelArrays = arrays.filter { !$0.name.hasPrefix("optimizer/") }
            .map { StateArray(name: $0.name, shape: $0.shape, values: $0.values) }
        if groups.count > 1 {
            let prefixes = groups.indices.map(optimizerPrefix)
            if let stray = arrays.first(where: { array in array.name.hasPrefix("optimizer/") && !prefixes.contains { array.name.hasPrefix($0) } }) {
                throw EngineError.state("'\(stray.name)' belongs to no optimizer group (the groups are "
                    + "\(groups.map(\.name).joined(separator: ", ")))")
            }
        }
        let previousModel = model.stateArrays()
        let previousOptimizers = groups.indices.map { exportOptimizer($0) }
        do {
            try model.load(modelArrays, strict: true)
        } catch {
            throw EngineError.state(error.description)
        }
        for index in groups.indices {
            do {
                try groups[index].optimizer.loadCheckpointArrays(arrays, for: groupParameters[index], prefix: optimizerPrefix(index))
            } catch {
                try? model.load(previousModel, strict: true)
                for earlier in 0..<index {
                    try? groups[earlier].optimizer.loadCheckpointArrays(previousOptimizers[earlier], for: groupParameters[earlier],
                                                                        prefix: optimizerPrefix(earlier))
                }
                throw EngineError.state(error.description)
            }
        }
    }

    private func exportOptimizer(_ index: Int) -> [NamedArray] {
        groups[index].optimizer.checkpointArrays(for: groupParameters[index], prefix: optimizerPrefix(index))
    }
}
