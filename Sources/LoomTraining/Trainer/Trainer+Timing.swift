extension Trainer {
    /// One step like the plain one in ``runLoop()`` (same order, same stop handling),
    /// with every event timed for `observer` (when given) and for the profile (when
    /// ``TrainConfig/profilesCallbacks`` is on).
    func runTimedStep(_ request: inout StepRequest, _ stop: inout StopTraining?, _ observer: (any EventTimingObserver)?) throws {
        let clock = config.environment.clock
        let profiles = config.profilesCallbacks
        func record(_ event: CallbackProfile.Event, _ row: Int, _ callback: any Callback, _ start: Double) {
            let end = clock.now()
            if profiles { profile.add(end - start, event: event, row: row) }
            observer?.recordTiming(event: event.name, callback: callback.name, start: start, end: end)
        }
        let stepStart = clock.now()
        for (row, callback) in zip(stepRows.before, beforeStepList) {
            let start = clock.now()
            do { try callback.beforeStep(&request) } catch let signal as StopTraining { stop = signal }
            record(.beforeStep, row, callback, start)
        }
        let start = clock.now()
        let outputs = try config.backend.runStep(request)
        let end = clock.now()
        if profiles { profile.backendSteps.add(end - start) }
        observer?.recordTiming(event: "runStep", callback: nil, start: start, end: end)
        loop.globalStep &+= 1
        for (row, callback) in zip(stepRows.after, afterStepList) {
            let start = clock.now()
            do { try callback.afterStep(outputs) } catch let signal as StopTraining { stop = signal }
            record(.afterStep, row, callback, start)
        }
        try epochLevelRound(&stop) { stop in
            for (row, callback) in zip(stepRows.trigger, triggerStepList) {
                let start = clock.now()
                do { try callback.triggerStep() } catch let signal as StopTraining { stop = signal }
                record(.triggerStep, row, callback, start)
            }
        }
        observer?.timedStepFinished(globalStep: loop.globalStep, start: stepStart, end: clock.now())
    }
}
