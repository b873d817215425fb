import Foundation

extension Trainer {
    /// Prepares the log directory, sets up and orders the callbacks, restores state.
    func setUp() throws {
        guard config.stepsPerEpoch >= 0 else {
            throw TrainerError.invalidConfiguration("stepsPerEpoch must be 0 or more, got \(config.stepsPerEpoch)")
        }
        guard loop.startEpoch >= 1 else {
            throw TrainerError.invalidConfiguration("startEpoch is 1-based and must be at least 1, got \(loop.startEpoch)")
        }
        logDirectory = try prepareLogDirectory()
        if let logDirectory {
            try logFile.open(logDirectory.appendingPathComponent("log.log"))
            logger.info("Log directory: \(logDirectory.path)")
        }

        var registered: [any Callback] = []
        for callback in config.callbacks + config.extraCallbacks {
            if callback is any Monitor {
                throw TrainerError.invalidConfiguration("\(callback.name) is a monitor; pass it in `monitors`, not in `callbacks`")
            }
            registered.append(callback)
        }
        registered += config.monitors.map { $0 as any Callback }
        if !loop.isChief {
            for callback in registered where callback.chiefOnly {
                logger.warning("\(callback.name) runs only on the chief; skipped on this process")
            }
            registered = registered.filter { !$0.chiefOnly }
        }
        monitors.setMonitors(config.monitors.filter { loop.isChief || !$0.chiefOnly })

        let context = TrainerContext(
            loop: loop, monitors: monitors, hyperparameters: Hyperparameters(backend: config.backend),
            logger: logger, logDirectory: logDirectory, environment: config.environment, backend: config.backend,
            fileWriter: fileWriter)
        context.trainer = self
        self.context = context
        for callback in registered { try callback.setUp(context) }

        callbacks = try StatOrdering.order(registered, logger: logger)
        try checkStateKeys()
        if let state = pendingState { try importState(state) }
        stepLists = (StepEventList(callbacks, implementing: .beforeStep), StepEventList(callbacks, implementing: .afterStep),
                     StepEventList(callbacks, implementing: .triggerStep))
        profile = CallbackProfile(callbacks: callbacks, stepsProfiled: config.profilesCallbacks)
        timingObserver = callbacks.unwrapped.lazy.compactMap { $0 as? any EventTimingObserver }.first
        logger.debug("\(describeLoop())")
    }

    private func checkStateKeys() throws {
        var owners: [String: [String]] = [:]
        for case let callback as any StatefulCallback in callbacks.unwrapped { owners[callback.stateKey, default: []].append(callback.name) }
        if let (key, names) = owners.first(where: { $0.value.count > 1 }) {
            throw TrainerError.duplicateStateKey(key, callbacks: names)
        }
    }

    /// Restores every stateful callback's state and the monitors' history from `state`
    /// (not the counters, not the hyperparameters): a rollback to a checkpoint mid-run.
    func restoreCallbackStates(_ state: TrainingState) throws {
        for case let callback as any StatefulCallback in callbacks.unwrapped {
            if let saved = state.callbacks[callback.stateKey] { try callback.importState(saved) }
        }
        try monitors.importState(state.monitors)
    }

    private func importState(_ state: TrainingState) throws {
        let known = Set(config.backend.hyperparameterNames)
        for (name, value) in state.hyperparameters.sorted(by: { $0.key < $1.key }) {
            if known.contains(name) {
                try config.backend.setHyperparameter(name, to: value)
            } else {
                logger.warning("Saved hyperparameter '\(name)' is not one of the backend's; ignored")
            }
        }
        var unused = Set(state.callbacks.keys)
        for case let callback as any StatefulCallback in callbacks.unwrapped {
            if let saved = state.callbacks[callback.stateKey] {
                try callback.importState(saved)
                unused.remove(callback.stateKey)
            } else {
                logger.warning("No saved state for \(callback.name) (key '\(callback.stateKey)'); it starts fresh")
            }
        }
        for key in unused.sorted() { logger.warning("Saved state '\(key)' matches no callback of this run; ignored") }
        try monitors.importState(state.monitors)
        logger.info("Resuming at epoch \(loop.startEpoch), global_step \(loop.globalStep)")
    }

    /// Resolves the log directory and applies the configured action when it is not empty.
    private func prepareLogDirectory() throws -> URL? {
        let fileManager = FileManager.default
        let root = config.environment.root
        let url: URL
        switch config.logLocation {
        case .none: return nil
        case .automatic: url = root.appendingPathComponent("train_log").appendingPathComponent(config.name)
        case let .at(path): url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        }
        let path = url.path
        func fail(_ operation: String, _ error: any Error) -> TrainerError {
            TrainerError.logDirectory(path: path, operation: operation, reason: "\(error)")
        }
        let contents = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
        // Take the existing directory's lock before touching anything in it.
        var lock = contents.isEmpty ? nil : try LogDirectoryLock(directory: url)
        if !contents.isEmpty && !isResuming {
            switch config.logDirectoryAction {
            case .refuse:
                throw TrainerError.logDirectoryNotEmpty(path: path)
            case .keep:
                logger.info("Log directory \(path) exists; keeping its files")
            case .delete, .forceDelete:
                let foreign = LogDirectoryContents.foreignEntries(in: url)
                if config.logDirectoryAction == .delete, !foreign.isEmpty {
                    throw TrainerError.notALoomLogDirectory(path: path, foreign: foreign)
                }
                do { try fileManager.removeItem(atPath: path) } catch { throw fail("delete", error) }
                lock = nil
                logger.info("Deleted the old log directory \(path)")
            case .backUp:
                let stamp = Formatting.timestamp(config.environment.clock.wallTime(), timeZone: config.environment.timeZone)
                var backup = path + "." + stamp
                var index = 1
                while fileManager.fileExists(atPath: backup) { backup = path + "." + stamp + "-\(index)"; index += 1 }
                do { try fileManager.moveItem(atPath: path, toPath: backup) } catch { throw fail("back up", error) }
                lock = nil
                logger.info("Moved the old log directory to \(backup)")
            }
        }
        do { try fileManager.createDirectory(at: url, withIntermediateDirectories: true) } catch { throw fail("create", error) }
        let held = try lock ?? LogDirectoryLock(directory: url)
        held.describe(holder: lockHolder(), in: url)
        directoryLock = held
        let stale = LogDirectoryContents.removeStaleTemporaryFiles(in: url)
        if !stale.isEmpty {
            logger.warning("Removed \(stale.count) temporary file(s) left by an interrupted write: \(stale.joined(separator: ", "))")
        }
        return url
    }

    /// Who holds the log directory, as a second run reports it.
    private func lockHolder() -> String {
        let started = Formatting.timestamp(config.environment.clock.wallTime(), timeZone: config.environment.timeZone)
        return "process \(ProcessInfo.processInfo.processIdentifier) on \(ProcessInfo.processInfo.hostName), started \(started)"
    }
}
