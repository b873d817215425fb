import ArgumentParser

/// The check the examples' integer options share: counts must be positive.
public enum PositiveOptions {
    /// Throws for the first value that is set and below 1.
    /// - Parameter options: Each option's name (without `--`) and value (nil when not given).
    /// - Throws: `ValidationError` naming the option and the value.
    public static func check(_ options: [(name: String, value: Int?)]) throws {
        for (name, value) in options {
            if let value, value < 1 { throw ValidationError("--\(name) needs a positive integer, got \(value)") }
        }
    }
}
