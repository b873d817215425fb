#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// The socket thread of ``AttachConsole``: accepts one client at a time on a listening
/// Unix domain socket, reads its command lines, queues each in the ``AttachMailbox`` and
/// sends back the reply the training thread posts. It never touches the trainer.
///
/// A second client while one is attached gets a `busy:` greeting and is closed; a client
/// of another user (`SO_PEERCRED`) gets `refused:`. A client that disconnects before the
/// training thread took its command withdraws it, so nothing changes.
final class AttachServer: Sendable {
    let mailbox = AttachMailbox()
    private let listener: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let user: UInt32
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// Connections closed so far, turned away ones included (tests wait on it).
    let closedConnections = Atomic<Int>(0)

    /// Serves `listener` (a listening socket it now owns) for clients of `user`.
    /// - Throws: ``SocketFailure`` when the wake-up pipe cannot be made.
    init(listener: Int32, user: UInt32) throws(SocketFailure) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw SocketFailure(code: errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        self.listener = listener
        wakeRead = ends[0]
        wakeWrite = ends[1]
        self.user = user
    }

    /// Starts the socket thread.
    func start() {
        let thread = Thread { [self] in
            acceptLoop()
            finished.signal()
        }
        thread.name = "loom-attach"
        thread.start()
    }

    /// Stops the socket thread (waiting at most `seconds`) and closes every descriptor;
    /// requests still queued get `reply`.
    func stop(replying reply: AttachMailbox.Reply, waitingAtMost seconds: Double = 5) {
        stopping.store(true, ordering: .sequentiallyConsistent)
        mailbox.close(replying: reply)
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        if finished.wait(timeout: .now() + seconds) == .success {
            close(listener)
            close(wakeRead)
            close(wakeWrite)
        }
    }

    private var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

    private func acceptLoop() {
        while !isStopping {
            let ready = UnixSocket.waitReadable([listener, wakeRead], milliseconds: -1)
            if ready.contains(wakeRead) { return }
            guard ready.contains(listener) else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            UnixSocket.limitSends(on: client, seconds: 5)
            serve(client)
        }
    }

    /// Turns away a client that connects while another is attached.
    private func turnAway() {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        UnixSocket.limitSends(on: client, seconds: 5)
        UnixSocket.send(AttachProtocol.frame(
            "\(AttachProtocol.busyPrefix) another loom attach is connected to this run (one client at a time); try again when it detaches.",
            closes: true), to: client)
        close(client)
        mailbox.note("AttachConsole: turned away a second client while one is attached")
        closedConnections.add(1, ordering: .sequentiallyConsistent)
    }

    private func serve(_ client: Int32) {
        defer {
            close(client)
            closedConnections.add(1, ordering: .sequentiallyConsistent)
        }
        guard let peer = UnixSocket.peer(of: client), peer.user == user else {
            let who = UnixSocket.peer(of: client).map { "user \($0.user), process \($0.process)" } ?? "an unknown user"
            UnixSocket.send(AttachProtocol.frame(
                "\(AttachProtocol.refusedPrefix) this run belongs to user \(user); attach as that user.", closes: true), to: client)
            mailbox.note("AttachConsole: refused a client of \(who): only user \(user) may attach")
            return
        }
        mailbox.note("AttachConsole: a client attached (process \(peer.process))")
        defer { mailbox.clientLeft() }
        guard roundTrip(.greeting(process: peer.process), client) else { return }
        var lines = LineBuffer()
        while !isStopping {
            let ready = UnixSocket.waitReadable([client, listener, wakeRead], milliseconds: -1)
            if ready.contains(wakeRead) { return }
            // The attached client first: when it left just as another connected, the
            // newcomer is served next, not turned away.
            if ready.contains(client) {
                var bytes: [UInt8] = []
                guard UnixSocket.read(client, into: &bytes) > 0 else {
                    mailbox.note("AttachConsole: the client detached")
                    return
                }
                lines.append(bytes)
            }
            if ready.contains(listener) { turnAway() }
            guard ready.contains(client) else { continue }
            while let line = lines.nextLine() {
                guard roundTrip(.command(line), client) else { return }
            }
            if lines.isOverlong {
                UnixSocket.send(AttachProtocol.frame(
                    "A command line is longer than \(AttachProtocol.maximumLineBytes) bytes; closing the connection.", closes: true), to: client)
                return
            }
        }
    }

    /// Queues `request` and sends its reply; false when the connection ends.
    private func roundTrip(_ request: AttachMailbox.Request, _ client: Int32) -> Bool {
        guard let id = mailbox.submit(request) else {
            UnixSocket.send(AttachProtocol.frame("The run is ending; nothing was done.", closes: true), to: client)
            return false
        }
        var clientGone = false
        while true {
            if let reply = mailbox.reply(to: id, waitingAtMost: 0.05) {
                if clientGone { return false }
                return UnixSocket.send(AttachProtocol.frame(reply.text, closes: reply.closes), to: client) && !reply.closes
            }
            if isStopping { return false }
            if !clientGone, UnixSocket.peerClosed(client) {
                clientGone = true
                if mailbox.withdraw(id) {
                    if case let .command(line) = request {
                        mailbox.note("AttachConsole: the client left before '\(line)' ran; nothing was done")
                    }
                    return false
                }
            }
        }
    }
}
