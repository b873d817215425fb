import Foundation

/// Fixed-length (input, next-token) windows over a token sequence, for language models.
///
/// Window `i` starts at token `i · stride`: its input is the `length` tokens from there,
/// its target the same tokens shifted by one (each input token's successor). Datapoint:
/// `[input, target]`, both `.ints(shape: [length])`; `BatchData` makes them `[B, length]`.
/// Windows that would run past the last token are left out.
///
/// ```swift
/// let text = try TextWindows.readText(url)
/// let vocabulary = try CharacterVocabulary.prepared(for: text, in: logDirectory)
/// let windows = try TextWindows(tokens: vocabulary.encode(text), length: 64)
/// ```
public final class TextWindows: RandomAccessDataFlow {
    /// The token ids.
    public let tokens: [Int32]
    /// Tokens per window.
    public let length: Int
    /// Tokens between the starts of consecutive windows.
    public let stride: Int
    /// The number of windows.
    public let size: Int

    /// Creates the windows of `tokens`.
    /// - Parameters:
    ///   - tokens: The token ids, at least `length + 1` of them.
    ///   - length: Tokens per window, at least 1.
    ///   - stride: Tokens between window starts (default `length`: windows do not overlap).
    /// - Throws: `DataFlowError.invalidArgument` for a bad length or stride or too few tokens.
    public init(tokens: [Int32], length: Int, stride: Int? = nil) throws {
        let stride = stride ?? length
        guard length >= 1, stride >= 1 else {
            throw DataFlowError.invalidArgument("TextWindows needs a length and stride of at least 1, got \(length) and \(stride)")
        }
        guard tokens.count > length else {
            throw DataFlowError.invalidArgument("TextWindows needs more than \(length) tokens for windows of \(length), got \(tokens.count); use a longer text or a shorter length")
        }
        self.tokens = tokens
        self.length = length
        self.stride = stride
        size = (tokens.count - 1 - length) / stride + 1
    }

    /// Reads a UTF-8 text file (raw or gzip).
    /// - Parameter url: The file.
    /// - Returns: Its text.
    /// - Throws: `DatasetReadError.cannotOpen` for a missing file or one that is not UTF-8.
    public static func readText(_ url: URL) throws -> String {
        let bytes = try FileBytes.read(url)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DatasetReadError.cannotOpen(file: url.path, reason: "it is not UTF-8 text")
        }
        return text
    }

    /// The number of windows.
    public var count: Int? { size }

    /// Nothing to prepare.
    public func resetState() throws {}

    /// Windows in order.
    public func makeIterator() -> IndexedIterator<TextWindows> { IndexedIterator(flow: self) }

    /// `[input, target]` of window `index`.
    /// - Throws: `DataFlowError.invalidArgument` for an index out of range.
    public func datapoint(at index: Int) throws -> Datapoint {
        guard index >= 0, index < size else { throw DataFlowError.invalidArgument("window \(index) is out of range 0..<\(size)") }
        let start = index * stride
        return [.ints(shape: [length], values: Array(tokens[start..<(start + length)])),
                .ints(shape: [length], values: Array(tokens[(start + 1)...(start + length)]))]
    }

    /// No generator.
    public var state: FlowState { FlowState(kind: "array") }

    /// Checks the state kind.
    public func restore(_ state: FlowState) throws { try state.check(kind: "array", upstreamCount: 0) }
}
