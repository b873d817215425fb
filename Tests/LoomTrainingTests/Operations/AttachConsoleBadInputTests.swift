import Foundation
import Synchronization
import Testing
@testable import LoomTraining
import LoomTestSupport

/// `loom attach` against bad input: a client that leaves mid-command, a log directory too
/// deep for a socket address, another user, a stale socket, something else in the way.
@Suite struct AttachConsoleBadInputTests {
    /// Lets the client hold training at a step boundary while it acts.
    final class Hold: Sendable {
        let requested = Atomic<Bool>(false)
        let holding = Atomic<Bool>(false)
    }

    @Test func aClientLeavingBeforeItsCommandRanChangesNothing() throws {
        let harness = try Harness()
        let log = harness.root.appendingPathComponent("log")
        let hold = Hold()
        let client = BackgroundClient(logDirectory: log) { connect, record in
            let client = try connect()
            hold.requested.store(true, ordering: .sequentiallyConsistent)
            while !hold.holding.load(ordering: .sequentiallyConsistent) { usleep(1_000) }
            // A whole command and half of another, then gone before the next step boundary.
            client.writeRaw("set learning_rate 9\nsto")
            client.close()
            record("left")
        }
        let console = AttachConsole()
        let gate = LambdaCallback(name: "Gate", triggerStep: { _ in
            guard hold.requested.load(ordering: .sequentiallyConsistent), !hold.holding.load(ordering: .sequentiallyConsistent) else { return }
            hold.holding.store(true, ordering: .sequentiallyConsistent)
            let deadline = Date().addingTimeInterval(10)
            while console.closedConnections < 1, Date() < deadline { usleep(1_000) }
        })
        let backend = slowBackend()
        let result = try Trainer(harness.config(backend, callbacks: [gate, console], stepsPerEpoch: 3, maxEpoch: 100,
                                                logLocation: .at("log"), action: .keep)).train()
        #expect(client.transcript() == ["left"])
        #expect(result.outcome == .completed)
        #expect(backend.hyperparameters["learning_rate"] == 0.1)
        #expect(harness.messages.contains("AttachConsole: the client left before 'set learning_rate 9' ran; nothing was done"))
        #expect(!harness.messages.contains { $0.contains("stop requested") })
    }

    @Test func aLogDirectoryTooDeepForASocketAddressListensOnAShortPathItNames() throws {
        let harness = try Harness()
        let runtime = try TemporaryDirectory(prefix: "rt")
        let deep = "log/" + String(repeating: "d", count: 110)
        let log = harness.root.appendingPathComponent(deep)
        let variables = ["XDG_RUNTIME_DIR": runtime.url.path]
        let expected = AttachLocation.serverPath(logDirectory: log, variables: variables).path
        #expect(log.appendingPathComponent("attach.sock").path.utf8.count > UnixSocket.maximumPathBytes)
        #expect(expected.hasPrefix(runtime.url.path + "/loom-\(geteuid())-") && expected.hasSuffix(".sock"))
        #expect(AttachLocation.serverPath(logDirectory: log, variables: [:]).path.hasPrefix("/tmp/loom-\(geteuid())-"))
        let pathFile = log.appendingPathComponent("attach.sock.path")
        let client = BackgroundClient(logDirectory: log) { connect, record in
            let client = try connect()
            record(client.socketPath)
            record(try String(contentsOf: pathFile, encoding: .utf8))
            record("mode \(String(permissions(client.socketPath) ?? 0, radix: 8))")
            record(try client.send("stop").lines.joined())
        }
        let result = try Trainer(harness.config(slowBackend(), callbacks: [AttachConsole()], maxEpoch: 1000, logLocation: .at(deep),
                                                action: .keep, variables: variables)).train()
        #expect(result.outcome == .stopped("stopped from loom attach"))
        #expect(client.transcript() == [expected, expected + "\n", "mode 600", "Training will stop."])
        #expect(harness.messages.contains("AttachConsole: the log directory's path is too long for a socket address "
            + "(107 bytes at most); listening on \(expected) instead, written in \(pathFile.path)"))
        #expect(!FileManager.default.fileExists(atPath: expected))
        #expect(!FileManager.default.fileExists(atPath: pathFile.path))
    }

    @Test func aClientOfAnotherUserIsRefused() throws {
        let harness = try Harness()
        let log = harness.root.appendingPathComponent("log")
        let client = BackgroundClient(logDirectory: log) { connect, record in
            do {
                _ = try connect()
                record("attached")
            } catch {
                record("\(error)")
            }
        }
        let other = UInt32(geteuid()) &+ 1
        let console = AttachConsole(user: other)
        let result = try Trainer(harness.config(slowBackend(), callbacks: [console, stopAfter(client)], maxEpoch: 1000,
                                                logLocation: .at("log"), action: .keep)).train()
        #expect(result.outcome == .stopped("the client finished"))
        #expect(client.transcript() == ["refused: this run belongs to user \(other); attach as that user."])
        #expect(harness.messages.contains("AttachConsole: refused a client of user \(geteuid()), process \(getpid()): only user \(other) may attach"))
    }

    @Test func aStaleSocketIsReplacedAndAnythingElseLeftAlone() throws {
        let harness = try Harness()
        let log = harness.root.appendingPathComponent("log")
        try FileManager.default.createDirectory(at: log, withIntermediateDirectories: true)
        let socket = log.appendingPathComponent("attach.sock")
        close(try UnixSocket.listen(at: socket.path).get())  // the run that listened is gone
        #expect(UnixSocket.connect(to: socket.path) == .failure(SocketFailure(code: ECONNREFUSED)))
        let client = BackgroundClient(logDirectory: log) { connect, record in
            // The stale socket is there from the start: connecting is refused until the run replaced it.
            var refusals = 0
            while true {
                do {
                    let client = try connect()
                    record(try client.send("stop").lines.joined())
                    break
                } catch AttachError.notListening {
                    refusals += 1
                    if refusals > 2_000 { throw AttachError.connectionClosed }
                    usleep(5_000)
                }
            }
        }
        let result = try Trainer(harness.config(slowBackend(), callbacks: [AttachConsole()], maxEpoch: 1000,
                                                logLocation: .at("log"), action: .keep)).train()
        #expect(result.outcome == .stopped("stopped from loom attach"))
        #expect(client.transcript() == ["Training will stop."])
        #expect(harness.messages.contains("AttachConsole: replaced the stale socket \(socket.path) of a run that is gone"))

        try Data("notes".utf8).write(to: socket)
        let second = try Trainer(harness.config(OperationsBackend(), callbacks: [AttachConsole()], logLocation: .at("log"), action: .keep)).train()
        #expect(second.outcome == .completed)
        #expect(harness.messages.contains("WRN AttachConsole: cannot listen for loom attach at \(socket.path): something that is not a socket "
            + "is there; remove it; training goes on without loom attach"))
        #expect(try String(contentsOf: socket, encoding: .utf8) == "notes")
    }
}
