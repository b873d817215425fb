/// Why state (a checkpoint's arrays, a random-generator state) could not be loaded.
public enum StateError: Error, Equatable, CustomStringConvertible {
    /// Names the model or optimizer needs that the given state lacks.
    case missing([String], available: [String])
    /// Names in the given state that the model or optimizer does not have.
    case unexpected([String], known: [String])
    /// An array whose shape differs from the one the model has.
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    /// An array whose value count does not match its own shape.
    case valueCount(name: String, shape: [Int], count: Int)
    /// A random-generator state that cannot be restored.
    case badRandomState(String)

    /// A message saying what was expected and what was found.
    public var description: String {
        switch self {
        case let .missing(names, available):
            return "state is missing \(names.count) array(s): \(names.prefix(10).joined(separator: ", ")); "
                + "it has: \(available.prefix(20).joined(separator: ", ")). Was it saved from another model?"
        case let .unexpected(names, known):
            return "state has \(names.count) array(s) this model does not: \(names.prefix(10).joined(separator: ", ")); "
                + "known names: \(known.prefix(20).joined(separator: ", ")). Pass strict: false to ignore them."
        case let .shapeMismatch(name, expected, found):
            return "state array '\(name)' has shape \(found) but the model expects \(expected); was the model built with other sizes?"
        case let .valueCount(name, shape, count):
            return "state array '\(name)' has \(count) values but its shape \(shape) needs \(shape.reduce(1, *)); the file is damaged"
        case let .badRandomState(detail):
            return "random generator state cannot be restored: \(detail)"
        }
    }
}
