import Foundation

/// Logs the latest value of each scalar, sorted by name, as `name: value` with 5
/// significant digits (Python's `{:.5g}`), every epoch and optionally after every step
/// but an epoch's last (tensorpack `ScalarPrinter`). Names are filtered by regular
/// expressions with search semantics (a match anywhere): with a whitelist only matching
/// names print; a blacklist match never prints.
public final class ScalarPrinter: Monitor {
    private let enableStep: Bool
    private let enableEpoch: Bool
    private let whitelistPatterns: [String]?
    private let blacklistPatterns: [String]
    private var whitelist: [NSRegularExpression]?
    private var blacklist: [NSRegularExpression] = []
    private var context: TrainerContext?
    private var latest: [String: Double] = [:]

    /// Creates a printer.
    /// - Parameters:
    ///   - enableStep: also print after every step but an epoch's last.
    ///   - enableEpoch: print after every epoch.
    ///   - whitelist: patterns a name must match (`nil`: all names).
    ///   - blacklist: patterns that exclude a name.
    public init(enableStep: Bool = false, enableEpoch: Bool = true, whitelist: [String]? = nil, blacklist: [String] = []) {
        self.enableStep = enableStep
        self.enableEpoch = enableEpoch
        whitelistPatterns = whitelist
        blacklistPatterns = blacklist
    }

    public var stepEvents: StepEvents { enableStep ? .triggerStep : [] }

    /// - Throws: ``TrainerError/invalidConfiguration(_:)`` naming a bad pattern.
    public func setUp(_ context: TrainerContext) throws {
        self.context = context
        func compile(_ pattern: String) throws -> NSRegularExpression {
            do { return try NSRegularExpression(pattern: pattern) } catch {
                throw TrainerError.invalidConfiguration("ScalarPrinter: '\(pattern)' is not a valid regular expression")
            }
        }
        whitelist = try whitelistPatterns?.map(compile)
        blacklist = try blacklistPatterns.map(compile)
    }

    public func process(scalar value: Double, name: String, globalStep: Int) throws { latest[name] = value }

    public func triggerStep() throws {
        guard enableStep, let loop = context?.loop else { return }
        if !loop.isLastStepOfEpoch || !enableEpoch { printStats() }
    }

    public func triggerEpoch() throws { if enableEpoch { printStats() } }

    /// Whether `name` passes the filters.
    public func allows(_ name: String) -> Bool {
        func matches(_ expression: NSRegularExpression) -> Bool {
            expression.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        }
        if let whitelist, !whitelist.contains(where: matches) { return false }
        return !blacklist.contains(where: matches)
    }

    private func printStats() {
        guard let logger = context?.logger else { return }
        let names = latest.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        let lines = names.compactMap { name in
            allows(name) ? latest[name].map { "\(name): \(Formatting.significant5($0))" } : nil
        }
        // One message of one line per stat: each line is stamped, and the log gets one write.
        if !lines.isEmpty { logger.info("\(lines.joined(separator: "\n"))") }
        latest.removeAll(keepingCapacity: true)
    }
}
