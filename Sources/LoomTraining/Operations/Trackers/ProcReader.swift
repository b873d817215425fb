import Foundation

/// Reads the Linux `/proc` files the host tracker needs, under an injectable root.
struct ProcReader {
    /// The `/proc` directory (a fake one in tests).
    let root: URL

    /// CPU time of the process, in clock ticks: `utime + stime` of `self/stat`.
    func processTicks() throws(ProcReadError) -> Double {
        let text = try read("self/stat")
        // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
        guard let close = text.lastIndex(of: ")") else { throw ProcReadError(file: path("self/stat"), reason: "no ')' after the command name") }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw ProcReadError(file: path("self/stat"), reason: "fields 14-15 (utime, stime) are missing")
        }
        return user + system
    }

    /// The machine's CPU time in ticks: (busy, total) from the `cpu` line of `stat`, where
    /// idle means `idle + iowait`.
    func machineTicks() throws(ProcReadError) -> (busy: Double, total: Double) {
        let text = try read("stat")
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else {
            throw ProcReadError(file: path("stat"), reason: "no 'cpu' line")
        }
        let values = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard values.count >= 4 else { throw ProcReadError(file: path("stat"), reason: "the 'cpu' line has fewer than 4 numbers") }
        // user nice system idle iowait irq softirq steal [guest guest_nice: already in user/nice]
        let total = values.prefix(8).reduce(0, +)
        let idle = values[3] + (values.count > 4 ? values[4] : 0)
        return (total - idle, total)
    }

    /// `VmRSS` and `VmHWM` of `self/status`, in kB.
    func memory() throws(ProcReadError) -> (resident: Double, peak: Double) {
        let text = try read("self/status")
        func field(_ key: String) throws(ProcReadError) -> Double {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }),
                  let value = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Double($0) }) else {
                throw ProcReadError(file: path("self/status"), reason: "no '\(key):' line")
            }
            return value
        }
        return (try field("VmRSS"), try field("VmHWM"))
    }

    private func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    private func read(_ relative: String) throws(ProcReadError) -> String {
        guard let data = FileManager.default.contents(atPath: path(relative)) else {
            throw ProcReadError(file: path(relative), reason: "cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A `/proc` file was missing or not as expected.
struct ProcReadError: Error, Equatable, CustomStringConvertible {
    var file: String
    var reason: String
    var description: String { "\(file) \(reason)" }
}
