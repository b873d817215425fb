extension SendStat {
    /// The distinct `{stat-name}` placeholders of `command`, in order of first use, or nil
    /// when the command has an unclosed `{` or a lone `}` (`{{` and `}}` are literal braces).
    /// A command-line tool passes them as `stats:` so a user's command reads what it names.
    public static func placeholders(in command: String) -> [String]? {
        (try? CommandTemplate(parsing: command))?.placeholders
    }
}
