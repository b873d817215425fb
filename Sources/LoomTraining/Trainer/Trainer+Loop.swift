import Foundation
extension Trainer {
    /// The epochs and steps. A ``StopTraining`` thrown by a callback is recorded and takes
    /// effect once the current step (or epoch-level event) finished for every callback;
    /// any other error leaves at once.
    func runLoop() throws -> TrainingOutcome {
        let backend = config.backend
        let clock = config.environment.clock
        let profiles = config.profilesCallbacks
        var stop: StopTraining?
        var request = StepRequest()
        request.fetches.reserveCapacity(16)
        let (lists, observer) = (stepLists, timingObserver)

        var trainTimings = Array(repeating: 0.0, count: callbacks.count)
        try epochLevelRound(&stop) { try dispatchTimed(&$0, &trainTimings, .beforeTrain) { try $0.beforeTrain() } }
        if let stop { return finish(stop) }
        if loop.startEpoch > loop.maxEpoch {
            logger.info("Nothing to train: startEpoch \(loop.startEpoch) is after maxEpoch \(loop.maxEpoch)")
        }
        var epoch = loop.startEpoch
        while epoch <= loop.maxEpoch {
            loop.epochNumber = epoch
            loop.localStep = -1
            logger.info("Start Epoch \(epoch) ...")
            let epochStart = clock.now()
            var timings = Array(repeating: 0.0, count: callbacks.count)
            try dispatchTimed(&stop, &timings, .beforeEpoch) { try $0.beforeEpoch() }
            if let stop { return finish(stop) }

            // A run resumed from a mid-epoch checkpoint continues that epoch where it stopped.
            var step = epoch == loop.startEpoch ? min(loop.startStepsIntoEpoch, loop.stepsPerEpoch) : 0
            let (stepsStart, firstStep) = (clock.now(), loop.globalStep)
            stepsInProgress = (stepsStart, firstStep)
            do {
                defer {
                    stepsInProgress = nil
                    profile.steps.seconds += clock.now() - stepsStart
                    profile.steps.calls &+= loop.globalStep &- firstStep
                }
                while step < loop.stepsPerEpoch {
                    loop.localStep = step
                    request.reset()
                    if let observer, observer.wantsTiming(ofStep: loop.globalStep &+ 1) {
                        try runTimedStep(&request, &stop, lists, observer)
                    } else if profiles {
                        try runTimedStep(&request, &stop, lists, nil)
                    } else {
                        try lists.before.forEach { callback, _ in
                            do { try callback.beforeStep(&request) } catch let signal as StopTraining { stop = signal }
                        }
                        let outputs = try backend.runStep(request)
                        loop.globalStep &+= 1
                        try lists.after.forEach { callback, _ in
                            do { try callback.afterStep(outputs) } catch let signal as StopTraining { stop = signal }
                        }
                        // Actions deferred by a step's callbacks (a step-based save) run after every
                        // triggerStep, so a checkpoint comes after that step's stats.json flush.
                        try epochLevelRound(&stop) { stop in
                            try lists.trigger.forEach { callback, _ in
                                do { try callback.triggerStep() } catch let signal as StopTraining { stop = signal }
                            }
                        }
                    }
                    if let stop { return finish(stop) }
                    if interruptFlag.isRequested { return finishInterrupted() }
                    step &+= 1
                }
            }

            try dispatchTimed(&stop, &timings, .afterEpoch) { try $0.afterEpoch() }
            let seconds = clock.now() - epochStart
            epochSeconds.append(seconds)
            logger.info("Epoch \(epoch) (global_step \(loop.globalStep)) finished, time: \(Formatting.humanDuration(seconds)).")
            try epochLevelRound(&stop) { try dispatchTimed(&$0, &timings, .triggerEpoch) { try $0.triggerEpoch() } }
            reportSlowCallbacks(timings)
            if let stop { return finish(stop) }
            if interruptFlag.isRequested { return finishInterrupted() }
            epoch += 1
        }
        return .completed
    }

    private func finish(_ stop: StopTraining) -> TrainingOutcome {
        logger.info("Training was stopped at global_step=\(loop.globalStep): \(stop.reason)")
        return .stopped(stop.reason)
    }

    private func finishInterrupted() -> TrainingOutcome {
        let cause = switch interruptFlag.signal {
        case SIGINT: "Detected Ctrl-C"
        case let signal?: "Received signal \(signal) (\(signal == SIGTERM ? "SIGTERM" : "a stop request"))"
        case nil: "Interrupted"
        }
        logger.warning("\(cause); stopped after global_step=\(loop.globalStep) and exiting the main loop.")
        return .interrupted
    }

    /// Runs `body` (the callback's `event`) on every callback, recording a stop signal and
    /// going on, and adding each callback's time to `timings` and the profile.
    private func dispatchTimed(_ stop: inout StopTraining?, _ timings: inout [Double], _ event: CallbackProfile.Event,
                               _ body: (any Callback) throws -> Void) throws {
        let clock = config.environment.clock
        for (index, callback) in callbacks.enumerated() {
            let start = clock.now()
            do { try body(callback) } catch let signal as StopTraining { stop = signal }
            let seconds = clock.now() - start
            timings[index] += seconds
            profile.add(seconds, event: event, row: index)
        }
    }

    /// tensorpack's rule: when callbacks took 2 s or more in an epoch, name those that
    /// took over 1 s and over 30 % of the total.
    private func reportSlowCallbacks(_ timings: [Double]) {
        let total = timings.reduce(0, +)
        guard total >= 2 else { return }
        var message = "Callbacks took \(String(format: "%.3f", total)) sec in total."
        for (index, seconds) in timings.enumerated() where seconds > 1 && seconds > 0.3 * total {
            message += " \(callbacks[index].name): \(String(format: "%.3f", seconds)) sec."
        }
        logger.info("\(message)")
    }
}
