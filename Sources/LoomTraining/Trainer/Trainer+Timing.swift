extension Trainer {
    /// One step like the plain one in ``runLoop()`` (same order, same stop handling, the
    /// per-step `lists` the loop holds), with every event timed for `observer` (when given) and for the profile (when
    /// ``TrainConfig/profilesCallbacks`` is on). One clock reading per event: each
    /// event's end is the next one's start.
    func runTimedStep(_ request: inout StepRequest, _ stop: inout StopTraining?, _ lists: StepEventList.PerEvent,
                      _ observer: (any EventTimingObserver)?) throws {
        let clock = config.environment.clock
        let profiles = config.profilesCallbacks
        let stepStart = clock.now()
        var mark = stepStart
        func record(_ event: CallbackProfile.Event, _ row: Int, _ callback: any Callback) {
            let end = clock.now()
            if profiles { profile.add(end - mark, event: event, row: row) }
            observer?.recordTiming(event: event.name, callback: callback.name, start: mark, end: end)
            mark = end
        }
        try lists.before.forEach { callback, row in
            do { try callback.beforeStep(&request) } catch let signal as StopTraining { stop = signal }
            record(.beforeStep, row, callback)
        }
        let outputs = try config.backend.runStep(request)
        let end = clock.now()
        if profiles { profile.backendSteps.add(end - mark) }
        observer?.recordTiming(event: "runStep", callback: nil, start: mark, end: end)
        mark = end
        loop.globalStep &+= 1
        try lists.after.forEach { callback, row in
            do { try callback.afterStep(outputs) } catch let signal as StopTraining { stop = signal }
            record(.afterStep, row, callback)
        }
        try epochLevelRound(&stop) { stop in
            try lists.trigger.forEach { callback, row in
                do { try callback.triggerStep() } catch let signal as StopTraining { stop = signal }
                record(.triggerStep, row, callback)
            }
        }
        observer?.timedStepFinished(globalStep: loop.globalStep, start: stepStart, end: clock.now())
    }
}
