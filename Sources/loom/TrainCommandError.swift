/// Why `loom train` cannot start: printed as one line on standard error, exit code 2.
enum TrainCommandError: Error, CustomStringConvertible {
    /// Data that is missing or unreadable.
    case data(String)
    /// A model that cannot be built for the data.
    case model(String)

    var description: String {
        switch self {
        case let .data(message), let .model(message): return message
        }
    }
}
