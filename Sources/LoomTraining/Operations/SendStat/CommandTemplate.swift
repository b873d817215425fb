import Foundation

/// A shell command with `{stat-name}` placeholders (names may contain any character but
/// braces, e.g. `{val-error}`, `{GPUUtil/0}`); `{{` and `}}` stand for literal braces.
/// Placeholders are replaced by numbers only (``format(_:)``), never by outside text,
/// so the shell cannot interpret a substituted value.
struct CommandTemplate: Equatable, Sendable {
    enum Piece: Equatable, Sendable {
        case literal(String)
        case placeholder(String)
    }

    /// The pieces, in order.
    let pieces: [Piece]

    /// Parses `command`.
    /// - Throws: a reason string for an unclosed `{` or a lone `}`.
    init(parsing command: String) throws(TemplateSyntaxError) {
        var pieces: [Piece] = []
        var literal = ""
        var index = command.startIndex
        while index < command.endIndex {
            let character = command[index]
            let next = command.index(after: index)
            if character == "{" {
                if next < command.endIndex, command[next] == "{" {
                    literal.append("{")
                    index = command.index(after: next)
                    continue
                }
                guard let close = command[next...].firstIndex(where: { $0 == "}" || $0 == "{" }), command[close] == "}" else {
                    throw TemplateSyntaxError(reason: "the '{' at offset \(command.distance(from: command.startIndex, to: index)) is not closed")
                }
                let name = String(command[next..<close])
                guard !name.isEmpty else { throw TemplateSyntaxError(reason: "'{}' names no stat") }
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
                pieces.append(.placeholder(name))
                index = command.index(after: close)
            } else if character == "}" {
                guard next < command.endIndex, command[next] == "}" else {
                    throw TemplateSyntaxError(reason: "the '}' at offset \(command.distance(from: command.startIndex, to: index)) closes nothing")
                }
                literal.append("}")
                index = command.index(after: next)
            } else {
                literal.append(character)
                index = next
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        self.pieces = pieces
    }

    /// The placeholder names, in order of first use.
    var placeholders: [String] {
        var seen = Set<String>()
        return pieces.compactMap { piece in
            if case let .placeholder(name) = piece, seen.insert(name).inserted { return name }
            return nil
        }
    }

    /// The command with each placeholder replaced by ``format(_:)`` of its value.
    /// - Returns: `nil` when a placeholder has no value.
    func substitute(_ values: [String: Double]) -> String? {
        var command = ""
        for piece in pieces {
            switch piece {
            case let .literal(text): command += text
            case let .placeholder(name):
                guard let value = values[name] else { return nil }
                command += Self.format(value)
            }
        }
        return command
    }

    /// A number as the shell sees it: `%.6g` (`0.5`, `1e-07`, `-3.25`), or the plain
    /// words `nan`, `inf`, `-inf`.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return String(format: "%.6g", value)
    }
}

/// Why a command template could not be parsed.
struct TemplateSyntaxError: Error, Equatable {
    var reason: String
}
