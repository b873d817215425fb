import Foundation

extension AttachConsole {
    /// What running one request means for the loop.
    private enum Effect {
        case none, pause, resume, stop
    }

    static let sessionHelp = [
        "pause              hold training at this step until 'continue'",
        "continue           let paused training go on",
        "detach             leave the console (also: exit, quit); training goes on",
    ]

    /// Runs the queued requests at this step boundary; while paused, waits here for more.
    /// - Throws: ``StopTraining`` after `stop`.
    func serve(_ server: AttachServer) throws {
        guard let context else { return }
        let departures = server.mailbox.departureCount
        var stop = false
        if run(server.mailbox.take(), server: server, context: context, stop: &stop) == .pause { pausedBy = departures }
        while let client = pausedBy, !stop {
            if server.mailbox.departureCount != client {
                context.logger.info("AttachConsole: the client left while training was paused; training goes on")
                pausedBy = nil
                break
            }
            if context.trainer?.interruptFlag.isRequested == true {
                context.logger.info("AttachConsole: stop requested while paused; training goes on to stop")
                pausedBy = nil
                break
            }
            server.mailbox.waitForWork(seconds: 0.2)
            if run(server.mailbox.take(), server: server, context: context, stop: &stop) == .resume { pausedBy = nil }
        }
        if stop {
            pausedBy = nil
            throw StopTraining("stopped from loom attach")
        }
    }

    /// Runs a batch of requests; returns the last pause or resume among them.
    private func run(_ batch: AttachMailbox.Batch, server: AttachServer, context: TrainerContext, stop: inout Bool) -> Effect {
        for note in batch.notes { context.logger.info("\(note)") }
        var last = Effect.none
        for (id, request) in batch.requests {
            if stop {
                server.mailbox.answer(id, with: .init(text: "Training is stopping; nothing was done.", closes: true))
                continue
            }
            let (reply, effect) = handle(request, context: context)
            server.mailbox.answer(id, with: reply)
            switch effect {
            case .stop: stop = true
            case .pause, .resume: last = effect
            case .none: break
            }
        }
        return last
    }

    private func handle(_ request: AttachMailbox.Request, context: TrainerContext) -> (AttachMailbox.Reply, Effect) {
        let loop = context.loop
        let place = "epoch \(loop.epochNumber), global_step \(loop.globalStep)"
        let line: String
        switch request {
        case let .greeting(process):
            let run = context.logDirectory?.path ?? "this run"
            let state = pausedBy == nil ? "training goes on" : "training is paused"
            return (.init(text: "Attached to \(run) (process \(getpid()), you are process \(process)) at \(place); \(state). "
                + "Type 'help' for the commands.", closes: false), .none)
        case let .command(text): line = text
        }
        let words = DebugConsole.words(line)
        guard let command = words.first else { return (.init(text: "", closes: false), .none) }
        switch command {
        case "pause":
            if pausedBy != nil { return (.init(text: "Training is already paused at \(place).", closes: false), .none) }
            context.logger.info("AttachConsole: training paused at \(place)")
            return (.init(text: "Training paused at \(place); 'continue' lets it go on.", closes: false), .pause)
        case "continue", "c":
            guard pausedBy != nil else { return (.init(text: "Training is not paused; it goes on.", closes: false), .none) }
            context.logger.info("AttachConsole: training goes on")
            return (.init(text: "Training goes on.", closes: false), .resume)
        case "detach", "exit", "quit":
            return (.init(text: "Detached; training goes on.", closes: true), pausedBy == nil ? .none : .resume)
        default:
            let output = MemoryOutputSink()
            let console = DebugConsole(context: context, output: output, owner: "AttachConsole", sessionHelp: Self.sessionHelp,
                                       saveCheckpoint: saveCheckpoint, runValidation: runValidation)
            let outcome = console.execute(command, Array(words.dropFirst()))
            if outcome == .stop {
                context.logger.info("AttachConsole: stop requested from loom attach at \(place)")
                return (.init(text: output.text, closes: true), .stop)
            }
            return (.init(text: output.text, closes: false), .none)
        }
    }
}
