import ArgumentParser
import LoomDistributed

extension ConvAutoencoder {
    /// The job's group: MPI's with `--distributed` (in a build with the `MPI` trait), else one process.
    static func communicator(distributed: Bool) throws -> any Communicator {
        guard distributed else { return SingleProcessCommunicator() }
        #if MPI
        return try MPICommunicator()
        #else
        throw ValidationError("--distributed needs a build with the MPI trait: swift build -c release --traits MPI --product conv-autoencoder")
        #endif
    }

    /// Ends MPI after the last collective.
    static func finish(_ communicator: any Communicator) {
        #if MPI
        if let mpi = communicator as? MPICommunicator { try? mpi.finalize() }
        #endif
    }
}
