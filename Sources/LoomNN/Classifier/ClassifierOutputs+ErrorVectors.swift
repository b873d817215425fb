extension ClassifierOutputs {
    /// Which per-sample error vectors a step computes. Each costs a top-k search over the
    /// logits, so a training step computes only those its caller asked for.
    public struct ErrorVectors: OptionSet, Sendable, Hashable {
        /// The raw bits.
        public let rawValue: UInt8

        /// Creates a set from its raw bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// ``ClassifierOutputs/wrongTop1`` (outputs `wrong-top1`, `train-error-top1`).
        public static let top1 = ErrorVectors(rawValue: 1 << 0)
        /// ``ClassifierOutputs/wrongTopK`` (outputs `wrong-top5`, `train-error-top5`).
        public static let topK = ErrorVectors(rawValue: 1 << 1)
        /// Both.
        public static let all: ErrorVectors = [.top1, .topK]

        /// The vectors needed for the named outputs (see ``ClassifierOutputs/outputNames``);
        /// other names need none.
        /// - Parameter outputs: Output names, e.g. a step request's fetches.
        public init(outputs: some Sequence<String>) {
            self = []
            for name in outputs {
                switch name {
                case "wrong-top1", "train-error-top1": insert(.top1)
                case "wrong-top5", "train-error-top5": insert(.topK)
                default: break
                }
            }
        }
    }
}
