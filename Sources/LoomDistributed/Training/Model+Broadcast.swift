import LoomNN
import LoomTensor

extension Model {
    /// Gives every rank rank 0's parameters and buffers (one broadcast): the replicas of a
    /// data-parallel job start identical.
    /// - Parameter communicator: The job's group.
    /// - Throws: ``DistributedError/sizeMismatch(what:local:smallest:largest:)`` when the replicas
    ///   differ in size, or a transport error.
    func broadcastState(over communicator: any Communicator) throws(DistributedError) {
        var flat: [Float] = []
        for (_, parameter) in namedParameters() { flat += parameter.value.scalars }
        for (_, buffer) in namedBuffers() { flat += buffer.value.scalars }
        try communicator.broadcast(&flat, root: 0)
        var offset = 0
        for (_, parameter) in namedParameters() {
            let count = parameter.value.scalarCount
            parameter.assign(Array(flat[offset..<(offset + count)]))
            offset += count
        }
        for (_, buffer) in namedBuffers() {
            let count = buffer.value.scalarCount
            buffer.value = Tensor(shape: buffer.shape, scalars: Array(flat[offset..<(offset + count)]))
            offset += count
        }
    }
}
