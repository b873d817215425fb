/// The version of the Loom package, written into checkpoints and printed by `loom info`.
public enum LoomVersion {
    /// Semantic version string of this build of Loom.
    public static let string = "0.1.0"
}
