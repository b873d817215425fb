import ArgumentParser

/// A `--time-limit` duration: `90s`, `15m`, `2h`, `1h30m`, `1d` (units d, h, m, s, each at
/// most once and in that order; a bare number is seconds).
struct TrainDuration: Equatable {
    /// The length in seconds (positive).
    let seconds: Double
    /// The text as given.
    let argument: String

    /// Parses a duration.
    /// - Throws: `ValidationError` with the accepted forms.
    static func parse(_ text: String) throws -> TrainDuration {
        let units: [(Character, Double)] = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]
        var seconds = 0.0, number = "", next = 0
        var valid = !text.isEmpty
        for character in text where valid {
            if character.isNumber || character == "." { number.append(character); continue }
            guard let index = units[next...].firstIndex(where: { $0.0 == character }), let value = Double(number) else { valid = false; break }
            seconds += value * units[index].1
            number = ""
            next = index + 1
        }
        if valid, !number.isEmpty {
            if let value = Double(number), next == 0 { seconds = value } else { valid = false }
        }
        guard valid, seconds.isFinite, seconds > 0 else {
            throw ValidationError("'\(text)' is not a duration; write e.g. 90s, 15m, 2h or 1h30m")
        }
        return TrainDuration(seconds: seconds, argument: text)
    }
}
