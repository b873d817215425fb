extension Trainer {
    /// One step like the plain one in ``runLoop()`` (same order, same stop handling),
    /// with every event timed for `observer`.
    func runTimedStep(_ request: inout StepRequest, _ stop: inout StopTraining?, _ observer: any EventTimingObserver) throws {
        let clock = config.environment.clock
        let stepStart = clock.now()
        for callback in beforeStepList {
            let start = clock.now()
            do { try callback.beforeStep(&request) } catch let signal as StopTraining { stop = signal }
            observer.recordTiming(event: "beforeStep", callback: callback.name, start: start, end: clock.now())
        }
        let start = clock.now()
        let outputs = try config.backend.runStep(request)
        observer.recordTiming(event: "runStep", callback: nil, start: start, end: clock.now())
        loop.globalStep &+= 1
        for callback in afterStepList {
            let start = clock.now()
            do { try callback.afterStep(outputs) } catch let signal as StopTraining { stop = signal }
            observer.recordTiming(event: "afterStep", callback: callback.name, start: start, end: clock.now())
        }
        try epochLevelRound(&stop) { stop in
            for callback in triggerStepList {
                let start = clock.now()
                do { try callback.triggerStep() } catch let signal as StopTraining { stop = signal }
                observer.recordTiming(event: "triggerStep", callback: callback.name, start: start, end: clock.now())
            }
        }
        observer.timedStepFinished(globalStep: loop.globalStep, start: stepStart, end: clock.now())
    }
}
