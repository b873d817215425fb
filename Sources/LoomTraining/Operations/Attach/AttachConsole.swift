#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A console to a running job from any other terminal: `loom attach LOGDIR`, whether or
/// not the job has a terminal (under `nohup`, a scheduler or a pipe).
///
/// The run listens on a Unix domain socket in its log directory, `attach.sock` (owner
/// only, mode 0600; never a network port; removed when training ends; a stale one left
/// by a killed run is replaced). When the log directory's path is too long for a socket
/// address, the socket goes to `$XDG_RUNTIME_DIR` or `/tmp` and `attach.sock.path` in
/// the log directory says where (``AttachLocation``); the log says so too.
///
/// The commands are the ``InjectShell`` console's (`stats`, `history`, `vars`, `get`,
/// `set`, `save`, `validate`, `stop`, `help`), plus `pause`, `continue` and `detach`.
/// They run at the next step boundary on the training thread (the socket thread only
/// queues them and waits for their replies), so attaching does not stop training unless
/// asked: `pause` holds training at a step boundary until `continue`, `detach` or the
/// client leaving. One client at a time: a second one is told the run is busy and to try
/// again later. A client that disconnects before its command ran changes nothing.
///
/// Hooks to connect, as for ``InjectShell``: ``saveCheckpoint`` (`save`) and
/// ``runValidation`` (`validate`). Without a log directory the callback does nothing.
public final class AttachConsole: Callback {
    /// Saves a checkpoint now and returns its location; connect it to the saver.
    public var saveCheckpoint: (() throws -> URL)?
    /// Runs the validation (inference runners) now; connect it to the runners.
    public var runValidation: (() throws -> Void)?
    /// The socket path clients connect to, while listening.
    public private(set) var socketPath: String?
    let user: UInt32
    var context: TrainerContext?
    var server: AttachServer?
    var pausedBy: Int?

    /// Creates the console; it listens from `beforeTrain` to `afterTrain`.
    public convenience init() { self.init(user: UInt32(geteuid())) }

    /// Creates a console that lets only `user` attach.
    init(user: UInt32) { self.user = user }

    public var stepEvents: StepEvents { [.triggerStep] }

    public func setUp(_ context: TrainerContext) throws { self.context = context }

    public func beforeTrain() throws {
        guard let context, let directory = context.logDirectory else { return }
        let location = AttachLocation.serverPath(logDirectory: directory, variables: context.environment.variables)
        let pathFile = directory.appendingPathComponent(AttachLocation.pathFileName)
        do {
            let (descriptor, replacedStale) = try AttachLocation.listenPrivately(at: location.path)
            do {
                let server = try AttachServer(listener: descriptor, user: user)
                if location.outside { try AtomicFile.write(location.path + "\n", to: pathFile) } else { try? FileManager.default.removeItem(at: pathFile) }
                server.start()
                self.server = server
            } catch {
                close(descriptor)
                unlink(location.path)
                throw AttachError.setUp(path: location.path, reason: "\(error)")
            }
            socketPath = location.path
            if replacedStale { context.logger.info("AttachConsole: replaced the stale socket \(location.path) of a run that is gone") }
            if location.outside {
                context.logger.info("""
                    AttachConsole: the log directory's path is too long for a socket address \
                    (\(UnixSocket.maximumPathBytes) bytes at most); listening on \(location.path) instead, written in \(pathFile.path)
                    """)
            }
            context.logger.info("AttachConsole: listening on \(location.path); attach with: loom attach \(directory.path)")
        } catch {
            context.logger.warning("AttachConsole: \(error); training goes on without loom attach")
        }
    }

    public func triggerStep() throws {
        if let server, server.mailbox.hasWork { try serve(server) }
    }

    public func trigger() throws {
        if let server, server.mailbox.hasWork { try serve(server) }
    }

    public func afterTrain() throws {
        guard let server else { return }
        self.server = nil
        let ending = context?.failure == nil ? "Training has ended" : "Training failed"
        server.stop(replying: AttachMailbox.Reply(text: "\(ending); nothing was done.", closes: true))
        for note in server.mailbox.take().notes { context?.logger.info("\(note)") }
        if let socketPath { unlink(socketPath) }
        if let directory = context?.logDirectory {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(AttachLocation.pathFileName))
        }
        socketPath = nil
    }

    /// The number of connections closed so far (tests wait on it).
    var closedConnections: Int { server?.closedConnections.load(ordering: .sequentiallyConsistent) ?? 0 }
}
