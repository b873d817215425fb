import Foundation

extension TrainConfig {
    /// The log directory this configuration resolves to (`nil` for ``LogLocation/none``),
    /// by the trainer's rule: `train_log/<name>` under the environment's root, or the given
    /// path (a relative one resolved against the root).
    public var logDirectoryURL: URL? {
        let root = environment.root
        switch logLocation {
        case .none: return nil
        case .automatic: return root.appendingPathComponent("train_log").appendingPathComponent(name)
        case let .at(path): return path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
        }
    }
}
