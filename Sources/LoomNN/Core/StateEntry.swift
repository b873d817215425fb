/// One piece of a layer's state, as reported by ``Layer/visitState(prefix:_:)``.
public enum StateEntry {
    /// A trainable parameter.
    case parameter(Parameter)
    /// A non-trainable buffer (moving statistics).
    case buffer(Buffer)
}
