/// A hyperparameter setter is misconfigured or produced an unusable value; the message
/// names the setter, the parameter and what to change.
public enum HyperParamError: Error, Equatable, CustomStringConvertible {
    /// A schedule is empty, unsorted, has duplicate or negative keys, or a non-finite value.
    case invalidSchedule(setter: String, problem: String)
    /// A setter argument is out of range (e.g. `lastK` < 1).
    case invalidArgument(setter: String, problem: String)
    /// A setter computed a non-finite value for a parameter.
    case nonFiniteValue(setter: String, param: String, value: Double)
    /// The setter needs a log directory (e.g. for `hyper.txt`) and the run has none.
    case needsLogDirectory(setter: String, file: String)

    public var description: String {
        switch self {
        case let .invalidSchedule(setter, problem):
            return "\(setter): invalid schedule: \(problem)"
        case let .invalidArgument(setter, problem):
            return "\(setter): \(problem)"
        case let .nonFiniteValue(setter, param, value):
            return "\(setter) computed \(value) for '\(param)'; a hyperparameter must be a finite number (check the schedule or function)"
        case let .needsLogDirectory(setter, file):
            return "\(setter) reads '\(file)' from the log directory, but this run has none; set `logLocation` or give an absolute path"
        }
    }
}
