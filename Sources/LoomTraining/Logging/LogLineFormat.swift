import Foundation
import Logging
import Synchronization

/// Loom's log line layout, as tensorpack prints it: `[0412 10:11:12] message`, with
/// `WRN `, `ERR ` or `DBG ` before the message for those levels. Each line of a
/// multi-line message is stamped. Shared by ``OutputSinkLogHandler`` and ``LogFileHandler``.
struct LogLineFormat: Sendable {
    private let calendar: Calendar
    /// The last stamp made, by whole second: lines come in bursts (an epoch's stats), and
    /// a calendar breakdown costs microseconds.
    private let lastStamp = LastStamp()

    /// Stamps lines with wall times in `timeZone`.
    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The tag before the message: `DBG ` (trace, debug), none (info, notice), `WRN `, `ERR ` (error, critical).
    static func tag(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: return "DBG "
        case .info, .notice: return ""
        case .warning: return "WRN "
        case .error, .critical: return "ERR "
        }
    }

    /// The `MMdd HH:mm:ss` stamp of `wallTime` (seconds since 1970).
    func stamp(_ wallTime: Double) -> String {
        let second = wallTime.rounded(.down)
        if let text = lastStamp.text(second: second) { return text }
        let text = breakdown(second)
        lastStamp.keep(text, second: second)
        return text
    }

    private func breakdown(_ wallTime: Double) -> String {
        let parts = calendar.dateComponents([.month, .day, .hour, .minute, .second],
                                            from: Date(timeIntervalSince1970: wallTime))
        let two = Formatting.twoDigits
        return "\(two(parts.month))\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    /// The text of `message` at `level` stamped with `wallTime`, one `\n`-terminated line per line of the message.
    func text(_ level: Logger.Level, _ message: String, wallTime: Double) -> String {
        let prefix = "[\(stamp(wallTime))] \(Self.tag(level))"
        var text = ""
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            text += prefix + line + "\n"
        }
        return text
    }
}

/// The most recent stamp and its second, shared by the copies of a format.
private final class LastStamp: Sendable {
    private let state = Mutex<(second: Double, text: String)?>(nil)

    func text(second: Double) -> String? {
        state.withLock { $0?.second == second ? $0?.text : nil }
    }

    func keep(_ text: String, second: Double) {
        state.withLock { $0 = (second, text) }
    }
}
