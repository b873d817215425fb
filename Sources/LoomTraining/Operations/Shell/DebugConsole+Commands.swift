import Foundation

extension DebugConsole {
    func showStats() {
        let names = context.monitors.statNames
        if names.isEmpty { return say("No stats yet.") }
        for name in names {
            if let point = context.monitors.latestPoint(name) {
                say("\(name): \(Self.number(point.value)) (global_step \(point.globalStep))")
            }
        }
    }

    func showHistory(_ arguments: [String]) {
        guard arguments.count == 1, let name = arguments.first else { return say("Usage: history NAME") }
        let points = context.monitors.history(name)
        guard !points.isEmpty else {
            let known = context.monitors.statNames
            let hint = NameSuggestion.closest(to: name, in: known).map { " Did you mean '\($0)'?" } ?? ""
            return say("No stat '\(name)'.\(hint) Known: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
        }
        for point in points { say("\(point.globalStep) \(Self.number(point.value))") }
    }

    func showVariables() {
        let arrays: [NamedArray]
        do { arrays = try context.backend.exportState() } catch { return say("Cannot read the variables: \(error)") }
        if arrays.isEmpty { return say("The backend exports no variables.") }
        for array in arrays {
            var sumSquares = 0.0
            var low = Double.infinity, high = -Double.infinity
            for value in array.values {
                let number = Double(value)
                sumSquares += number * number
                low = Swift.min(low, number)
                high = Swift.max(high, number)
            }
            let shape = "[" + array.shape.map(String.init).joined(separator: ", ") + "]"
            let range = array.values.isEmpty ? "min=- max=-" : "min=\(Self.number(low)) max=\(Self.number(high))"
            say("\(array.name) shape=\(shape) norm=\(Self.number(sumSquares.squareRoot())) \(range)")
        }
    }

    func getHyperparameters(_ arguments: [String]) {
        let names = arguments.isEmpty ? context.hyperparameters.names : arguments
        if names.isEmpty { return say("The backend has no hyperparameters.") }
        for name in names {
            do { say("\(name) = \(Self.number(try context.hyperparameters.value(name)))") } catch { say("\(error)") }
        }
    }

    func setHyperparameter(_ arguments: [String]) {
        guard arguments.count == 2 else { return say("Usage: set NAME VALUE") }
        let name = arguments[0]
        guard let value = Double(arguments[1]), value.isFinite else {
            return say("'\(arguments[1])' is not a finite number; nothing changed.")
        }
        do {
            let old = try context.hyperparameters.value(name)
            try context.hyperparameters.set(name, to: value)
            try context.monitors.put(scalar: value, name: name)
            context.logger.info("\(owner): set \(name) from \(Self.number(old)) to \(Self.number(value))")
            say("\(name) = \(Self.number(value)) (was \(Self.number(old)))")
        } catch {
            say("\(error)")
        }
    }

    func showProfile() {
        guard let profile = context.trainer?.callbackProfileSoFar() else { return say("No profile yet: training has not started.") }
        say(profile.table())
    }

    func save() {
        guard let saveCheckpoint else {
            return say("Saving is unavailable: no checkpoint saver is connected to \(owner) (set its saveCheckpoint hook).")
        }
        do {
            let url = try saveCheckpoint()
            context.logger.info("\(owner): saved a checkpoint at \(url.path)")
            say("Saved \(url.path)")
        } catch {
            say("Saving failed: \(error)")
        }
    }

    func validate() {
        guard let runValidation else {
            return say("Validation is unavailable: no validation runner is connected to \(owner) (set its runValidation hook).")
        }
        do {
            try runValidation()
            say("Validation finished; 'stats' shows the new values.")
        } catch {
            say("Validation failed: \(error)")
        }
    }
}
