/// Makes a callback run less often (tensorpack `PeriodicCallback`): an
/// ``EnableCallbackIf`` whose predicate holds when `globalStep % everySteps == 0`, or
/// `epochNumber % everyEpochs == 0`, or (with `everyEpochs`) at the last step of the last epoch.
public func PeriodicCallback(_ callback: any Callback, everySteps: Int? = nil, everyEpochs: Int? = nil) -> EnableCallbackIf {
    precondition(everySteps != nil || everyEpochs != nil, "PeriodicCallback: give everySteps or everyEpochs")
    precondition((everySteps ?? 1) > 0 && (everyEpochs ?? 1) > 0, "PeriodicCallback: periods must be positive")
    return EnableCallbackIf(callback) { loop in
        if let everySteps, loop.globalStep % everySteps == 0 { return true }
        if let everyEpochs {
            if loop.epochNumber % everyEpochs == 0 { return true }
            if loop.isLastStepOfEpoch && loop.isLastEpoch { return true }
        }
        return false
    }
}
