#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lends the terminal to a child process group and takes it back. Foundation starts a
/// child in its own process group, and an interactive shell outside the terminal's
/// foreground group is stopped as soon as it reads; so the group is made the foreground
/// one (and continued, in case it already stopped itself), then the trainer's group is
/// restored. SIGTTOU is ignored while the trainer, then a background group, takes the
/// terminal back; its previous disposition is restored.
enum TerminalHandOver {
    /// Makes `group` the foreground group of standard input's terminal.
    /// - Returns: the previous foreground group, or `nil` when standard input is no terminal.
    static func lend(to group: pid_t) -> pid_t? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        let previous = tcgetpgrp(STDIN_FILENO)
        guard previous >= 0, tcsetpgrp(STDIN_FILENO, group) == 0 else { return nil }
        kill(-group, SIGCONT)
        return previous
    }

    /// Gives the terminal back to `group` (from ``lend(to:)``).
    static func restore(_ group: pid_t) {
        let previous = signal(SIGTTOU, SIG_IGN)
        _ = tcsetpgrp(STDIN_FILENO, group)
        signal(SIGTTOU, previous)
    }
}
