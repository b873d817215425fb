import Foundation

/// Builds an SVG document as text: elements with ordered, escaped attributes.
struct SVGWriter {
    private var lines: [String]
    private var depth = 1

    /// Starts a document of `width` × `height` pixels with a white background.
    init(width: Int, height: Int, title: String) {
        lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"12\">",
            "  <title>\(Self.escape(title))</title>",
            "  <rect width=\"\(width)\" height=\"\(height)\" fill=\"white\"/>",
        ]
    }

    /// Adds an element, empty or with escaped `text` content.
    mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>, extra: [(String, String)] = [], text: String? = nil) {
        let start = "<" + name + Self.attributes(Array(attributes) + extra)
        lines.append(indent + (text.map { start + ">" + Self.escape($0) + "</\(name)>" } ?? start + "/>"))
    }

    /// Opens a container element; pair with ``close(_:)``.
    mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        lines.append(indent + "<" + name + Self.attributes(Array(attributes)) + ">")
        depth += 1
    }

    /// Closes the container opened last.
    mutating func close(_ name: String) {
        depth -= 1
        lines.append(indent + "</\(name)>")
    }

    /// The document's text.
    func finished() -> String { (lines + ["</svg>"]).joined(separator: "\n") + "\n" }

    /// A coordinate with at most 2 decimals (`12.5`, `3`).
    static func number(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped for XML.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }
}
