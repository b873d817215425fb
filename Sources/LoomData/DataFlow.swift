/// Placeholder: replaced by the data pipeline.
public protocol DataFlow {}
